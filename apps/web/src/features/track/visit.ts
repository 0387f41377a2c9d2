import { NO_SHOW_UNDO_SECONDS, type TicketStatus, type WaitEstimate } from "@dq/shared";

/** The tracking page's wait line, a whole phrase: "Wait: under a minute", "Wait: 5–10 min". */
export function waitPhrase(e: WaitEstimate): {
  key: "track.waitUnderMinute" | "track.waitUpTo" | "track.waitRange";
  params: { min: number; max: number };
} {
  const params = { min: e.minMinutes, max: e.maxMinutes };
  if (e.maxMinutes <= 1) return { key: "track.waitUnderMinute", params };
  if (e.minMinutes <= 0) return { key: "track.waitUpTo", params };
  return { key: "track.waitRange", params };
}

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
