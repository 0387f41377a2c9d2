/**
 * A random Idempotency-Key. Kiosks often run on plain http inside an office network, where
 * crypto.randomUUID is unavailable (it needs a secure context); getRandomValues is not restricted.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `kiosk-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
