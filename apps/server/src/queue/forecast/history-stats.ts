import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import { localTime } from "../calendar.ts";

/**
 * What the forecast learns from the office's past (docs/estimates.md): how long a call keeps an
 * operator busy per service, how soon he calls again, who arrives at what hour, who gives up
 * waiting, and how much of each hour goes to breaks. Changes slowly; the cache re-reads it every
 * half hour of the office's clock.
 */
export interface HistoryStats {
  /** Per service: recent call → finish durations in minutes (at most SAMPLES_PER_SERVICE). */
  busyMinutes: Map<string, number[]>;
  gapMinutes: number;
  /** Per service and category priority: arrivals per minute in each local hour (today's kind of day). */
  arrivals: { serviceId: string; priority: number; perMinute: number[] }[];
  /** Per service: share of waits that ended in a cancel before any call (the end of the day's closing aside). */
  leaveShare: Map<string, number>;
  pausedShareByHour: number[];
  /** Median minutes of a break, per pause reason ("" for all). */
  typicalPauseMinutes: Map<string, number>;
}

/** How far back the forecast looks (days). */
const WINDOW_DAYS = 28;
/**
 * The latest finished calls per service. Chosen by when they finished, not when they began: the
 * latest begun would leave out the long ones still going, and underestimate.
 */
const SAMPLES_PER_SERVICE = 600;
/** Without history: an operator calls again this soon after a finish. */
const DEFAULT_GAP_MINUTES = 0.3;
export const DEFAULT_PAUSE_MINUTES = 10;

export async function loadHistoryStats(db: Executor, branchId: string, timezone: string, now: Date) {
  const today = localTime(now, timezone);
  const since = localTime(new Date(now.getTime() - WINDOW_DAYS * 86_400_000), timezone).day;
  const [busyMinutes, gapMinutes, arrivals, leaveShare, pauses] = await Promise.all([
    loadBusyMinutes(db, branchId, since, now),
    loadGapMinutes(db, branchId, since, now),
    loadArrivals(db, branchId, timezone, since, today.day, dayKind(today.weekday)),
    loadLeaveShare(db, branchId, since, now),
    loadPauses(db, branchId, now, timezone),
  ]);
  return { busyMinutes, gapMinutes, arrivals, leaveShare, ...pauses } satisfies HistoryStats;
}

async function loadBusyMinutes(db: Executor, branchId: string, since: string, now: Date) {
  const rows = await sql<{ service_id: string; minutes: number }>`
    select service_id::text, minutes from (
      select service_id, extract(epoch from finished_at - first_called_at)::float8 / 60 as minutes,
        row_number() over (partition by service_id order by finished_at desc) as n
      from ticket_segments
      where branch_id = ${branchId} and business_day >= ${since} and first_called_at is not null
        and finished_at is not null and finished_at <= ${now}
    ) r where n <= ${SAMPLES_PER_SERVICE}
  `.execute(db);
  const byService = new Map<string, number[]>();
  for (const r of rows.rows) {
    if (!(r.minutes >= 0)) continue;
    const list = byService.get(r.service_id) ?? [];
    list.push(r.minutes);
    byService.set(r.service_id, list);
  }
  return byService;
}

/**
 * The median pause between an operator's finish and his next call while that client was already
 * waiting (his reaction and the call itself, not time with nobody to call).
 */
async function loadGapMinutes(db: Executor, branchId: string, since: string, now: Date) {
  const row = await sql<{ gap: number | null }>`
    select percentile_cont(0.5) within group (order by gap)::float8 as gap from (
      select extract(epoch from first_called_at - previous_finish)::float8 / 60 as gap, enqueued_at, previous_finish
      from (
        select first_called_at, enqueued_at,
          lag(finished_at) over (partition by employee_id, business_day order by first_called_at) as previous_finish
        from ticket_segments
        where branch_id = ${branchId} and business_day >= ${since} and first_called_at is not null
          and employee_id is not null and first_called_at <= ${now}
      ) pairs
    ) g where gap >= 0 and gap < 10 and enqueued_at <= previous_finish
  `.execute(db);
  return row.rows[0]?.gap ?? DEFAULT_GAP_MINUTES;
}

type DayKind = "weekday" | "saturday" | "sunday";
function dayKind(weekday: string): DayKind {
  return weekday === "sat" ? "saturday" : weekday === "sun" ? "sunday" : "weekday";
}
const ISO_DAYS: Record<DayKind, number[]> = { weekday: [1, 2, 3, 4, 5], saturday: [6], sunday: [7] };

/** Arrivals per minute by local hour, averaged over the past days of today's kind that had any ticket. */
async function loadArrivals(
  db: Executor,
  branchId: string,
  timezone: string,
  since: string,
  today: string,
  kind: DayKind,
) {
  const rows = await sql<{ service_id: string; priority: number; hour: number; n: number; days: number }>`
    with first_segments as (
      select s.service_id, t.priority, s.business_day,
        extract(hour from s.enqueued_at at time zone ${timezone})::int as hour
      from ticket_segments s join tickets t on t.id = s.ticket_id
      where s.branch_id = ${branchId} and s.segment = 1 and s.business_day >= ${since}
        and s.business_day < ${today}
        and extract(isodow from s.business_day)::int = any(${ISO_DAYS[kind]})
    )
    select service_id::text, priority, hour, count(*)::int as n,
      (select count(distinct business_day)::int from first_segments) as days
    from first_segments group by service_id, priority, hour
  `.execute(db);
  const streams = new Map<string, { serviceId: string; priority: number; perMinute: number[] }>();
  for (const r of rows.rows) {
    const key = `${r.service_id}:${r.priority}`;
    let s = streams.get(key);
    if (!s) {
      s = { serviceId: r.service_id, priority: r.priority, perMinute: new Array(24).fill(0) };
      streams.set(key, s);
    }
    s.perMinute[r.hour] = r.n / Math.max(1, r.days) / 60;
  }
  return [...streams.values()];
}

async function loadLeaveShare(db: Executor, branchId: string, since: string, now: Date) {
  const rows = await sql<{ service_id: string; share: number }>`
    select service_id::text,
      (count(*) filter (where outcome = 'cancelled' and first_called_at is null))::float8 / count(*) as share
    from ticket_segments
    where branch_id = ${branchId} and business_day >= ${since} and outcome is not null
      and enqueued_at <= ${now} and close_reason is distinct from 'day_closed'
    group by service_id
  `.execute(db);
  return new Map(rows.rows.map((r) => [r.service_id, r.share]));
}

/** Breaks per local hour as a share of signed-in time, and how long a break of each reason lasts. */
async function loadPauses(db: Executor, branchId: string, now: Date, timezone: string) {
  const since = new Date(now.getTime() - 14 * 86_400_000);
  const rows = await sql<{ status: string; reason: string | null; started_at: Date; ended_at: Date | null }>`
    select status, reason, started_at, ended_at from operator_status_log
    where branch_id = ${branchId} and started_at >= ${since} and started_at < ${now} and status <> 'offline'
  `.execute(db);
  const localStart = now.getTime() - localTime(now, timezone).minutes * 60_000;
  const signedIn: number[] = new Array(24).fill(0);
  const paused: number[] = new Array(24).fill(0);
  const durations = new Map<string, number[]>();
  for (const r of rows.rows) {
    const from = new Date(r.started_at).getTime();
    const to = Math.min(now.getTime(), r.ended_at ? new Date(r.ended_at).getTime() : now.getTime());
    spreadOverHours(from, to, localStart, signedIn);
    if (r.status !== "paused") continue;
    spreadOverHours(from, to, localStart, paused);
    for (const key of [r.reason ?? "", ""]) {
      const list = durations.get(key) ?? [];
      list.push((to - from) / 60_000);
      durations.set(key, list);
    }
  }
  const typicalPauseMinutes = new Map([...durations].map(([k, v]) => [k, median(v)]));
  return {
    pausedShareByHour: signedIn.map((total, h) => (total > 0 ? paused[h]! / total : 0)),
    typicalPauseMinutes,
  };
}

/** Adds the milliseconds of [from, to) to the local hour-of-day bins they fall in. */
function spreadOverHours(from: number, to: number, localStart: number, bins: number[]) {
  let t = from;
  while (t < to) {
    const hourIndex = Math.floor((t - localStart) / 3_600_000);
    const hourEnd = localStart + (hourIndex + 1) * 3_600_000;
    const end = Math.min(to, hourEnd);
    const bin = ((hourIndex % 24) + 24) % 24;
    bins[bin] = (bins[bin] ?? 0) + end - t;
    t = end;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
