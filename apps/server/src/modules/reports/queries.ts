import type { Kpi, ReportQuery } from "@dq/shared";
import { type RawBuilder, sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { BranchContext } from "../../queue/branch-context.ts";

/**
 * Report queries over `ticket_segments` (one row per service segment of a visit, kept by a trigger
 * on tickets) and `operator_status_log`. They read only; the queue never waits for them.
 *
 * Definitions (PRODUCT.md §7, the reports issue):
 * - a segment is *called* when it was called and ended served, no-show or redirected: its wait runs
 *   from entering the queue to the first call (a recall does not restart it);
 * - a segment is *served* when it ended served (not by the end-of-day closing): its service time
 *   runs from start to finish;
 * - *open* counts segments never finished, or closed by the end of the day;
 * - the service level is the share of called segments whose wait was within their service's target
 *   (exactly the target counts as within); a service without a target counts as within.
 */

const CALLED = sql`s.first_called_at is not null and s.outcome in ('served', 'no_show', 'redirected')`;
const DAY_CLOSED = sql`coalesce(s.close_reason, '') = 'day_closed'`;
const SERVED = sql`s.outcome = 'served' and not ${DAY_CLOSED} and s.started_at is not null`;
const WAIT = sql`extract(epoch from s.first_called_at - s.enqueued_at)`;
const SERVICE = sql`extract(epoch from s.finished_at - s.started_at)`;

/** The segments of the period and filters: `from` names them `s` (and their service `sv`). */
export function segmentsOf(
  branch: BranchContext,
  q: ReportQuery,
): { from: RawBuilder<unknown>; where: RawBuilder<unknown> } {
  const filters = [
    sql`s.branch_id = ${branch.id}`,
    sql`s.business_day between ${q.from}::date and ${q.to}::date`,
    ...(q.serviceId ? [sql`s.service_id = ${q.serviceId}`] : []),
    ...(q.employeeId ? [sql`s.employee_id = ${q.employeeId}`] : []),
    ...(q.workstationId ? [sql`s.workstation_id = ${q.workstationId}`] : []),
    ...(q.categoryId ? [sql`s.category_id = ${q.categoryId}`] : []),
  ];
  return {
    from: sql`ticket_segments s join services sv on sv.id = s.service_id`,
    where: sql.join(filters, sql` and `),
  };
}

/** A served segment's rating (a rating belongs to the segment that served the client), as `t`. */
const RATING = sql`left join lateral (select rating_score from tickets t where t.id = s.ticket_id and s.outcome = 'served') t on true`;

/** The KPI columns of one group of segments (with ratings joined as `t`). */
const KPI_COLUMNS = sql`
  count(*) filter (where s.segment = 1)::int as issued,
  count(*) filter (where s.outcome = 'served' and not ${DAY_CLOSED})::int as served,
  count(*) filter (where s.outcome = 'no_show' and not ${DAY_CLOSED})::int as no_show,
  count(*) filter (where s.outcome = 'cancelled' and not ${DAY_CLOSED})::int as cancelled,
  count(*) filter (where s.outcome is null or ${DAY_CLOSED})::int as open,
  count(*) filter (where ${CALLED})::int as called,
  avg(${WAIT}) filter (where ${CALLED})::float8 as wait_avg,
  percentile_cont(0.5) within group (order by ${WAIT}) filter (where ${CALLED}) as wait_median,
  percentile_cont(0.9) within group (order by ${WAIT}) filter (where ${CALLED}) as wait_p90,
  max(${WAIT}) filter (where ${CALLED})::float8 as wait_max,
  avg(${SERVICE}) filter (where ${SERVED})::float8 as service_avg,
  percentile_cont(0.5) within group (order by ${SERVICE}) filter (where ${SERVED}) as service_median,
  percentile_cont(0.9) within group (order by ${SERVICE}) filter (where ${SERVED}) as service_p90,
  count(*) filter (where ${CALLED} and (sv.target_wait_minutes is null
    or ${WAIT} <= sv.target_wait_minutes * 60))::int as within_target,
  count(t.rating_score)::int as rating_count,
  avg(t.rating_score)::float8 as rating_avg,
  count(*) filter (where t.rating_score = 1)::int as r1,
  count(*) filter (where t.rating_score = 2)::int as r2,
  count(*) filter (where t.rating_score = 3)::int as r3,
  count(*) filter (where t.rating_score = 4)::int as r4,
  count(*) filter (where t.rating_score = 5)::int as r5`;

interface KpiRow {
  issued: number;
  served: number;
  no_show: number;
  cancelled: number;
  open: number;
  called: number;
  wait_avg: number | null;
  wait_median: number | null;
  wait_p90: number | null;
  wait_max: number | null;
  service_avg: number | null;
  service_median: number | null;
  service_p90: number | null;
  within_target: number;
  rating_count: number;
  rating_avg: number | null;
  r1: number;
  r2: number;
  r3: number;
  r4: number;
  r5: number;
}

const round = (x: number | null) => (x === null ? null : Math.round(x));
const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

function toKpi(r: KpiRow): Kpi {
  return {
    issued: r.issued,
    served: r.served,
    noShow: r.no_show,
    cancelled: r.cancelled,
    open: r.open,
    waitSeconds: {
      avg: round(r.wait_avg),
      median: round(r.wait_median),
      p90: round(r.wait_p90),
      max: round(r.wait_max),
    },
    serviceSeconds: { avg: round(r.service_avg), median: round(r.service_median), p90: round(r.service_p90) },
    serviceLevel: ratio(r.within_target, r.called),
    noShowRate: ratio(r.no_show, r.served + r.no_show),
    ratings: {
      count: r.rating_count,
      avg: r.rating_avg === null ? null : Math.round(r.rating_avg * 100) / 100,
      distribution: { 1: r.r1, 2: r.r2, 3: r.r3, 4: r.r4, 5: r.r5 },
    },
  };
}

/** KPIs for the whole period and per service, in one pass (grouping sets). */
export async function summary(db: Executor, branch: BranchContext, q: ReportQuery) {
  const seg = segmentsOf(branch, q);
  const rows = await sql<KpiRow & { service_id: string | null; name: string | null; target: number | null }>`
    select s.service_id, min(sv.name) as name, min(sv.target_wait_minutes)::float8 as target, ${KPI_COLUMNS}
    from ${seg.from} ${RATING}
    where ${seg.where}
    group by grouping sets ((), (s.service_id))
  `.execute(db);
  const total = rows.rows.find((r) => r.service_id === null);
  const empty: KpiRow = {
    issued: 0,
    served: 0,
    no_show: 0,
    cancelled: 0,
    open: 0,
    called: 0,
    wait_avg: null,
    wait_median: null,
    wait_p90: null,
    wait_max: null,
    service_avg: null,
    service_median: null,
    service_p90: null,
    within_target: 0,
    rating_count: 0,
    rating_avg: null,
    r1: 0,
    r2: 0,
    r3: 0,
    r4: 0,
    r5: 0,
  };
  return {
    ...toKpi(total ?? empty),
    byService: rows.rows
      .filter((r) => r.service_id !== null)
      .sort((a, b) => a.name!.localeCompare(b.name!))
      .map((r) => ({ serviceId: r.service_id!, name: r.name!, targetWaitMinutes: r.target, ...toKpi(r) })),
  };
}

/** The period as instants: from the first day's midnight to the midnight after the last, in the office's time. */
function bounds(branch: BranchContext, q: ReportQuery, now: Date) {
  const start = sql`(${q.from}::date)::timestamp at time zone ${branch.timezone}`;
  // An interval still open is counted up to now (or the period's end, if that came first).
  const end = sql`least(((${q.to}::date) + 1)::timestamp at time zone ${branch.timezone}, ${now}::timestamptz)`;
  return { start, end };
}

/** Seconds of each status (and pause reason) per employee and workstation within the period. */
async function statusTime(db: Executor, branch: BranchContext, q: ReportQuery, now: Date) {
  const { start, end } = bounds(branch, q, now);
  const result = await sql<{
    employee_id: string;
    workstation_id: string | null;
    status: string;
    reason: string | null;
    seconds: number;
  }>`
    select l.employee_id, l.workstation_id, l.status, l.reason,
      sum(extract(epoch from least(coalesce(l.ended_at, ${now}::timestamptz), ${end}) - greatest(l.started_at, ${start})))::float8 as seconds
    from operator_status_log l
    where l.branch_id = ${branch.id} and l.started_at < ${end} and coalesce(l.ended_at, ${now}::timestamptz) > ${start}
      ${q.employeeId ? sql`and l.employee_id = ${q.employeeId}` : sql``}
      ${q.workstationId ? sql`and l.workstation_id = ${q.workstationId}` : sql``}
    group by l.employee_id, l.workstation_id, l.status, l.reason
  `.execute(db);
  return result.rows;
}

export async function operators(db: Executor, branch: BranchContext, q: ReportQuery, now: Date) {
  const seg = segmentsOf(branch, q);
  const [figures, times, employees] = await Promise.all([
    sql<{
      employee_id: string;
      served: number;
      no_shows: number;
      service_avg: number | null;
      rating_count: number;
      rating_avg: number | null;
    }>`
      select s.employee_id,
        count(*) filter (where s.outcome = 'served' and not ${DAY_CLOSED})::int as served,
        count(*) filter (where s.outcome = 'no_show' and not ${DAY_CLOSED})::int as no_shows,
        avg(${SERVICE}) filter (where ${SERVED})::float8 as service_avg,
        count(t.rating_score)::int as rating_count,
        avg(t.rating_score)::float8 as rating_avg
      from ${seg.from} ${RATING}
      where ${seg.where} and s.employee_id is not null
      group by s.employee_id
    `.execute(db),
    statusTime(db, branch, q, now),
    db.selectFrom("employees").select(["id", "name"]).execute(),
  ]);
  const ids = new Set([...figures.rows.map((r) => r.employee_id), ...times.map((r) => r.employee_id)]);
  const names = new Map(employees.map((e) => [e.id, e.name]));
  return {
    items: [...ids]
      .map((id) => {
        const f = figures.rows.find((r) => r.employee_id === id);
        const mine = times.filter((r) => r.employee_id === id);
        const sum = (status: string) =>
          mine.filter((r) => r.status === status).reduce((n, r) => n + r.seconds, 0);
        const pausedByReason: Record<string, number> = {};
        for (const r of mine.filter((x) => x.status === "paused")) {
          const key = r.reason ?? "";
          pausedByReason[key] = Math.round((pausedByReason[key] ?? 0) + r.seconds);
        }
        const seconds = {
          serving: Math.round(sum("serving")),
          calling: Math.round(sum("calling")),
          idle: Math.round(sum("free")),
          paused: Math.round(sum("paused")),
        };
        const signedIn = seconds.serving + seconds.calling + seconds.idle + seconds.paused;
        return {
          employeeId: id,
          name: names.get(id) ?? id,
          served: f?.served ?? 0,
          noShows: f?.no_shows ?? 0,
          averageServiceSeconds: round(f?.service_avg ?? null),
          ratings: {
            count: f?.rating_count ?? 0,
            avg: f?.rating_avg == null ? null : Math.round(f.rating_avg * 100) / 100,
          },
          seconds: { signedIn, ...seconds, pausedByReason },
          utilisation: ratio(seconds.serving + seconds.calling, signedIn),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export async function workstations(db: Executor, branch: BranchContext, q: ReportQuery, now: Date) {
  const seg = segmentsOf(branch, q);
  const [served, times, list] = await Promise.all([
    sql<{ workstation_id: string; served: number }>`
      select s.workstation_id, count(*) filter (where s.outcome = 'served' and not ${DAY_CLOSED})::int as served
      from ${seg.from} where ${seg.where} and s.workstation_id is not null
      group by s.workstation_id
    `.execute(db),
    statusTime(db, branch, q, now),
    db
      .selectFrom("workstations")
      .select(["id", "name", "number"])
      .where("branch_id", "=", branch.id)
      .orderBy("number")
      .execute(),
  ]);
  return {
    items: list
      .filter((w) => !q.workstationId || w.id === q.workstationId)
      .map((w) => {
        const mine = times.filter((r) => r.workstation_id === w.id);
        const servingSeconds = Math.round(
          mine.filter((r) => r.status === "serving").reduce((n, r) => n + r.seconds, 0),
        );
        const openSeconds = Math.round(mine.reduce((n, r) => n + r.seconds, 0));
        return {
          workstationId: w.id,
          name: w.name,
          number: w.number,
          served: served.rows.find((r) => r.workstation_id === w.id)?.served ?? 0,
          servingSeconds,
          openSeconds,
          load: ratio(servingSeconds, openSeconds),
        };
      }),
  };
}

export async function hourly(db: Executor, branch: BranchContext, q: ReportQuery) {
  const tz = branch.timezone;
  const seg = segmentsOf(branch, q);
  const [arrivals, served] = await Promise.all([
    // By hour of the day, and by weekday × hour, in one pass.
    sql<{ dow: number | null; hour: number; arrivals: number; wait_avg: number | null }>`
      select extract(isodow from s.enqueued_at at time zone ${tz})::int as dow,
             extract(hour from s.enqueued_at at time zone ${tz})::int as hour,
             count(*) filter (where s.segment = 1)::int as arrivals,
             avg(${WAIT}) filter (where ${CALLED})::float8 as wait_avg
      from ${seg.from} where ${seg.where}
      group by grouping sets ((1, 2), (2))
    `.execute(db),
    sql<{ hour: number; served: number }>`
      select extract(hour from s.finished_at at time zone ${tz})::int as hour, count(*)::int as served
      from ${seg.from} where ${seg.where} and s.outcome = 'served' and not ${DAY_CLOSED}
      group by 1
    `.execute(db),
  ]);
  const byHour = arrivals.rows.filter((r) => r.dow === null);
  return {
    hours: Array.from({ length: 24 }, (_, hour) => {
      const r = byHour.find((x) => x.hour === hour);
      return {
        hour,
        arrivals: r?.arrivals ?? 0,
        avgWaitSeconds: round(r?.wait_avg ?? null),
        served: served.rows.find((x) => x.hour === hour)?.served ?? 0,
      };
    }),
    weekdayHour: arrivals.rows
      .filter((r) => r.dow !== null)
      .sort((a, b) => a.dow! - b.dow! || a.hour - b.hour)
      .map((r) => ({
        weekday: r.dow!,
        hour: r.hour,
        arrivals: r.arrivals,
        avgWaitSeconds: round(r.wait_avg),
      })),
  };
}

export async function daily(db: Executor, branch: BranchContext, q: ReportQuery) {
  const seg = segmentsOf(branch, q);
  const rows = await sql<{
    day: string;
    issued: number;
    served: number;
    no_show: number;
    called: number;
    within_target: number;
    wait_avg: number | null;
  }>`
    select s.business_day::text as day,
      count(*) filter (where s.segment = 1)::int as issued,
      count(*) filter (where s.outcome = 'served' and not ${DAY_CLOSED})::int as served,
      count(*) filter (where s.outcome = 'no_show' and not ${DAY_CLOSED})::int as no_show,
      count(*) filter (where ${CALLED})::int as called,
      count(*) filter (where ${CALLED} and (sv.target_wait_minutes is null or ${WAIT} <= sv.target_wait_minutes * 60))::int as within_target,
      avg(${WAIT}) filter (where ${CALLED})::float8 as wait_avg
    from ${seg.from} where ${seg.where}
    group by s.business_day order by s.business_day
  `.execute(db);
  return {
    days: rows.rows.map((r) => ({
      day: r.day,
      issued: r.issued,
      served: r.served,
      noShow: r.no_show,
      avgWaitSeconds: round(r.wait_avg),
      serviceLevel: ratio(r.within_target, r.called),
    })),
  };
}
