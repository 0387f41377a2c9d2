import type { Arrival, Geofence } from "@dq/shared";
import type { BranchContext } from "../core/branch-context.ts";
import { notFound } from "../core/errors.ts";
import type { TicketRow } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import type { QueueDeps } from "./deps.ts";
import { notWaiting } from "./postpone.ts";
import { remoteRefusal } from "./remote-limits.ts";
import { findTicketByCode, lockTicket, updateTicket } from "./repository.ts";
import { appendTicketEvent } from "./ticket-events.ts";
import { isDoorKey } from "./visitor-hash.ts";

/**
 * A phone's reported position may be off by its accuracy; up to this much of it is forgiven, so
 * that a coarse fix (a whole district) cannot check anyone in.
 */
export const MAX_ACCURACY_SLACK_METERS = 100;

const EARTH_RADIUS_METERS = 6_371_000;

/** The great-circle distance between two points, in metres (haversine). */
export function distanceMeters(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
) {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Why an arrival is not accepted (409 with `details.reason`), or null when it is. */
async function arrivalRefusal(deps: QueueDeps, branch: BranchContext, arrival: Arrival) {
  if ("doorKey" in arrival) {
    if (await isDoorKey(deps.db, branch.id, arrival.doorKey)) return null;
    return remoteRefusal("door_key_invalid", "this is not the door key of this office", {
      ru: "Этот QR-код не от двери этого офиса",
      en: "This QR code is not from this office's door",
    });
  }
  const fence: Geofence | null = branch.settings.remoteJoin.geofence;
  if (!fence) {
    return remoteRefusal("geofence_not_set", "the office accepts arrivals only by the door's QR code", {
      ru: "Отсканируйте QR-код у входа в офис",
      en: "Scan the QR code at the office's entrance",
    });
  }
  const distance = distanceMeters(fence, arrival);
  const slack = Math.min(arrival.accuracyMeters ?? 0, MAX_ACCURACY_SLACK_METERS);
  if (distance - slack <= fence.radiusMeters) return null;
  const meters = Math.round(distance);
  return remoteRefusal(
    "outside_geofence",
    `the phone is ${meters} m from the office; at most ${fence.radiusMeters} m counts as here`,
    {
      ru: `Вы в ${meters} м от офиса — отметьтесь, когда будете рядом или у входа`,
      en: `You are ${meters} m from the office — check in when you are near or at the entrance`,
    },
    { distanceMeters: meters, radiusMeters: fence.radiusMeters },
  );
}

/**
 * «Я на месте» (docs/remote-join.md, "Check in on arrival"): the holder of a ticket that waits for
 * its arrival is in the office, by the phone's position or the door's QR key; call next may take
 * it from now on. A waiting ticket that needs no arrival, or has arrived already (a double tap,
 * or staff called it by hand before), is answered as it is (200, nothing changes); one no longer
 * waiting is 409 not_waiting.
 */
export async function arriveByCode(
  deps: QueueDeps,
  code: string,
  arrival: Arrival,
  loadBranch: (id: string) => Promise<BranchContext>,
): Promise<TicketRow> {
  const found = await findTicketByCode(deps.db, code);
  if (!found) throw notFound("ticket");
  if (found.status !== "waiting") throw notWaiting(found.status);
  if (!found.arrival_required || found.arrived_at !== null) return found;
  const branch = await loadBranch(found.branch_id);
  const refusal = await arrivalRefusal(deps, branch, arrival);
  if (refusal) throw refusal;
  const now = deps.clock();
  return inTransaction(deps.db, async (tx) => {
    const t = (await lockTicket(tx, branch.id, found.id))!;
    if (t.arrived_at !== null) return t;
    if (t.status !== "waiting") throw notWaiting(t.status);
    const updated = await updateTicket(tx, t.id, { arrived_at: now, updated_at: now });
    await appendTicketEvent(tx, branch, "ticket.updated", updated, {}, now, { change: "arrived" });
    return updated;
  });
}
