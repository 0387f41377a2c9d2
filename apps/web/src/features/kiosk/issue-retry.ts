import { ApiError, isServerUnreachable } from "../../app/api.ts";

/** How long a visitor's tap keeps trying to get its ticket before the kiosk says it could not. */
export const ISSUE_GIVE_UP_MS = 30_000;
const ISSUE_RETRY_MS = 2000;
/** Retry-After is kept within these bounds: the visitor is standing there, and a 0 must not spin. */
const ISSUE_RETRY_MIN_MS = 1000;
const ISSUE_RETRY_MAX_MS = 5000;

/**
 * Whether to send the same request again (with the same Idempotency-Key, so that at most one
 * ticket is issued): the server or its database is unreachable, or the server is still busy with
 * the first copy of this request — and the visitor has not waited too long yet.
 */
export function shouldRetryIssue(error: unknown, elapsedMs: number): boolean {
  if (elapsedMs >= ISSUE_GIVE_UP_MS) return false;
  return isServerUnreachable(error) || (error instanceof ApiError && error.code === "idempotency_key_in_use");
}

/** The wait before the next try: the server's Retry-After when it gave one (1–5 s), else 2 s. */
export function issueRetryDelayMs(error: unknown): number {
  const seconds = error instanceof ApiError ? error.retryAfterSeconds : null;
  if (seconds === null) return ISSUE_RETRY_MS;
  return Math.min(ISSUE_RETRY_MAX_MS, Math.max(ISSUE_RETRY_MIN_MS, seconds * 1000));
}

/**
 * Sends a ticket request until it goes through or is refused: again (the same request, the same
 * Idempotency-Key) while the server is unreachable or still busy with it, for at most
 * ISSUE_GIVE_UP_MS. A refusal, or the last failure, is thrown.
 */
export async function sendRetrying<T>(send: () => Promise<T>): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (!shouldRetryIssue(error, Date.now() - started)) throw error;
      await new Promise((r) => setTimeout(r, issueRetryDelayMs(error)));
    }
  }
}
