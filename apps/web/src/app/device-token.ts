const STORAGE_KEY = "dq.deviceToken";

/**
 * A kiosk or board is set up once by opening `/kiosk?token=…`: the token is kept on the device
 * and removed from the address bar, so it does not linger in history or screenshots.
 */
export function readDeviceToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    localStorage.setItem(STORAGE_KEY, fromUrl);
    url.searchParams.delete("token");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return localStorage.getItem(STORAGE_KEY);
}
