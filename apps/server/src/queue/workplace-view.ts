import type { OperatorToday, QueueSummary, Ticket } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import type { Executor } from "../db/executor.ts";
import { type Server, servesSql } from "./eligibility.ts";
import { toTicketDto } from "./ticket-dto.ts";

/**
 * Whose workplace a screen shows: normally the signed-in operator's own; a supervisor may watch any
 * workstation (read-only), and then the subject is whoever works there — possibly nobody.
 */
export interface WorkplaceSubject {
  employeeId: string | null;
  workstationId: string | null;
}

/** The operator's own workstation in this branch, if he has taken one. */
export async function ownSubject(
  db: Executor,
  branch: BranchContext,
  employeeId: string,
): Promise<WorkplaceSubject> {
  const state = await db
    .selectFrom("operator_states")
    .select(["workstation_id", "branch_id"])
    .where("employee_id", "=", employeeId)
    .executeTakeFirst();
  return { employeeId, workstationId: state?.branch_id === branch.id ? state.workstation_id : null };
}

/** A workstation of this branch that is not deleted, if there is one with this id. */
export function findWorkstationInBranch(db: Executor, branchId: string, id: string) {
  return db
    .selectFrom("workstations")
    .select("id")
    .where("id", "=", id)
    .where("branch_id", "=", branchId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** What a workplace screen shows of a workstation. */
export function workstationHeader(db: Executor, id: string) {
  return db
    .selectFrom("workstations")
    .select(["id", "name", "number"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Who works at a workstation now; null when nobody does. */
export async function occupantOf(db: Executor, workstationId: string): Promise<string | null> {
  const row = await db
    .selectFrom("operator_states")
    .select("employee_id")
    .where("workstation_id", "=", workstationId)
    .executeTakeFirst();
  return row?.employee_id ?? null;
}

/** The subject as the eligibility rule asks about it; a side that is not there does not narrow. */
function asServer(s: WorkplaceSubject): Server<string> {
  return { employee: s.employeeId, workstation: s.workstationId };
}

/**
 * The services served here, for each: how many wait, the longest wait, how many are overdue. With
 * an operator, only his competencies (with his rank); with a workstation, only what it serves.
 */
export async function queuesFor(
  db: Executor,
  branch: BranchContext,
  s: WorkplaceSubject,
  now: Date,
): Promise<QueueSummary[]> {
  if (!s.employeeId && !s.workstationId) return [];
  const rows = await sql<{
    service_id: string;
    name: string;
    prefix: string | null;
    rank: number | null;
    waiting: number;
    longest: number | null;
    overdue: number;
  }>`
    select s.id as service_id, s.name, s.prefix, c.rank,
      count(t.id)::int as waiting,
      extract(epoch from (${now}::timestamptz - min(t.enqueued_at)))::float8 as longest,
      count(t.id) filter (where s.target_wait_minutes is not null
        and t.enqueued_at < ${now}::timestamptz - s.target_wait_minutes * interval '1 minute')::int as overdue
    from services s
    left join competencies c on c.service_id = s.id and c.employee_id = ${s.employeeId}
    left join tickets t on t.branch_id = s.branch_id and t.service_id = s.id and t.status = 'waiting'
    where s.branch_id = ${branch.id} and s.deleted_at is null and not s.is_group
      and ${servesSql(asServer(s), sql.ref("s.id"))}
    group by s.id, s.name, s.prefix, c.rank, s.sort_order
    order by c.rank nulls last, s.sort_order, s.id
  `.execute(db);
  return rows.rows.map((r) => ({
    serviceId: r.service_id,
    name: r.name,
    prefix: r.prefix,
    rank: r.rank,
    waiting: r.waiting,
    longestWaitSeconds: r.longest === null ? 0 : Math.max(0, Math.round(r.longest)),
    overdue: r.overdue,
  }));
}

/** Waiting tickets the subject may call (priority first, then arrival), at most 200. */
export async function waitingFor(
  db: Executor,
  branch: BranchContext,
  s: WorkplaceSubject,
): Promise<Ticket[]> {
  if (!s.employeeId && !s.workstationId) return [];
  const rows = await db
    .selectFrom("tickets as t")
    .selectAll("t")
    .where("t.branch_id", "=", branch.id)
    .where("t.status", "=", "waiting")
    .where(servesSql(asServer(s), sql.ref("t.service_id")))
    .orderBy("t.priority", "desc")
    .orderBy("t.enqueued_at")
    .orderBy("t.id")
    .limit(200)
    .execute();
  return rows.map((r) => toTicketDto(r));
}

/**
 * An operator's own figures for today (the branch's calendar day): clients served and their
 * average service time, no-shows (less those taken back), redirections. Counted from the event log, so a client he served
 * and then redirected counts for him too.
 */
export async function todayOf(
  db: Executor,
  branch: BranchContext,
  employeeId: string | null,
  now: Date,
): Promise<OperatorToday> {
  if (!employeeId) return { served: 0, noShows: 0, redirected: 0, averageServiceSeconds: null };
  const row = await sql<{ served: number; no_shows: number; redirected: number; avg_service: number | null }>`
    with mine as (
      select e.type, e.ticket_id, e.created_at from events e
      where e.branch_id = ${branch.id} and e.employee_id = ${employeeId}
        and e.type in ('ticket.started', 'ticket.served', 'ticket.no_show', 'ticket.no_show_undone',
                       'ticket.redirected')
        and e.created_at >= (date_trunc('day', ${now}::timestamptz at time zone ${branch.timezone})
                             at time zone ${branch.timezone})
    ), ended as (
      select m.ticket_id, m.created_at as ended_at,
        (select max(s.created_at) from mine s
          where s.ticket_id = m.ticket_id and s.type = 'ticket.started' and s.created_at <= m.created_at) as started_at
      from mine m where m.type in ('ticket.served', 'ticket.redirected')
    )
    select
      (select count(*)::int from mine where type = 'ticket.served') as served,
      -- A no-show taken back does not count.
      (select count(*) filter (where type = 'ticket.no_show')::int
        - count(*) filter (where type = 'ticket.no_show_undone')::int from mine) as no_shows,
      (select count(*)::int from mine where type = 'ticket.redirected') as redirected,
      (select avg(extract(epoch from ended_at - started_at))::float8 from ended where started_at is not null) as avg_service
  `.execute(db);
  const r = row.rows[0]!;
  return {
    served: r.served,
    noShows: r.no_shows,
    redirected: r.redirected,
    averageServiceSeconds: r.avg_service === null ? null : Math.round(r.avg_service),
  };
}
