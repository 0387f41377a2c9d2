import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../db/schema.ts";

/** Upper bounds (seconds) of the wait-time buckets: 30 s … 2 h. */
export const WAIT_BUCKETS = [30, 60, 120, 300, 600, 900, 1200, 1800, 2700, 3600, 7200] as const;
/** Upper bounds (seconds) of the service-time buckets: 1 min … 1 h. */
export const SERVICE_BUCKETS = [60, 120, 180, 300, 600, 900, 1200, 1800, 2700, 3600] as const;

/** Cumulative counts per bucket bound (as Prometheus wants them), the count (`+Inf`) and the sum. */
export interface HistogramData {
  buckets: number[];
  count: number;
  sum: number;
}

export interface ServiceFigures {
  branchId: string;
  serviceId: string;
  name: string;
  issued: number;
  called: number;
  served: number;
  waiting: number;
  wait: HistogramData;
  service: HistogramData;
}

export interface QueueFigures {
  branches: { id: string; name: string; timezone: string }[];
  services: ServiceFigures[];
}

// From entering the service's queue to the first call (a recall does not restart it): the reports'
// measure, counted as soon as the segment is called rather than when it ends.
const WAIT = sql`extract(epoch from s.first_called_at - s.enqueued_at)`;
// Start to finish of a segment served (not closed by the end of the day): migration 0003.
const SERVICE = sql`s.service_seconds`;

const buckets = (value: RawBuilder<unknown>, bounds: readonly number[]) =>
  sql`array[${sql.join(bounds.map((le) => sql`count(*) filter (where ${value} <= ${sql.lit(le)})`))}]::int[]`;

interface Row {
  branch_id: string;
  service_id: string;
  name: string;
  issued: number;
  called: number;
  served: number;
  waiting: number;
  wait_buckets: number[] | null;
  wait_sum: number;
  service_buckets: number[] | null;
  service_count: number;
  service_sum: number;
}

/**
 * Every office's figures for its own today (the business day in its timezone at `now`), per
 * service, in one statement: one pass over today's segments (index on branch and day) and one over
 * the waiting tickets (the call-next partial index). Services that are neither deleted nor groups
 * always appear, with zeros; a deleted one only while it has figures today.
 *
 * Per service segment, as in the reports: a ticket redirected to another service is called and
 * served once in each; `issued` counts tickets by the service they were issued for. `waiting` is
 * every ticket waiting now, whatever its day (the dashboard's number).
 */
export async function readQueueFigures(db: Kysely<DB>, now: Date): Promise<QueueFigures> {
  const branches = await db.selectFrom("branches").select(["id", "name", "timezone"]).orderBy("id").execute();
  const result = await sql<Row>`
    with today as (
      select b.id as branch_id, (${now}::timestamptz at time zone b.timezone)::date as day from branches b
    ),
    seg as (
      select s.branch_id, s.service_id,
        count(*) filter (where s.segment = 1)::int as issued,
        count(s.first_called_at)::int as called,
        count(*) filter (where s.outcome = 'served' and coalesce(s.close_reason, '') <> 'day_closed')::int as served,
        ${buckets(WAIT, WAIT_BUCKETS)} as wait_buckets,
        coalesce(sum(${WAIT}), 0)::float8 as wait_sum,
        ${buckets(SERVICE, SERVICE_BUCKETS)} as service_buckets,
        count(${SERVICE})::int as service_count,
        coalesce(sum(${SERVICE}), 0)::float8 as service_sum
      from today d
      join ticket_segments s on s.branch_id = d.branch_id and s.business_day = d.day
      group by s.branch_id, s.service_id
    ),
    waiting as (
      select t.branch_id, t.service_id, count(*)::int as waiting
      from tickets t
      where t.status = 'waiting'
      group by t.branch_id, t.service_id
    )
    select sv.branch_id, sv.id as service_id, sv.name,
      coalesce(seg.issued, 0) as issued, coalesce(seg.called, 0) as called, coalesce(seg.served, 0) as served,
      coalesce(w.waiting, 0) as waiting,
      seg.wait_buckets, coalesce(seg.wait_sum, 0) as wait_sum,
      seg.service_buckets, coalesce(seg.service_count, 0) as service_count,
      coalesce(seg.service_sum, 0) as service_sum
    from services sv
    left join seg on seg.branch_id = sv.branch_id and seg.service_id = sv.id
    left join waiting w on w.branch_id = sv.branch_id and w.service_id = sv.id
    where (sv.deleted_at is null and not sv.is_group) or seg.service_id is not null or w.service_id is not null
    order by sv.branch_id, sv.id
  `.execute(db);
  return {
    branches: branches.map((b) => ({ id: b.id, name: b.name, timezone: b.timezone })),
    services: result.rows.map((r) => ({
      branchId: r.branch_id,
      serviceId: r.service_id,
      name: r.name,
      issued: r.issued,
      called: r.called,
      served: r.served,
      waiting: r.waiting,
      wait: { buckets: r.wait_buckets ?? WAIT_BUCKETS.map(() => 0), count: r.called, sum: r.wait_sum },
      service: {
        buckets: r.service_buckets ?? SERVICE_BUCKETS.map(() => 0),
        count: r.service_count,
        sum: r.service_sum,
      },
    })),
  };
}
