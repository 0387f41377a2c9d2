import type { WeekSchedule } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { closingToday, localTime } from "../calendar.ts";
import { servesSql } from "../eligibility.ts";
import { recentCallClasses } from "../repository.ts";
import { DEFAULT_PAUSE_MINUTES, type HistoryStats } from "./history-stats.ts";
import type { ForecastServer, ForecastService, ForecastState, Probe } from "./model.ts";

/** With fewer observed calls than this, a service's busy times come from its expected service time. */
const MIN_SAMPLES = 10;
/** The prior's shape: an exponential spread (coefficient of variation 1) around the expected time. */
const PRIOR_POINTS = 20;

/** The branch's live state as the forecast needs it: who waits, who serves what, who is busy or away. */
export async function loadForecastState(
  db: Executor,
  branch: BranchContext,
  stats: HistoryStats,
  now: Date,
): Promise<ForecastState> {
  const [services, waiting, servers, priorities, recentCalls] = await Promise.all([
    loadServices(db, branch, stats, now),
    db
      .selectFrom("tickets")
      .select(["id", "service_id", "priority", "enqueued_at", "booked_for", "arrival_required", "arrived_at"])
      .where("branch_id", "=", branch.id)
      .where("status", "=", "waiting")
      .execute(),
    loadServers(db, branch.id, stats, now),
    db
      .selectFrom("categories")
      .select("priority")
      .distinct()
      .where("branch_id", "=", branch.id)
      .where("active", "=", true)
      .where("deleted_at", "is", null)
      .execute(),
    recentCallClasses(db, branch.id, 32),
  ]);
  const levels = [...new Set([0, ...priorities.map((p) => p.priority)])];
  const probes: Probe[] = [...services.keys()].flatMap((serviceId) =>
    levels.map((priority) => ({ serviceId, priority })),
  );
  const waitingRows = waiting.map((t) => ({
    id: t.id,
    serviceId: t.service_id,
    priority: t.priority,
    enqueuedAt: new Date(t.enqueued_at).getTime(),
    appointment: t.booked_for !== null,
    awaitingArrival: t.arrival_required && t.arrived_at === null,
  }));
  // Call next could take a remote ticket only once its holder arrived.
  const callable = waiting.flatMap((t) =>
    t.arrival_required && t.arrived_at === null
      ? []
      : [{ serviceId: t.service_id, since: Math.max(new Date(t.enqueued_at).getTime(), arrivedAt(t)) }],
  );
  markStalledOperators(servers, callable, stats, now.getTime());
  return {
    now: now.getTime(),
    policy: branch.settings.callingPolicy,
    recentCalls,
    services,
    waiting: waitingRows,
    servers,
    arrivals: stats.arrivals,
    localMinutesNow: localTime(now, branch.timezone).minutes,
    pausedShareByHour: stats.pausedShareByHour,
    gapMinutes: stats.gapMinutes,
    probes,
  };
}

async function loadServices(db: Executor, branch: BranchContext, stats: HistoryStats, now: Date) {
  const rows = await db
    .selectFrom("services")
    .select(["id", "priority", "target_wait_minutes", "expected_service_minutes", "schedule"])
    .where("branch_id", "=", branch.id)
    .where("deleted_at", "is", null)
    .where("is_group", "=", false)
    .where("active", "=", true)
    .execute();
  const services = new Map<string, ForecastService>();
  for (const s of rows) {
    const observed = stats.busyMinutes.get(s.id) ?? [];
    const closesAt = closingToday(s.schedule as WeekSchedule | null, now, branch.timezone);
    services.set(s.id, {
      id: s.id,
      priority: s.priority,
      targetWaitMinutes: s.target_wait_minutes,
      busyMinutes: observed.length >= MIN_SAMPLES ? observed : priorBusyMinutes(s.expected_service_minutes),
      leaveShare: stats.leaveShare.get(s.id) ?? 0,
      closesAt: closesAt?.getTime() ?? null,
    });
  }
  return services;
}

/** Evenly spaced quantiles of an exponential distribution with this mean. */
function priorBusyMinutes(mean: number): number[] {
  return Array.from({ length: PRIOR_POINTS }, (_, i) => -Math.log(1 - (i + 0.5) / PRIOR_POINTS) * mean);
}

/** Operators signed in at a workstation: the services they may serve there with their ranks, and what they do. */
async function loadServers(db: Executor, branchId: string, stats: HistoryStats, now: Date) {
  const operator = { employee: sql.ref("os.employee_id"), workstation: sql.ref("os.workstation_id") };
  const rows = await sql<{
    employee_id: string;
    status: string;
    pause_reason: string | null;
    since: Date;
    service_id: string;
    rank: number;
    busy_service: string | null;
    busy_since: Date | null;
  }>`
    select os.employee_id::text, os.status, os.pause_reason, os.since, c.service_id::text, c.rank,
      t.service_id::text as busy_service, t.called_at as busy_since
    from operator_states os
    join competencies c on c.employee_id = os.employee_id and ${servesSql(operator, sql.ref("c.service_id"))}
    left join tickets t on t.employee_id = os.employee_id and t.status in ('called', 'serving')
    where os.branch_id = ${branchId} and os.status <> 'offline' and os.workstation_id is not null
  `.execute(db);
  const servers = new Map<string, ServerRow>();
  for (const r of rows.rows) {
    let s = servers.get(r.employee_id);
    if (!s) {
      s = {
        id: r.employee_id,
        ranks: new Map(),
        busy:
          r.busy_service && r.busy_since
            ? { serviceId: r.busy_service, since: new Date(r.busy_since).getTime() }
            : null,
        backAt: r.status === "paused" ? backFromBreak(r, stats, now) : null,
        freeSince: r.status === "free" ? new Date(r.since).getTime() : null,
      };
      servers.set(r.employee_id, s);
    }
    s.ranks.set(r.service_id, r.rank);
  }
  return [...servers.values()];
}

type ServerRow = ForecastServer & { ranks: Map<string, number>; freeSince: number | null };

/** An operator free this long while a client of his waits is taken to be away, not about to call. */
const STALLED_MS = 2 * 60_000;

function arrivedAt(t: { arrived_at: Date | null }): number {
  return t.arrived_at === null ? 0 : new Date(t.arrived_at).getTime();
}

/**
 * Operators shown free who have not called although a client they serve has been callable longer
 * than STALLED_MS since they became free: away from the desk without a break. The forecast expects
 * them back as from a typical break, not calling this instant (which would quote "under a minute"
 * for minutes on end). A remote ticket is callable from its holder's arrival, not before.
 */
function markStalledOperators(
  servers: ServerRow[],
  callable: readonly { serviceId: string; since: number }[],
  stats: HistoryStats,
  now: number,
) {
  const typical = (stats.typicalPauseMinutes.get("") ?? DEFAULT_PAUSE_MINUTES) * 60_000;
  for (const s of servers) {
    if (s.freeSince === null || now - s.freeSince < STALLED_MS) continue;
    const ignored = callable.some((t) => s.ranks.has(t.serviceId) && t.since <= now - STALLED_MS);
    if (ignored) s.callsAt = Math.max(now + 60_000, s.freeSince + typical);
  }
}

/** When a paused operator is expected back: a typical break of his reason, at least a minute from now. */
function backFromBreak(
  r: { pause_reason: string | null; since: Date },
  stats: HistoryStats,
  now: Date,
): number {
  const typical =
    stats.typicalPauseMinutes.get(r.pause_reason ?? "") ??
    stats.typicalPauseMinutes.get("") ??
    DEFAULT_PAUSE_MINUTES;
  const back = new Date(r.since).getTime() + typical * 60_000;
  return Math.max(back, now.getTime() + 60_000);
}
