import { sql } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import { invalidField, notFound, unprocessable } from "../core/errors.ts";
import type { Executor } from "../db/executor.ts";
import type { TicketRow } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import type { QueueDeps } from "./deps.ts";
import { remoteRefusal } from "./remote-limits.ts";
import { lockTicket, updateTicket } from "./repository.ts";
import { appendTicketEvent } from "./ticket-events.ts";

/**
 * «Пропустить вперёд» (docs/remote-join.md, "Postpone"): the holder of a waiting ticket lets
 * `places` people go first. The queue's order is positionOf's (appointments first, then category
 * priority, then arrival), so the ticket moves among the tickets of its own standing — the same
 * booked-or-not and priority — by taking an arrival just after the ticket `places` behind it; it
 * can never pass a ticket that is behind it by priority. Fewer behind: it goes last of them.
 */
export interface PostponeResult {
  row: TicketRow;
  /** How many it actually let go first (0: it was already last, nothing changed). */
  moved: number;
  /** An earlier request with the same Idempotency-Key postponed it already. */
  replayed: boolean;
}

export async function postponeByCode(
  deps: QueueDeps,
  code: string,
  places: number,
  idempotencyKey: string | null,
  loadBranch: (id: string) => Promise<BranchContext>,
): Promise<PostponeResult> {
  const found = await deps.db
    .selectFrom("tickets")
    .select(["id", "branch_id"])
    .where("code", "=", code)
    .executeTakeFirst();
  if (!found) throw notFound("ticket");
  const branch = await loadBranch(found.branch_id);
  const settings = branch.settings.remoteJoin;
  if (places > settings.postponeMaxPlaces) {
    throw invalidField("places", "postponeTooFar", { max: settings.postponeMaxPlaces });
  }
  const now = deps.clock();
  return inTransaction(deps.db, async (tx) => {
    const t = (await lockTicket(tx, branch.id, found.id))!;
    // Checked under the ticket's lock: a double tap's second request sees the first one's claim.
    if (
      idempotencyKey &&
      !(await claimKey(tx, branch.id, idempotencyKey, `postpone:${t.id}:${places}`, now))
    ) {
      return { row: t, moved: 0, replayed: true };
    }
    if (t.status !== "waiting") throw notWaiting(t.status);
    if (t.postpone_count >= settings.postponeMaxTimes) {
      throw remoteRefusal(
        "postpone_limit_reached",
        `this ticket was already moved back ${t.postpone_count} times, the most allowed`,
        {
          ru: `Талон уже переносили ${t.postpone_count} ${timesRu(t.postpone_count)} — больше нельзя`,
          en: `This ticket was already moved back ${t.postpone_count} times, the most allowed`,
        },
        { limit: settings.postponeMaxTimes },
      );
    }
    // One more than asked: the ticket that will be right after it.
    const behind = await sameStandingBehind(tx, t, places + 1);
    const moved = Math.min(places, behind.length);
    if (moved === 0) return { row: t, moved: 0, replayed: false };
    await placeAfter(tx, t, behind[moved - 1]!, behind[moved] ?? null);
    const updated = await updateTicket(tx, t.id, { postpone_count: t.postpone_count + 1, updated_at: now });
    await appendTicketEvent(tx, branch, "ticket.updated", updated, {}, now, {
      change: "postponed",
      places: moved,
    });
    return { row: updated, moved, replayed: false };
  });
}

/** «1 раз», «2 раза», «5 раз». */
function timesRu(n: number): string {
  return new Intl.PluralRules("ru").select(n) === "few" ? "раза" : "раз";
}

export function notWaiting(status: string) {
  return remoteRefusal("not_waiting", `the ticket is ${status}, not waiting`, {
    ru: "Талон уже не в очереди",
    en: "The ticket is no longer waiting in the queue",
  });
}

interface Behind {
  id: string;
  enqueued_at: Date;
}

/** The waiting tickets of `t`'s service and standing that are after it in the queue ("o" in SQL). */
const sameStandingAfter = (t: TicketRow, after: { id: string }) => sql`
  o.id <> ${t.id} and o.branch_id = ${t.branch_id} and o.service_id = ${t.service_id}
  and o.status = 'waiting' and o.priority = ${t.priority}
  and (o.booked_for is not null) = ${t.booked_for !== null}
  and (o.enqueued_at, o.id) > (select enqueued_at, id from tickets where id = ${after.id})`;

/**
 * Up to `count` waiting tickets right behind `t` in its service among those of its standing that
 * call next may take: a remote ticket whose holder is not here yet is no one to let go first.
 */
async function sameStandingBehind(db: Executor, t: TicketRow, count: number): Promise<Behind[]> {
  const result = await sql<Behind>`
    select o.id, o.enqueued_at from tickets o
    where ${sameStandingAfter(t, t)} and not (o.arrival_required and o.arrived_at is null)
    order by o.enqueued_at, o.id
    limit ${count}
  `.execute(db);
  return result.rows.map((r) => ({ id: r.id, enqueued_at: new Date(r.enqueued_at) }));
}

/**
 * Gives `t` an arrival that sorts it right after `target` and before `next` (the queue orders by
 * arrival, then id). Without a whole millisecond free between them (tickets taken at the same
 * instant: appointments checked in early all wait from their slot's start), every ticket after the
 * target moves on by 2 ms first, in the same order.
 */
async function placeAfter(db: Executor, t: TicketRow, target: Behind, next: Behind | null) {
  const from = target.enqueued_at.getTime();
  const gap = next ? next.enqueued_at.getTime() - from : Number.POSITIVE_INFINITY;
  if (gap < 2) {
    await sql`
      update tickets o set enqueued_at = o.enqueued_at + interval '2 milliseconds'
      where ${sameStandingAfter(t, target)}
    `.execute(db);
  }
  const at = gap < 2 || !next ? from + 1 : from + Math.floor(gap / 2);
  await updateTicket(db, t.id, { enqueued_at: new Date(at) });
}

/**
 * Claims an Idempotency-Key for this request: true when it is new (or its claim older than a day);
 * false when the same request already used it; 422 when another request did.
 */
async function claimKey(db: Executor, branchId: string, key: string, fingerprint: string, now: Date) {
  const claimed = await sql<{ key: string }>`
    insert into idempotency_keys (branch_id, key, fingerprint, created_at)
    values (${branchId}, ${key}, ${fingerprint}, ${now})
    on conflict (branch_id, key) do update set created_at = excluded.created_at, fingerprint = excluded.fingerprint
      where idempotency_keys.created_at < ${now}::timestamptz - interval '24 hours'
    returning key
  `.execute(db);
  if (claimed.rows.length > 0) return true;
  const earlier = await db
    .selectFrom("idempotency_keys")
    .select("fingerprint")
    .where("branch_id", "=", branchId)
    .where("key", "=", key)
    .executeTakeFirstOrThrow();
  if (earlier.fingerprint !== fingerprint) {
    throw unprocessable("idempotency_key_reused", "this Idempotency-Key was used for another request");
  }
  return false;
}
