import { ApiError, isServerUnreachable } from "../../app/api.ts";
import { reasonText } from "../join/reason.ts";

/** The words for a refused postpone: the server's own (details.reason) when it gave them. */
export function postponeFailureKey(error: unknown): "limit" | "notWaiting" | "tooFar" | "failed" {
  const reached: unknown = error;
  if (!(error instanceof ApiError) || isServerUnreachable(reached)) return "failed";
  if (error.code === "postpone_limit_reached") return "limit";
  if (error.code === "not_waiting") return "notWaiting";
  if (error.status === 400) return "tooFar";
  return "failed";
}

/** The distance a refusal `outside_geofence` names, in whole metres; null without one. */
export function refusedDistance(details: unknown): number | null {
  const d = details as { distanceMeters?: unknown } | null | undefined;
  return typeof d?.distanceMeters === "number" ? Math.round(d.distanceMeters) : null;
}

/** Why an arrival was refused: the server's own words when it gave them, else the page's. */
export function arrivalRefusal(
  error: unknown,
  lang: string,
): { words: string | null; key: "failed" | "outside" | "notInOffice"; count?: number; qr: boolean } {
  const reached: unknown = error;
  if (!(error instanceof ApiError) || isServerUnreachable(reached))
    return { words: null, key: "failed", qr: false };
  const words = reasonText(error.details, lang);
  const distance = refusedDistance(error.details);
  if (error.code === "outside_geofence" && distance !== null)
    return { words, key: "outside", count: distance, qr: true };
  return { words, key: "notInOffice", qr: true };
}

/** Why subscribing failed, as the notifications panel words it. */
export function subscribeFailureKey(
  error: unknown,
): "network" | "tooMany" | "finished" | "unavailable" | "failed" {
  const reached: unknown = error;
  if (isServerUnreachable(reached)) return "network";
  if (!(error instanceof ApiError)) return "failed";
  const known = {
    too_many_subscriptions: "tooMany",
    ticket_finished: "finished",
    channel_unavailable: "unavailable",
  } as const;
  return known[error.code as keyof typeof known] ?? "failed";
}
