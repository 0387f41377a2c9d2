import type { TreeNode } from "@dq/shared";
import { sql } from "kysely";
import type { Executor } from "../db/executor.ts";
import type { NewTicket, TicketRow, TicketUpdate } from "../db/schema.ts";
import { type Server, servesSql } from "./eligibility.ts";
import type { CallClass } from "./policy.ts";

/** Data access for the queue engine. Every function takes an executor (a transaction or the db). */

export async function lockTicket(db: Executor, branchId: string, id: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom("tickets")
    .selectAll()
    .where("id", "=", id)
    .where("branch_id", "=", branchId)
    .forUpdate()
    .executeTakeFirst();
}

/** A ticket of this branch by id, without locking it. */
export async function findTicket(db: Executor, branchId: string, id: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom("tickets")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export interface TicketSearch {
  status: TicketRow["status"];
  serviceId?: string;
  categoryId?: string;
  /** Part of the label; spaces and dashes are ignored, as people type "А 015" or "А-015". */
  label?: string;
  day?: string;
  limit: number;
  offset: number;
}

/** Tickets of a branch for the supervisor's list: priority first, then by arrival. */
export async function searchTickets(db: Executor, branchId: string, f: TicketSearch): Promise<TicketRow[]> {
  let q = db
    .selectFrom("tickets")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("status", "=", f.status);
  if (f.serviceId) q = q.where("service_id", "=", f.serviceId);
  if (f.categoryId) q = q.where("category_id", "=", f.categoryId);
  if (f.label) q = q.where("label", "ilike", `%${f.label.replace(/[%_\\]/g, "\\$&").replace(/[\s-]/g, "")}%`);
  if (f.day) q = q.where("business_day", "=", f.day);
  return q
    .orderBy("priority", "desc")
    .orderBy("enqueued_at")
    .orderBy("id")
    .limit(f.limit)
    .offset(f.offset)
    .execute();
}

export async function findTicketByCode(db: Executor, code: string): Promise<TicketRow | undefined> {
  return db.selectFrom("tickets").selectAll().where("code", "=", code).executeTakeFirst();
}

/** What a ticket going back to the queue drops: its call, its start and who had it. */
export const BACK_IN_QUEUE = {
  called_at: null,
  last_called_at: null,
  started_at: null,
  call_count: 0,
  workstation_id: null,
  employee_id: null,
} as const satisfies TicketUpdate;

export async function updateTicket(db: Executor, id: string, patch: TicketUpdate): Promise<TicketRow> {
  return db.updateTable("tickets").set(patch).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

export interface NumberedTicketInsert {
  ticket: Omit<NewTicket, "number" | "label">;
  prefix: string;
  dailyLimit: number | null;
  /** The `ticket.issued` event, its data from `ticketEventData`; the statement sets `ticketId` and `label`. */
  event: { type: string; data: Record<string, unknown>; employeeId: string | null; deviceId: string | null };
  /** Claimed in the same statement; a key seen in the last 24 hours issues nothing. */
  idempotencyKey: string | null;
  /** What the request asked for, stored with the key's claim. */
  fingerprint: string;
  now: Date;
}

/**
 * Issues a ticket in one statement, in its own implicit transaction: claims the Idempotency-Key,
 * takes the next number of (branch, service, business day) unless the daily limit is reached,
 * inserts the ticket and its event. The counter row is the one hot row every kiosk of a service
 * shares; one statement holds its lock for the shortest possible time. Returns nothing when the
 * key was already used (a retry) or the limit is reached; the caller tells which.
 */
export async function insertNumberedTicket(
  db: Executor,
  p: NumberedTicketInsert,
): Promise<TicketRow | undefined> {
  const t = p.ticket;
  const result = await sql<TicketRow>`
    with claim as (
      insert into idempotency_keys (branch_id, key, fingerprint, created_at)
      select ${t.branch_id}, ${p.idempotencyKey}::text, ${p.fingerprint}, ${p.now}
      where ${p.idempotencyKey}::text is not null
      on conflict (branch_id, key) do update set created_at = excluded.created_at, fingerprint = excluded.fingerprint
        where idempotency_keys.created_at < ${p.now}::timestamptz - interval '24 hours'
      returning key
    ), allowed as (
      select 1 where ${p.idempotencyKey}::text is null or exists (select 1 from claim)
    ), counter as (
      insert into ticket_counters (branch_id, service_id, business_day, last_number)
      select ${t.branch_id}, ${t.service_id}, ${t.business_day}, 1 from allowed
      on conflict (branch_id, service_id, business_day)
        do update set last_number = ticket_counters.last_number + 1
        where ${p.dailyLimit}::int is null or ticket_counters.last_number < ${p.dailyLimit}::int
      returning last_number
    ), ticket as (
      insert into tickets (branch_id, service_id, category_id, code, number, label, business_day, status, priority,
                           issued_at, enqueued_at, origin, device_id, language, idempotency_key, updated_at,
                           quoted_min_minutes, quoted_max_minutes, quoted_expected_minutes,
                           phone, phone_consent_at, phone_hash, browser_hash, arrival_required)
      select ${t.branch_id}, ${t.service_id}, ${t.category_id ?? null}, ${t.code},
             counter.last_number,
             ${p.prefix} || lpad(counter.last_number::text, greatest(3, length(counter.last_number::text)), '0'),
             ${t.business_day},
             'waiting', ${t.priority ?? 0}, ${t.issued_at}, ${t.enqueued_at}, ${t.origin ?? "staff"},
             ${t.device_id ?? null}, ${t.language ?? null}, ${p.idempotencyKey}, ${t.issued_at},
             ${t.quoted_min_minutes ?? null}::int, ${t.quoted_max_minutes ?? null}::int,
             ${t.quoted_expected_minutes ?? null}::real,
             ${t.phone ?? null}::text, ${t.phone_consent_at ?? null}::timestamptz, ${t.phone_hash ?? null}::text,
             ${t.browser_hash ?? null}::text, ${t.arrival_required ?? false}
      from counter
      returning *
    ), event as (
      insert into events (branch_id, type, ticket_id, employee_id, device_id, data, created_at)
      select ticket.branch_id, ${p.event.type}, ticket.id, ${p.event.employeeId}, ${p.event.deviceId},
             ${JSON.stringify(p.event.data)}::jsonb || jsonb_build_object('ticketId', ticket.id::text, 'label', ticket.label),
             ${t.issued_at}
      from ticket
    )
    select ticket.* from ticket
  `.execute(db);
  return result.rows[0];
}

/**
 * A client category a ticket may be given now: not archived (inactive) and not deleted. Issuing
 * and a supervisor's change both ask here, so they cannot disagree.
 */
export async function findActiveCategory(db: Executor, branchId: string, id: string) {
  return db
    .selectFrom("categories")
    .select(["id", "priority"])
    .where("id", "=", id)
    .where("branch_id", "=", branchId)
    .where("deleted_at", "is", null)
    .where("active", "=", true)
    .executeTakeFirst();
}

/** The ticket issued under this key within the last 24 hours, if any. */
export async function ticketForIdempotencyKey(db: Executor, branchId: string, key: string, now: Date) {
  return db
    .selectFrom("tickets")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("idempotency_key", "=", key)
    .where("issued_at", ">=", new Date(now.getTime() - 24 * 3_600_000))
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
}

/** The claim of an Idempotency-Key: what the request that first used it asked for. */
export async function findIdempotencyClaim(db: Executor, branchId: string, key: string) {
  return db
    .selectFrom("idempotency_keys")
    .select(["fingerprint", "created_at"])
    .where("branch_id", "=", branchId)
    .where("key", "=", key)
    .executeTakeFirst();
}

/**
 * Every service and group of a branch with its parent, archived and deleted ones included: the
 * walk up from a service passes through whatever group it is in.
 */
export async function serviceTree(db: Executor, branchId: string): Promise<TreeNode[]> {
  return db
    .selectFrom("services")
    .select(["id", "parent_id as parentId"])
    .where("branch_id", "=", branchId)
    .execute();
}

/** Gives a key back when its request issued nothing (e.g. the daily limit), so a retry can try again. */
export async function releaseIdempotencyKey(db: Executor, branchId: string, key: string, claimedAt: Date) {
  await db
    .deleteFrom("idempotency_keys")
    .where("branch_id", "=", branchId)
    .where("key", "=", key)
    .where("created_at", "=", claimedAt)
    .execute();
}

export async function countIssuedToday(db: Executor, branchId: string, serviceId: string, day: string) {
  const row = await db
    .selectFrom("ticket_counters")
    .select("last_number")
    .where("branch_id", "=", branchId)
    .where("service_id", "=", serviceId)
    .where("business_day", "=", day)
    .executeTakeFirst();
  return row?.last_number ?? 0;
}

/** How many of the best tickets of each service and kind the fast claim considers; see below. */
const CANDIDATES_PER_SERVICE = 16;

/**
 * The calling policy of policy.ts as SQL: the same sort key, over the services both the operator
 * and the workstation serve, among the tickets callable now (an appointment checked in early
 * waits for its start, a remote ticket for its holder's arrival). `skip locked` lets concurrent
 * operators pass each other's candidate instead of waiting for it, so two calls never take the
 * same ticket.
 *
 * Sorting every waiting ticket on every call costs O(queue); instead the fast path takes, through
 * the waiting-tickets indexes, the first few tickets of each eligible service in each order the
 * key can prefer (all by priority then arrival; overdue ones; ordinary clients; overdue ordinary
 * clients), once among all tickets and once among appointment tickets (which go before walk-ins
 * of the same overdue state). Within one service rank and service priority are constant, so the
 * service's best ticket is always among them, and the global best among all services' bests.
 * Only when every candidate is locked by concurrent callers does the full sort run, so nobody
 * gets "nobody is waiting" while someone is.
 */
export async function claimNextWaiting(db: Executor, p: ClaimParams): Promise<string | null> {
  return (await claimFrom(db, p, "candidates")) ?? (await claimFrom(db, p, "all"));
}

async function claimFrom(db: Executor, p: ClaimParams, scope: "candidates" | "all"): Promise<string | null> {
  const waiting = sql`t.branch_id = ${p.branchId} and t.service_id = e.id and t.status = 'waiting'
    and (t.booked_for is null or t.enqueued_at <= ${p.now}::timestamptz)
    and (not t.arrival_required or t.arrived_at is not null)`;
  const top = (filter: ReturnType<typeof sql>, order: ReturnType<typeof sql>) =>
    sql`(select t.id, t.priority, t.enqueued_at, t.booked_for from tickets t where ${waiting} and ${filter}
         order by ${order} limit ${CANDIDATES_PER_SERVICE})`;
  const byPriority = sql`t.priority desc, t.enqueued_at, t.id`;
  const byArrival = sql`t.enqueued_at, t.id`;
  const overdue = sql`t.enqueued_at < e.overdue_before`;
  const ordinary = sql`t.priority <= 0`;
  // The four orders over some tickets: all of a service, or its appointments only.
  const pools = (among: ReturnType<typeof sql>) =>
    sql`${top(among, byPriority)} union all ${top(sql`${among} and ${overdue}`, byPriority)}
        union all ${top(sql`${among} and ${ordinary}`, byArrival)}
        union all ${top(sql`${among} and ${ordinary} and ${overdue}`, byArrival)}`;
  const tickets =
    scope === "candidates"
      ? sql`cross join lateral (
          ${pools(sql`true`)} union all ${pools(sql`t.booked_for is not null`)}
        ) t`
      : sql`join tickets t on ${waiting}`;
  // The pool carries every column of the sort key, so the final step only sorts it and locks
  // rows by primary key.
  const result = await sql<{ id: string }>`
    with eligible as materialized (
      select s.id, s.priority, c.rank,
        case when ${p.slaGuard} and s.target_wait_minutes is not null
             then ${p.now}::timestamptz - s.target_wait_minutes * interval '1 minute' end as overdue_before
      from competencies c
      join services s on s.id = c.service_id
      where c.employee_id = ${p.employeeId}
        and ${servesSql({ employee: p.employeeId, workstation: p.workstationId }, sql.ref("s.id"))}
    ), pool as materialized (
      select t.id, t.priority, t.enqueued_at, t.booked_for, e.rank, e.priority as service_priority,
        e.overdue_before
      from eligible e ${tickets}
    )
    select t.id
    from pool
    join tickets t on t.id = pool.id
    where t.status = 'waiting'
    order by
      case when pool.enqueued_at < pool.overdue_before then 0 else 1 end,
      case when pool.booked_for is null then 1 else 0 end,
      case when ${p.preferred}::text is null then 0
           when (pool.priority > 0) = (${p.preferred}::text = 'priority') then 0 else 1 end,
      pool.priority desc, pool.rank asc, pool.service_priority desc, pool.enqueued_at asc, pool.id asc
    limit 1
    for update of t skip locked
  `.execute(db);
  return result.rows[0]?.id ?? null;
}

export interface ClaimParams {
  branchId: string;
  employeeId: string;
  workstationId: string;
  now: Date;
  slaGuard: boolean;
  preferred: CallClass | null;
}

/** Serialises call-next within a branch until the transaction ends (only the ratio rule needs it). */
export async function lockBranchCalls(db: Executor, branchId: string) {
  await sql`select pg_advisory_xact_lock(hashtext('digitalqueue.calls'), ${Number(branchId) | 0})`.execute(
    db,
  );
}

const DAY_CLOSING = sql`hashtext('digitalqueue.day-closing')`;

/**
 * Held for a whole session by the history generator while it makes a branch's past days, whose
 * open tickets the automatic end of day must not close under it.
 */
export async function holdDayClosing(db: Executor, branchId: string) {
  await sql`select pg_advisory_lock(${DAY_CLOSING}, ${Number(branchId) | 0})`.execute(db);
}

export async function releaseDayClosing(db: Executor, branchId: string) {
  await sql`select pg_advisory_unlock(${DAY_CLOSING}, ${Number(branchId) | 0})`.execute(db);
}

/** The automatic end of day's turn, until the transaction ends: false while history is being made. */
export async function tryDayClosing(db: Executor, branchId: string): Promise<boolean> {
  const row = await sql<{ ok: boolean }>`
    select pg_try_advisory_xact_lock(${DAY_CLOSING}, ${Number(branchId) | 0}) as ok
  `.execute(db);
  return row.rows[0]!.ok;
}

/** Whether this operator at this workstation may serve the service (see eligibility.ts). */
export async function canServe(db: Executor, who: Server<string>, serviceId: string): Promise<boolean> {
  const result = await sql<{ ok: boolean }>`select ${servesSql(who, serviceId)} as ok`.execute(db);
  return result.rows[0]!.ok;
}

/** Classes of the branch's latest calls from the queue, newest first, for the ratio rule. */
export async function recentCallClasses(db: Executor, branchId: string, limit: number): Promise<CallClass[]> {
  if (limit <= 0) return [];
  const rows = await db
    .selectFrom("ticket_calls")
    .select("call_class")
    .where("branch_id", "=", branchId)
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => r.call_class);
}

/** Records a call that took a ticket from the queue, in the caller's transaction. */
export async function recordCall(
  db: Executor,
  call: { branchId: string; ticketId: string; callClass: CallClass; at: Date },
) {
  await db
    .insertInto("ticket_calls")
    .values({
      branch_id: call.branchId,
      ticket_id: call.ticketId,
      call_class: call.callClass,
      called_at: call.at,
    })
    .execute();
}

/**
 * Operators serving a service (aliased `s`) now: signed in at a workstation that serves it, not
 * paused, competent for it. Estimates divide the queue among them; alerts fire when there are none.
 */
export function activeServers() {
  const operator = { employee: sql.ref("os.employee_id"), workstation: sql.ref("os.workstation_id") };
  return sql<number>`(select count(*)::int from operator_states os
       where os.status not in ('offline', 'paused') and ${servesSql(operator, sql.ref("s.id"))})`;
}

/**
 * What the wait estimate of a service needs, as columns over a service row aliased `s`: the
 * average service time of its latest served tickets (up to 20, last 14 days), the workstations
 * serving it now (an operator signed in, not paused, competent), and those configured for it.
 */
export function serviceLoadColumns(now: Date) {
  return sql<never>`
    s.expected_service_minutes,
    (select avg(extract(epoch from r.finished_at - r.started_at) / 60)::float8 from (
       select started_at, finished_at from tickets t
       where t.service_id = s.id and t.status = 'served' and t.started_at is not null
         and t.close_reason is null
         and t.finished_at > ${now}::timestamptz - interval '14 days'
       order by t.finished_at desc limit 20) r) as recent_minutes,
    ${activeServers()} as servers,
    (select count(*)::int from workstation_services ws
       join workstations w on w.id = ws.workstation_id and w.active and w.deleted_at is null
       where ws.service_id = s.id) as configured_servers`;
}

export interface ServiceLoad {
  expected_service_minutes: number;
  recent_minutes: number | null;
  servers: number;
  configured_servers: number;
}

/** A service's load figures (see serviceLoadColumns): what the legacy estimate divides by. */
export async function serviceLoad(db: Executor, serviceId: string, now: Date) {
  const result = await sql<ServiceLoad>`
    select ${serviceLoadColumns(now)} from services s where s.id = ${serviceId}
  `.execute(db);
  return result.rows[0]!;
}

/**
 * People ahead of a waiting ticket in its service, in the calling order without the SLA guard and
 * the ratio rule: appointment tickets before walk-ins (every checked-in one, as one checked in
 * early is due within minutes), then higher category first, then earlier arrival. Remote tickets
 * whose holders have not yet arrived are not counted: call next passes over them (one who arrives
 * takes his place again). For such a ticket itself, the people ahead if its holder arrived now.
 */
export async function positionOf(db: Executor, t: TicketRow): Promise<number> {
  const booked = t.booked_for !== null;
  const result = await sql<{ position: number }>`
    select count(*)::int as position from tickets o
    where o.branch_id = ${t.branch_id} and o.service_id = ${t.service_id} and o.status = 'waiting' and o.id <> ${t.id}
      and (not o.arrival_required or o.arrived_at is not null)
      and (
        (o.booked_for is not null and not ${booked})
        or ((o.booked_for is not null) = ${booked}
          and (o.priority > ${t.priority} or (o.priority = ${t.priority}
            and (o.enqueued_at < ${t.enqueued_at} or (o.enqueued_at = ${t.enqueued_at} and o.id < ${t.id}))))))
  `.execute(db);
  return result.rows[0]!.position;
}

/** A segment queued anew from `at` (an appointment called by hand before its start). */
export async function requeueSegment(db: Executor, ticketId: string, segment: number, at: Date) {
  await db
    .updateTable("ticket_segments")
    .set({ enqueued_at: at })
    .where("ticket_id", "=", ticketId)
    .where("segment", "=", segment)
    .execute();
}

/** The ticket an operator holds now (called or serving), if any. */
export async function activeTicketOf(db: Executor, employeeId: string): Promise<TicketRow | undefined> {
  return db
    .selectFrom("tickets")
    .selectAll()
    .where("employee_id", "=", employeeId)
    .where("status", "in", ["called", "serving"])
    .executeTakeFirst();
}
