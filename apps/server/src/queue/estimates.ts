import type { Ticket, WaitEstimate } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import type { TicketRow, TicketUpdate } from "../db/schema.ts";
import { zonedIso } from "./calendar.ts";
import type { QueueDeps } from "./deps.ts";
import { WaitForecasts } from "./forecast/cache.ts";
import { type CallForecast, type Forecast, probeKey } from "./forecast/model.ts";
import { positionOf, type ServiceLoad, serviceLoad, serviceLoadColumns } from "./repository.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { legacyEstimate } from "./wait-range.ts";

/**
 * Wait estimates (docs/estimates.md): quotes for waiting tickets and for "a ticket taken now",
 * read from the branch's forecast (forecast/), or from the legacy formula when the deps ask for it.
 * No estimate while nobody serves the service (nobody signed in yet, all on a break): a wait in
 * minutes would be a promise nobody is there to keep.
 */

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

const MINUTE = 60_000;

/** The app's forecast cache (see forecast/cache.ts), or a fresh one for code that keeps none. */
function forecastsOf(deps: QueueDeps): WaitForecasts {
  return deps.forecasts ?? new WaitForecasts();
}

/**
 * The wait from `from` as a quote: the 10th–90th percentile of the simulated call times to the
 * nearest whole minute (at least "up to a minute"; rounding outwards would promise more than 80 %),
 * and the mean. None when the forecast does not see the ticket called today in most runs.
 */
export function quoteFromForecast(call: CallForecast, from: Date): Quote | null {
  if (!Number.isFinite(call.p90) || call.calledShare < 0.9) return null;
  const t = from.getTime();
  const minutes = (at: number) => Math.max(0, at - t) / MINUTE;
  const min = Math.round(minutes(call.p10));
  const max = Math.max(1, min, Math.round(minutes(call.p90)));
  const expected = Math.round(minutes(call.mean) * 10) / 10;
  return {
    wait: { minMinutes: min, maxMinutes: max, expectedMinutes: expected },
    callAt: new Date(Math.max(t, call.mean)),
  };
}

/**
 * The quote of a waiting ticket now; null for tickets not waiting. A tracking page (`display`)
 * may show the forecast from just before the latest change while the next one is computed, so
 * that hundreds of pages refreshing after a call do not all wait for it.
 */
export async function quoteWaiting(
  deps: QueueDeps,
  branch: BranchContext,
  t: TicketRow,
  use: "exact" | "display" = "exact",
): Promise<Quote | null> {
  if (t.status !== "waiting") return null;
  const now = deps.clock();
  if (deps.waitPredictor === "legacy") {
    const [position, load] = await Promise.all([
      positionOf(deps.db, t),
      serviceLoad(deps.db, t.service_id, now),
    ]);
    return legacyQuote(position, load, now);
  }
  const whileComputing = use === "display" ? "previous" : "wait";
  const forecast = await forecastsOf(deps).current(deps, branch, { whileComputing });
  const call = forecast.tickets.get(t.id);
  return call && forecast.servedServices.has(t.service_id) ? quoteFromForecast(call, now) : null;
}

/** The quote for a ticket of this service and category priority if it were taken now. */
export async function quoteNew(
  deps: QueueDeps,
  branch: BranchContext,
  serviceId: string,
  priority: number,
): Promise<Quote | null> {
  const now = deps.clock();
  if (deps.waitPredictor === "legacy") return legacyQuoteNew(deps, serviceId, priority, now);
  return probeQuote(await forecastsOf(deps).current(deps, branch), serviceId, priority, now);
}

/** Quotes for a new ordinary ticket in each of these services, from one forecast. */
export async function quoteNewForServices(
  deps: QueueDeps,
  branch: BranchContext,
  services: readonly { id: string; waiting: number; load: ServiceLoad }[],
): Promise<Map<string, Quote | null>> {
  const now = deps.clock();
  if (deps.waitPredictor === "legacy") {
    return new Map(services.map((s) => [s.id, legacyQuote(s.waiting, s.load, now)]));
  }
  const forecast = await forecastsOf(deps).current(deps, branch);
  return new Map(services.map((s) => [s.id, probeQuote(forecast, s.id, 0, now)]));
}

function probeQuote(forecast: Forecast, serviceId: string, priority: number, now: Date): Quote | null {
  const call = forecast.probes.get(probeKey(serviceId, priority));
  return call && forecast.servedServices.has(serviceId) ? quoteFromForecast(call, now) : null;
}

/** The estimate before the forecast (wait-range.ts), kept for the accuracy benchmark's comparison. */
function legacyQuote(position: number, load: ServiceLoad, now: Date): Quote | null {
  if (load.servers === 0) return null;
  const wait = legacyEstimate({
    position,
    averageServiceMinutes: load.recent_minutes ?? load.expected_service_minutes,
    servers: load.servers,
  });
  return { wait, callAt: new Date(now.getTime() + wait.expectedMinutes * MINUTE) };
}

async function legacyQuoteNew(deps: QueueDeps, serviceId: string, priority: number, now: Date) {
  const row = await sql<ServiceLoad & { ahead: number }>`
    select ${serviceLoadColumns(now)},
      (select count(*)::int from tickets o where o.service_id = s.id and o.status = 'waiting'
         and o.priority >= ${priority} and (not o.arrival_required or o.arrived_at is not null)) as ahead
    from services s where s.id = ${serviceId}
  `.execute(deps.db);
  const load = row.rows[0];
  return load ? legacyQuote(load.ahead, load, now) : null;
}

/** A ticket as the API returns it: with its position and quote while it waits. */
export async function ticketWithEstimate(
  deps: QueueDeps,
  branch: BranchContext,
  t: TicketRow,
): Promise<Ticket> {
  if (t.status !== "waiting") return toTicketDto(t);
  const [position, quote] = await Promise.all([positionOf(deps.db, t), quoteWaiting(deps, branch, t)]);
  return toTicketDto(t, { position, ...quoteFields(quote, branch.timezone) });
}

/** The quote recorded at issue, as the issuing response shows it (the same promise that was stored). */
export function recordedQuote(t: TicketRow): Quote | null {
  if (t.quoted_min_minutes === null || t.quoted_max_minutes === null || t.quoted_expected_minutes === null) {
    return null;
  }
  const expected = Math.round(t.quoted_expected_minutes * 10) / 10;
  return {
    wait: { minMinutes: t.quoted_min_minutes, maxMinutes: t.quoted_max_minutes, expectedMinutes: expected },
    callAt: new Date(t.issued_at.getTime() + expected * MINUTE),
  };
}

/**
 * The latest quote the visitor could have seen before this call, from the last forecast this
 * process made (no new work on the call's path); nothing when there is none.
 */
export async function latestQuoteColumns(
  deps: QueueDeps,
  branchId: string,
  ticketId: string,
): Promise<TicketUpdate> {
  if (deps.waitPredictor === "legacy") return {};
  const forecast = deps.forecasts?.latest(branchId) ?? null;
  const call = forecast?.tickets.get(ticketId);
  if (!forecast || !call || !forecast.servedServices.has(call.serviceId)) return {};
  const quote = quoteFromForecast(call, new Date(forecast.at));
  if (!quote) return {};
  return {
    latest_quoted_min_minutes: quote.wait.minMinutes,
    latest_quoted_max_minutes: quote.wait.maxMinutes,
    latest_quoted_expected_minutes: quote.wait.expectedMinutes,
    latest_quoted_at: new Date(forecast.at),
  };
}
