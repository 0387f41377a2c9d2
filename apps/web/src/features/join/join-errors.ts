import { ApiError, isServerUnreachable } from "../../app/api.ts";
import { reasonText } from "./reason.ts";

/**
 * Why joining failed, as the page shows it: the server's own words for a refusal (`details.reason`
 * of a 409), marks on the form's fields, or one of the page's messages.
 */
export type JoinFailure =
  | { kind: "reason"; text: string; code: string }
  | { kind: "fields"; fields: Record<string, { code: string; message: string }> }
  | { kind: "message"; text: JoinMessage; count?: number };

export type JoinMessage =
  | "closed"
  | "outsideHours"
  | "limitReached"
  | "serviceGone"
  | "rateLimited"
  | "rateLimitedSoon"
  | "network"
  | "generic";

/** Kiosk-like refusals of a closed service (422), by their codes. */
const CLOSED: Record<string, JoinMessage> = {
  service_closed: "closed",
  outside_opening_hours: "outsideHours",
  daily_limit_reached: "limitReached",
  remote_join_disabled: "closed",
};

export function joinFailure(error: unknown, lang: string): JoinFailure {
  if (!(error instanceof ApiError)) return { kind: "message", text: "generic" };
  const reached: unknown = error;
  if (isServerUnreachable(reached)) return { kind: "message", text: "network" };
  const reason = reasonText(error.details, lang);
  if (error.status === 409 && reason) return { kind: "reason", text: reason, code: error.code };
  const closed = CLOSED[error.code];
  if (closed) return { kind: "message", text: closed };
  if (error.code === "validation_error") {
    const fields = error.fieldErrors;
    if (Object.keys(fields).length > 0) return { kind: "fields", fields };
  }
  if (error.status === 429) {
    const seconds = error.retryAfterSeconds;
    return seconds
      ? { kind: "message", text: "rateLimited", count: seconds }
      : { kind: "message", text: "rateLimitedSoon" };
  }
  if (error.status === 404 || error.status === 422 || error.status === 400)
    return { kind: "message", text: "serviceGone" };
  return { kind: "message", text: "generic" };
}
