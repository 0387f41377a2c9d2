import type { ReportQuery } from "@dq/shared";
import { type RawBuilder, sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";

/**
 * Report queries over `ticket_segments` (one row per service segment of a visit, kept by a trigger
 * on tickets) and `operator_status_log`. They read only; the queue never waits for them.
 *
 * Definitions (docs/PRODUCT.md §7, the reports issue):
 * - a segment is *called* when it was called and ended served, no-show or redirected: its wait runs
 *   from entering the queue to the first call (a recall does not restart it);
 * - a segment is *served* when it ended served (not by the end-of-day closing): its service time
 *   runs from start to finish;
 * - *open* counts segments never finished, or closed by the end of the day;
 * - the service level is the share of called segments whose wait was within their service's target
 *   (exactly the target counts as within); a service without a target counts as within.
 */

// The segment's own measures (migration 0003): null where the definition above excludes it.
export const WAIT = sql`s.wait_seconds`;
export const SERVICE = sql`s.service_seconds`;
export const CALLED = sql`s.wait_seconds is not null`;
export const DAY_CLOSED = sql`coalesce(s.close_reason, '') = 'day_closed'`;

/**
 * The segments of the period and filters: `from` names them `s`; `withService` adds their service
 * as `sv`, for the reports that need its name or target (a join costs a third more on a year).
 */
export function segmentsOf(
  branch: BranchContext,
  q: ReportQuery,
): { from: RawBuilder<unknown>; withService: RawBuilder<unknown>; where: RawBuilder<unknown> } {
  const filters = [
    sql`s.branch_id = ${branch.id}`,
    sql`s.business_day between ${q.from}::date and ${q.to}::date`,
    ...(q.serviceId ? [sql`s.service_id = ${q.serviceId}`] : []),
    ...(q.employeeId ? [sql`s.employee_id = ${q.employeeId}`] : []),
    ...(q.workstationId ? [sql`s.workstation_id = ${q.workstationId}`] : []),
    ...(q.categoryId ? [sql`s.category_id = ${q.categoryId}`] : []),
  ];
  return {
    from: sql`ticket_segments s`,
    withService: sql`ticket_segments s join services sv on sv.id = s.service_id`,
    where: sql.join(filters, sql` and `),
  };
}

export const round = (x: number | null) => (x === null ? null : Math.round(x));
export const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 10_000) / 10_000);

/** The period as instants: from the first day's midnight to the midnight after the last, in the office's time. */
function bounds(branch: BranchContext, q: ReportQuery, now: Date) {
  const start = sql`(${q.from}::date)::timestamp at time zone ${branch.timezone}`;
  // An interval still open is counted up to now (or the period's end, if that came first).
  const end = sql`least(((${q.to}::date) + 1)::timestamp at time zone ${branch.timezone}, ${now}::timestamptz)`;
  return { start, end };
}

/**
 * Seconds of each status (and pause reason) per employee and workstation within the period: ended
 * intervals from their daily sums (`operator_status_days`), the intervals still open up to now.
 */
async function statusTime(db: Executor, branch: BranchContext, q: ReportQuery, now: Date) {
  const { start, end } = bounds(branch, q, now);
  const filters = sql.join(
    [
      ...(q.employeeId ? [sql`employee_id = ${q.employeeId}`] : []),
      ...(q.workstationId ? [sql`workstation_id = ${q.workstationId}`] : []),
      sql`true`,
    ],
    sql` and `,
  );
  const result = await sql<{
    employee_id: string;
    workstation_id: string | null;
    status: string;
    reason: string | null;
    seconds: number;
  }>`
    select employee_id, workstation_id, status, reason, sum(seconds)::float8 as seconds
    from (
      select d.employee_id, d.workstation_id, d.status, d.reason, d.seconds
      from operator_status_days d
      where d.branch_id = ${branch.id} and d.business_day between ${q.from}::date and ${q.to}::date
      union all
      select l.employee_id, l.workstation_id, l.status, l.reason,
        extract(epoch from ${end} - greatest(l.started_at, ${start})) as seconds
      from operator_status_log l
      where l.branch_id = ${branch.id} and l.ended_at is null and l.started_at < ${end} and ${end} > ${start}
    ) x
    where ${filters}
    group by employee_id, workstation_id, status, reason
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
        avg(${SERVICE})::float8 as service_avg,
        count(s.rating_score)::int as rating_count,
        avg(s.rating_score)::float8 as rating_avg
      from ${seg.from}
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

/**
 * Segments counted per quarter of an hour first (cheap: no timezone arithmetic per row), then those
 * bins put into the office's local hours. Every timezone's offset is a whole number of quarters.
 */
const QUARTER = (column: RawBuilder<unknown>) =>
  sql`date_bin('15 minutes', ${column}, timestamptz '2000-01-01 00:00:00+00')`;

export async function hourly(db: Executor, branch: BranchContext, q: ReportQuery) {
  const tz = branch.timezone;
  const seg = segmentsOf(branch, q);
  const [arrivals, served] = await Promise.all([
    // By hour of the day, and by weekday × hour, in one pass over the bins.
    sql<{ dow: number | null; hour: number; arrivals: number; wait_avg: number | null }>`
      with bins as (
        select ${QUARTER(sql`s.enqueued_at`)} as bin,
          count(*) filter (where s.segment = 1) as arrivals,
          sum(${WAIT}) as wait_sum,
          count(${WAIT}) as called
        from ${seg.from} where ${seg.where}
        group by 1
      )
      select extract(isodow from bin at time zone ${tz})::int as dow,
             extract(hour from bin at time zone ${tz})::int as hour,
             sum(arrivals)::int as arrivals,
             (sum(wait_sum) / nullif(sum(called), 0))::float8 as wait_avg
      from bins
      group by grouping sets ((1, 2), (2))
    `.execute(db),
    sql<{ hour: number; served: number }>`
      with bins as (
        select ${QUARTER(sql`s.finished_at`)} as bin, count(*) as served
        from ${seg.from} where ${seg.where} and s.outcome = 'served' and not ${DAY_CLOSED}
        group by 1
      )
      select extract(hour from bin at time zone ${tz})::int as hour, sum(served)::int as served
      from bins group by 1
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
    from ${seg.withService} where ${seg.where}
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
