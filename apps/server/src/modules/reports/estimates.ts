import type { ReportQuery } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { ratio, segmentsOf } from "./queries.ts";

/**
 * The estimate audit (issue 16): how the wait promised when a ticket was issued compared with the
 * wait that followed. Population: tickets of the period with a quote at issue whose first segment
 * was called; the report's filters apply to that first segment (the service is the one the quote
 * was about). The actual wait runs from issue to the first call — the first segment's
 * `wait_seconds`, counted here from its timestamps so a ticket being served now counts as well.
 *
 * - `maeMinutes`: mean |actual − expected quoted|; `biasMinutes`: mean (actual − expected), positive
 *   when people waited longer than promised;
 * - `coverage`: share inside the quoted range (both ends included); `underShare`: share above it;
 * - `medianWidthMinutes`: median of (max − min) of the quoted ranges.
 * Minutes to 2 decimals (rounded in SQL, on exact numerics), shares to 4; all null without tickets.
 */
export async function estimateAccuracy(db: Executor, branch: BranchContext, q: ReportQuery) {
  const seg = segmentsOf(branch, q);
  const result = await sql<Row>`
    with audited as (
      select s.service_id,
        extract(epoch from s.first_called_at - s.enqueued_at) / 60 as actual,
        t.quoted_min_minutes as lo, t.quoted_max_minutes as hi,
        t.quoted_expected_minutes::numeric as expected
      from ${seg.from} join tickets t on t.id = s.ticket_id
      where ${seg.where} and s.segment = 1 and s.first_called_at is not null
        and t.quoted_min_minutes is not null and t.quoted_max_minutes is not null
        and t.quoted_expected_minutes is not null
    )
    select a.service_id, sv.name,
      count(*)::int as n,
      round(avg(abs(a.actual - a.expected)), 2)::float8 as mae,
      round(avg(a.actual - a.expected), 2)::float8 as bias,
      count(*) filter (where a.actual between a.lo and a.hi)::int as inside,
      count(*) filter (where a.actual > a.hi)::int as above,
      round(percentile_cont(0.5) within group (order by a.hi - a.lo)::numeric, 2)::float8 as width
    from audited a left join services sv on sv.id = a.service_id
    group by grouping sets ((a.service_id, sv.name), ())
  `.execute(db);
  const total = result.rows.find((r) => r.service_id === null);
  return {
    ...figures(total),
    byService: result.rows
      .filter((r) => r.service_id !== null)
      .map((r) => ({ serviceId: r.service_id!, name: r.name ?? r.service_id!, ...figures(r) }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

interface Row {
  /** Null on the row of all services together. */
  service_id: string | null;
  name: string | null;
  n: number;
  mae: number | null;
  bias: number | null;
  inside: number;
  above: number;
  width: number | null;
}

function figures(r: Row | undefined) {
  const count = r?.n ?? 0;
  return {
    count,
    maeMinutes: count ? r!.mae : null,
    biasMinutes: count ? r!.bias : null,
    coverage: ratio(r?.inside ?? 0, count),
    underShare: ratio(r?.above ?? 0, count),
    medianWidthMinutes: count ? r!.width : null,
  };
}
