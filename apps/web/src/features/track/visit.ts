import { NO_SHOW_UNDO_SECONDS, type TicketStatus } from "@dq/shared";

/**
 * A no-show may still be undone by the operator for `NO_SHOW_UNDO_SECONDS`; the page follows it a
 * little longer than that (the request and the event take their time too).
 */
export const FOLLOW_NO_SHOW_MS = (NO_SHOW_UNDO_SECONDS + 5) * 1000;

/**
 * Until when (ms on this device's clock) the page follows a ticket it first saw in `status` at
 * `seenAt`: for ever while the visit goes on, not at all once it is served or cancelled (nothing
 * moves such a ticket again), and a no-show only while it may be undone.
 */
export function followUntil(status: TicketStatus, seenAt: number): number {
  switch (status) {
    case "served":
    case "cancelled":
      return seenAt;
    case "no_show":
      return seenAt + FOLLOW_NO_SHOW_MS;
    default:
      return Number.POSITIVE_INFINITY;
  }
}

/**
 * An answer that will not change by asking again: no such ticket (404) or not a code at all (400).
 * Anything else (an unreachable server, 429, 5xx) is worth another try.
 */
export function isNotFound(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 404 || status === 400;
}
