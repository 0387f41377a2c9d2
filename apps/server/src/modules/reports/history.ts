import type { HistoryRow, ReportQuery } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { segmentsOf } from "./queries.ts";

/** One row per service segment of a visit: every timestamp, who served it where, the outcome and the rating. */
interface Row {
  business_day: string;
  ticket_id: string;
  segment: number;
  label: string;
  service_id: string;
  service: string;
  category_id: string | null;
  category: string | null;
  issued_at: Date;
  enqueued_at: Date;
  first_called_at: Date | null;
  started_at: Date | null;
  finished_at: Date | null;
  call_count: number;
  outcome: string | null;
  close_reason: string | null;
  operator: string | null;
  workstation: string | null;
  rating_score: number | null;
  rating_comment: string | null;
  quoted_min_minutes: number | null;
  quoted_max_minutes: number | null;
  quoted_expected_minutes: number | null;
}

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.round((to.getTime() - from.getTime()) / 1000) : null;

// A `real` column may come back as 12.300000190734863; quotes are made to 0.1 minute.
const tenths = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/**
 * The quote given at issue and the wait that followed belong to the visit's first segment (the
 * estimate audit compares them there); later segments after a redirect leave them empty, so that
 * a visit's promise is never counted twice in a spreadsheet's sums.
 */
function quoteAndActual(r: Row) {
  const first = r.segment === 1;
  const wait = seconds(r.enqueued_at, r.first_called_at);
  return {
    quotedMinMinutes: first ? r.quoted_min_minutes : null,
    quotedMaxMinutes: first ? r.quoted_max_minutes : null,
    quotedExpectedMinutes: first ? tenths(r.quoted_expected_minutes) : null,
    actualWaitMinutes: first && wait !== null ? tenths(wait / 60) : null,
  };
}

function toRow(r: Row): HistoryRow {
  return {
    businessDay: r.business_day,
    ticketId: r.ticket_id,
    label: r.label,
    segment: r.segment,
    serviceId: r.service_id,
    service: r.service,
    categoryId: r.category_id,
    category: r.category,
    issuedAt: r.issued_at.toISOString(),
    enqueuedAt: r.enqueued_at.toISOString(),
    firstCalledAt: r.first_called_at?.toISOString() ?? null,
    startedAt: r.started_at?.toISOString() ?? null,
    finishedAt: r.finished_at?.toISOString() ?? null,
    waitSeconds: seconds(r.enqueued_at, r.first_called_at),
    serviceSeconds:
      r.outcome === "served" || r.outcome === "redirected" ? seconds(r.started_at, r.finished_at) : null,
    callCount: r.call_count,
    outcome: r.outcome,
    closeReason: r.close_reason,
    operator: r.operator,
    workstation: r.workstation,
    ratingScore: r.outcome === "served" ? r.rating_score : null,
    ratingComment: r.outcome === "served" ? r.rating_comment : null,
    ...quoteAndActual(r),
  };
}

function rows(branch: BranchContext, q: ReportQuery, label: string | undefined) {
  const seg = segmentsOf(branch, q);
  const search = label ? sql`and t.label ilike ${`%${label.replace(/[%_\\]/g, "\\$&")}%`}` : sql``;
  // Counting needs the tickets only to search their numbers.
  const counted = label ? sql`${seg.from} join tickets t on t.id = s.ticket_id` : seg.from;
  return { seg, search, counted };
}

/** A page of the history and the total, in calendar order. */
export async function historyPage(
  db: Executor,
  branch: BranchContext,
  q: ReportQuery,
  page: { limit: number; offset: number; q?: string },
) {
  const { seg, search, counted } = rows(branch, q, page.q);
  const [items, total] = await Promise.all([
    sql<Row>`
      select ${COLUMNS} from ${seg.withService} ${JOINS}
      where ${seg.where} ${search}
      order by s.business_day, s.ticket_id, s.segment
      limit ${page.limit} offset ${page.offset}
    `.execute(db),
    sql<{ n: number }>`
      select count(*)::int as n from ${counted} where ${seg.where} ${search}
    `.execute(db),
  ]);
  return { items: items.rows.map(toRow), total: total.rows[0]?.n ?? 0 };
}

/** The whole filtered history, in chunks by key (never one huge result in memory). */
export async function* historyChunks(db: Executor, branch: BranchContext, q: ReportQuery, label?: string) {
  const { seg, search } = rows(branch, q, label);
  let after: { day: string; ticket: string; segment: number } | null = null;
  for (;;) {
    const cursor: ReturnType<typeof sql> = after
      ? sql`and (s.business_day, s.ticket_id, s.segment) > (${after.day}::date, ${after.ticket}::bigint, ${after.segment}::int)`
      : sql``;
    const chunk = await sql<Row>`
      select ${COLUMNS} from ${seg.withService} ${JOINS}
      where ${seg.where} ${search} ${cursor}
      order by s.business_day, s.ticket_id, s.segment
      limit 2000
    `.execute(db);
    if (chunk.rows.length === 0) return;
    yield chunk.rows.map(toRow);
    const last = chunk.rows.at(-1)!;
    after = { day: last.business_day, ticket: last.ticket_id, segment: last.segment };
    if (chunk.rows.length < 2000) return;
  }
}

const COLUMNS = sql`
  s.business_day::text as business_day, s.ticket_id, s.segment, t.label, s.service_id, sv.name as service,
  s.category_id, c.name as category,
  t.issued_at, s.enqueued_at, s.first_called_at, s.started_at, s.finished_at, s.call_count, s.outcome,
  s.close_reason, e.name as operator, w.name as workstation, t.rating_score, t.rating_comment,
  t.quoted_min_minutes, t.quoted_max_minutes, t.quoted_expected_minutes`;

const JOINS = sql`
  join tickets t on t.id = s.ticket_id
  left join categories c on c.id = s.category_id
  left join employees e on e.id = s.employee_id
  left join workstations w on w.id = s.workstation_id`;
