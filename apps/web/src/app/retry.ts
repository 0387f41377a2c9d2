import { isServerUnreachable } from "./api.ts";

/** The longest wait between two tries: a screen is back at most this long after the server is. */
export const MAX_RETRY_DELAY_MS = 15_000;
const FIRST_RETRY_DELAY_MS = 1000;
/** Tries of any other failed read on a staff screen, as TanStack Query does by default. */
const STAFF_OTHER_ERROR_RETRIES = 3;

/**
 * The wait before the next try of a read that has failed `failureCount` times before (0 for the
 * first failure, as TanStack Query counts): doubling from 1 s, spread by ±20 % so that every screen
 * of an office does not come back at the same instant, never sooner than the server's Retry-After
 * and never longer than 15 s. `random` is in [0, 1); 0.5 gives the plain doubling.
 */
export function retryDelay(failureCount: number, error: unknown, random: () => number = Math.random): number {
  const backoff = FIRST_RETRY_DELAY_MS * 2 ** failureCount * (0.8 + 0.4 * random());
  const retryAfter = isServerUnreachable(error) ? (error.retryAfterSeconds ?? 0) * 1000 : 0;
  return Math.round(Math.min(MAX_RETRY_DELAY_MS, Math.max(backoff, retryAfter)));
}

/**
 * Staff screens: while the server is unreachable a read is tried again for as long as it takes (the
 * screen shows "reconnecting" meanwhile); any other error is tried three more times, then shown.
 */
export function staffRetry(failureCount: number, error: unknown): boolean {
  return isServerUnreachable(error) || failureCount < STAFF_OTHER_ERROR_RETRIES;
}
