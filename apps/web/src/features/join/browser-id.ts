const BROWSER_ID_KEY = "dq.browserId";

/**
 * Random hex. Offices often serve plain http, where crypto.randomUUID is unavailable (it needs a
 * secure context); getRandomValues is not restricted.
 */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}

/** A fresh Idempotency-Key for one attempt to join. */
export const newJoinKey = () => `join-${randomHex(16)}`;

/**
 * This browser's random id, made once and kept: the server counts remote tickets per browser a day
 * (as a keyed hash). Null where the browser keeps nothing (private mode with storage blocked).
 */
export function browserId(
  storage: Pick<Storage, "getItem" | "setItem"> | undefined = globalThis.localStorage,
) {
  try {
    const saved = storage?.getItem(BROWSER_ID_KEY);
    if (saved && /^[A-Za-z0-9_-]{16,64}$/.test(saved)) return saved;
    const made = randomHex(16);
    storage?.setItem(BROWSER_ID_KEY, made);
    return storage ? made : null;
  } catch {
    return null;
  }
}
