import type { Ticket } from "@dq/shared";
import type { Executor } from "../db/executor.ts";
import type { TicketRow } from "../db/schema.ts";
import { positionAndLoad, type ServiceLoad } from "./repository.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { estimateWait } from "./wait-range.ts";

/** The estimate for `position` people ahead, from a service's load figures. */
export function estimateFromLoad(position: number, load: ServiceLoad) {
  return estimateWait({
    position,
    averageServiceMinutes: load.recent_minutes ?? load.expected_service_minutes,
    // Nobody signed in yet (early morning): assume the configured windows will open.
    servers: load.servers || load.configured_servers,
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
