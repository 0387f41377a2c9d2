import { ApiError, isServerUnreachable } from "../../app/api.ts";

/**
 * Why a booking (or a reschedule) failed, as the page acts on it: `pickAgain` sends the visitor back
 * to the times (reloaded), `fields` marks the form, anything else is a message beside the button.
 */
export type BookingFailure =
  | { kind: "pickAgain"; text: "slotFull" | "notASlot" }
  | { kind: "fields"; fields: Record<string, { code: string; message: string }> }
  | { kind: "message"; text: BookingMessage; count?: number };

export type BookingMessage =
  | "tooMany"
  | "rateLimited"
  | "rateLimitedSoon"
  | "network"
  | "serviceGone"
  | "notBookable"
  | "generic";

export function bookingFailure(error: unknown): BookingFailure {
  if (!(error instanceof ApiError)) return { kind: "message", text: "generic" };
  // (Through a copy: the guard would narrow `error` itself to never below.)
  const reached: unknown = error;
  if (isServerUnreachable(reached)) return { kind: "message", text: "network" };
  switch (error.code) {
    case "slot_full":
      return { kind: "pickAgain", text: "slotFull" };
    case "not_a_slot":
      return { kind: "pickAgain", text: "notASlot" };
    case "too_many_appointments":
      return { kind: "message", text: "tooMany" };
    case "validation_error": {
      const fields = error.fieldErrors;
      return Object.keys(fields).length > 0
        ? { kind: "fields", fields }
        : { kind: "message", text: "generic" };
    }
  }
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds;
    return seconds
      ? { kind: "message", text: "rateLimited", count: seconds }
      : { kind: "message", text: "rateLimitedSoon" };
  }
  if (error.status === 404) return { kind: "message", text: "serviceGone" };
  // A cancelled, checked-in or past appointment the page still offered to change.
  if (error.status === 409 || error.status === 422) return { kind: "message", text: "notBookable" };
  return { kind: "message", text: "generic" };
}

/** How long one tap keeps trying to get through before the page says there is no connection. */
export const SEND_GIVE_UP_MS = 15_000;

/**
 * Whether to send the same request again at once (same Idempotency-Key, so at most one booking):
 * the server is out of reach for a moment, or still busy with the first copy of this request.
 */
export function shouldResend(error: unknown, elapsedMs: number): boolean {
  if (elapsedMs >= SEND_GIVE_UP_MS) return false;
  return isServerUnreachable(error) || (error instanceof ApiError && error.code === "idempotency_key_in_use");
}

/** The wait before sending again: the server's Retry-After (1–5 s) when it gave one, else 2 s. */
export function resendDelayMs(error: unknown): number {
  const seconds = error instanceof ApiError ? error.retryAfterSeconds : null;
  return seconds === null ? 2000 : Math.min(5000, Math.max(1000, seconds * 1000));
}

/**
 * A random Idempotency-Key. Offices often serve plain http inside their network, where
 * crypto.randomUUID is unavailable (it needs a secure context); getRandomValues is not restricted.
 */
export function newBookingKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `book-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
