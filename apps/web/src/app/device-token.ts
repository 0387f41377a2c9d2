/** Each kind of screen keeps its own token: one box may run a kiosk and a board side by side. */
const storageKey = (kind: DeviceScreen) => `dq.deviceToken.${kind}`;

export type DeviceScreen = "kiosk" | "board" | "counter";

/**
 * A kiosk or board is set up once by opening `/kiosk?token=…`: the token is kept on the device
 * and removed from the address bar, so it does not linger in history or screenshots.
 */
export function readDeviceToken(kind: DeviceScreen): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get("token");
  if (fromUrl) {
    localStorage.setItem(storageKey(kind), fromUrl);
    url.searchParams.delete("token");
    window.history.replaceState(null, "", url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return localStorage.getItem(storageKey(kind));
}
