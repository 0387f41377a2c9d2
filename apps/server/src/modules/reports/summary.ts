import type { Kpi, ReportQuery } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { appointmentTotals } from "./appointments.ts";
import { Histogram, percentile } from "./histogram.ts";
import { CALLED, DAY_CLOSED, ratio, round, SERVICE, segmentsOf, WAIT } from "./queries.ts";

/**
 * The summary: KPIs for the whole period and per service (definitions in queries.ts), and the
 * period's appointments (appointments.ts; only the service filter applies to them).
 *
 * Two passes over the segments: one groups them by service and whole second of wait,
 * with every count and sum the KPIs need; the other is the histogram of service times. Medians and
 * 90th percentiles come from the histograms, totals from adding up the groups, so a year (a million
 * segments) is two hash aggregates of some ten thousand groups, not a sort of every value.
 */
export async function summary(db: Executor, branch: BranchContext, q: ReportQuery, now: Date) {
  const seg = segmentsOf(branch, q);
  // One pass after the other: each is spread over the server's cores by PostgreSQL already, and
  // side by side they only fight for them (a year: 0.8 s in turn, 1.2 s at once on two cores).
  const services = await db
    .selectFrom("services")
    .select(["id", "name", "target_wait_minutes"])
    .where("branch_id", "=", branch.id)
    .execute();
  const groups = await sql<WaitGroup>`
    select s.service_id, round(${WAIT})::int as wait,
      count(*) filter (where s.segment = 1)::int as issued,
      count(*) filter (where s.outcome = 'served' and not ${DAY_CLOSED})::int as served,
      count(*) filter (where s.outcome = 'no_show' and not ${DAY_CLOSED})::int as no_show,
      count(*) filter (where s.outcome = 'cancelled' and not ${DAY_CLOSED})::int as cancelled,
      count(*) filter (where s.outcome is null or ${DAY_CLOSED})::int as open,
      count(${WAIT})::int as called,
      coalesce(sum(${WAIT}), 0)::float8 as wait_sum,
      max(${WAIT})::float8 as wait_max,
      count(${SERVICE})::int as service_count,
      coalesce(sum(${SERVICE}), 0)::float8 as service_sum,
      -- A service without a target counts as within; exactly the target counts as within.
      count(*) filter (where ${CALLED} and (sv.target_wait_minutes is null
        or ${WAIT} <= sv.target_wait_minutes * 60))::int as within_target,
      array[count(*) filter (where s.rating_score = 1), count(*) filter (where s.rating_score = 2),
            count(*) filter (where s.rating_score = 3), count(*) filter (where s.rating_score = 4),
            count(*) filter (where s.rating_score = 5)]::int[] as ratings
    from ${seg.withService}
    where ${seg.where}
    group by s.service_id, 2
  `.execute(db);
  const serviceTimes = await sql<{ service_id: string; seconds: number; n: number }>`
    select s.service_id, round(${SERVICE})::int as seconds, count(*)::int as n
    from ${seg.from}
    where ${seg.where} and ${SERVICE} is not null
    group by 1, 2
  `.execute(db);
  const total = new Tally();
  const byService = new Map<string, Tally>();
  const of = (serviceId: string) => {
    const tally = byService.get(serviceId) ?? new Tally();
    byService.set(serviceId, tally);
    return tally;
  };
  for (const g of groups.rows) {
    of(g.service_id).add(g);
    total.add(g);
  }
  for (const r of serviceTimes.rows) {
    of(r.service_id).serviceTimes.add(r.seconds, r.n);
    total.serviceTimes.add(r.seconds, r.n);
  }
  const appointments = await appointmentTotals(db, branch, q, now);
  const names = new Map(services.map((s) => [s.id, s]));
  return {
    ...total.kpi(),
    appointments,
    appointmentTargetMinutes: branch.settings.appointmentTargetWaitMinutes,
    byService: [...byService.entries()]
      .map(([serviceId, tally]) => ({
        serviceId,
        name: names.get(serviceId)?.name ?? serviceId,
        targetWaitMinutes: names.get(serviceId)?.target_wait_minutes ?? null,
        ...tally.kpi(),
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

interface WaitGroup {
  service_id: string;
  /** Whole seconds of wait; null for the segments never called. */
  wait: number | null;
  issued: number;
  served: number;
  no_show: number;
  cancelled: number;
  open: number;
  called: number;
  wait_sum: number;
  wait_max: number | null;
  service_count: number;
  service_sum: number;
  within_target: number;
  ratings: number[];
}

/** The KPIs' counts and sums, added up group by group. */
class Tally {
  issued = 0;
  served = 0;
  noShow = 0;
  cancelled = 0;
  open = 0;
  called = 0;
  waitSum = 0;
  waitMax: number | null = null;
  serviceCount = 0;
  serviceSum = 0;
  withinTarget = 0;
  ratings = [0, 0, 0, 0, 0];
  readonly waits = new Histogram();
  readonly serviceTimes = new Histogram();

  add(g: WaitGroup) {
    this.issued += g.issued;
    this.served += g.served;
    this.noShow += g.no_show;
    this.cancelled += g.cancelled;
    this.open += g.open;
    this.called += g.called;
    this.waitSum += g.wait_sum;
    if (g.wait_max !== null) this.waitMax = Math.max(this.waitMax ?? g.wait_max, g.wait_max);
    this.serviceCount += g.service_count;
    this.serviceSum += g.service_sum;
    this.withinTarget += g.within_target;
    g.ratings.forEach((n, i) => {
      this.ratings[i]! += n;
    });
    if (g.wait !== null) this.waits.add(g.wait, g.called);
  }

  kpi(): Kpi {
    const rated = this.ratings.reduce((a, b) => a + b, 0);
    const ratingSum = this.ratings.reduce((sum, n, i) => sum + n * (i + 1), 0);
    return {
      issued: this.issued,
      served: this.served,
      noShow: this.noShow,
      cancelled: this.cancelled,
      open: this.open,
      waitSeconds: {
        avg: this.called === 0 ? null : round(this.waitSum / this.called),
        median: round(percentile(this.waits, 0.5)),
        p90: round(percentile(this.waits, 0.9)),
        max: round(this.waitMax),
      },
      serviceSeconds: {
        avg: this.serviceCount === 0 ? null : round(this.serviceSum / this.serviceCount),
        median: round(percentile(this.serviceTimes, 0.5)),
        p90: round(percentile(this.serviceTimes, 0.9)),
      },
      serviceLevel: ratio(this.withinTarget, this.called),
      noShowRate: ratio(this.noShow, this.served + this.noShow),
      ratings: {
        count: rated,
        avg: rated === 0 ? null : Math.round((ratingSum / rated) * 100) / 100,
        distribution: {
          1: this.ratings[0]!,
          2: this.ratings[1]!,
          3: this.ratings[2]!,
          4: this.ratings[3]!,
          5: this.ratings[4]!,
        },
      },
    };
  }
}
