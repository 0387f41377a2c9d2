import type { Ticket, WaitEstimate } from "@dq/shared";
import type { Executor } from "../db/executor.ts";
import type { TicketRow } from "../db/schema.ts";
import { zonedIso } from "./calendar.ts";
import { positionAndLoad, type ServiceLoad } from "./repository.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { legacyEstimate } from "./wait-range.ts";

/** A promise about one ticket's wait: the range and expected minutes, and when the call is expected. */
export interface Quote {
  wait: WaitEstimate;
  callAt: Date;
}

/** A quote as the API shows it. */
export function quoteFields(quote: Quote | null, timezone: string) {
  return {
    estimatedWait: quote?.wait ?? null,
    expectedCallAt: quote ? zonedIso(quote.callAt, timezone) : null,
  };
}

function quoteAt(wait: WaitEstimate, now: Date): Quote {
  return { wait, callAt: new Date(now.getTime() + wait.expectedMinutes * 60_000) };
}

/**
 * The estimate for `position` people ahead, from a service's load figures; none while nobody
 * serves the service (nobody signed in yet, all on a break): a wait in minutes would be a promise
 * nobody is there to keep. The ticket can still be taken; the kiosk says nobody serves now.
 */
export function estimateFromLoad(position: number, load: ServiceLoad, now: Date): Quote | null {
  if (load.servers === 0) return null;
  const wait = legacyEstimate({
    position,
    averageServiceMinutes: load.recent_minutes ?? load.expected_service_minutes,
    servers: load.servers,
  });
  return quoteAt(wait, now);
}

/** Position and the quote of a waiting ticket; nulls for tickets not waiting. */
export async function positionAndQuote(db: Executor, t: TicketRow, now: Date) {
  if (t.status !== "waiting") return { position: null, quote: null };
  const load = await positionAndLoad(db, t, now);
  return { position: load.position, quote: estimateFromLoad(load.position, load, now) };
}

export async function ticketWithEstimate(
  db: Executor,
  t: TicketRow,
  now: Date,
  timezone: string,
): Promise<Ticket> {
  const { position, quote } = await positionAndQuote(db, t, now);
  return toTicketDto(t, { position, ...quoteFields(quote, timezone) });
}
