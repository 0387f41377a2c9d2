import type { Ticket, WaitEstimate } from "@dq/shared";
import type { Executor } from "../db/executor.ts";
import type { TicketRow } from "../db/schema.ts";
import { positionAndLoad, type ServiceLoad } from "./repository.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { estimateWait } from "./wait-range.ts";

/**
 * The estimate for `position` people ahead, from a service's load figures; none while nobody
 * serves the service (nobody signed in yet, all on a break): a wait in minutes would be a promise
 * nobody is there to keep. The ticket can still be taken; the kiosk says nobody serves now.
 */
export function estimateFromLoad(position: number, load: ServiceLoad): WaitEstimate | null {
  if (load.servers === 0) return null;
  return estimateWait({
    position,
    averageServiceMinutes: load.recent_minutes ?? load.expected_service_minutes,
    servers: load.servers,
  });
}

/** Position and the estimated wait range of a waiting ticket; null for tickets not waiting. */
export async function positionAndEstimate(db: Executor, t: TicketRow, now: Date) {
  if (t.status !== "waiting") return { position: null, estimatedWait: null };
  const load = await positionAndLoad(db, t, now);
  return { position: load.position, estimatedWait: estimateFromLoad(load.position, load) };
}

export async function ticketWithEstimate(db: Executor, t: TicketRow, now: Date): Promise<Ticket> {
  return toTicketDto(t, await positionAndEstimate(db, t, now));
}
