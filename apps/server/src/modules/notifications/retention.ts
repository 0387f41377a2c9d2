import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { businessDay } from "../../queue/calendar.ts";
import { supersedePending } from "./subscriptions.ts";

/**
 * Privacy (docs/remote-join.md): a visitor's contacts live no longer than the office's
 * `visitorNotifications.retentionDays` after the ticket's (or appointment's) day, and nobody is told
 * anything about a ticket once its day is over.
 */

/** The office's day `days` before `day` ('YYYY-MM-DD'). */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Stops the subscriptions of tickets (and appointments) of past days, and of cancelled appointments. */
export async function stopEndedSubscriptions(
  tx: Executor,
  branch: BranchContext,
  now: Date,
): Promise<number> {
  const today = businessDay(now, branch.timezone);
  const stopped = await sql<{ id: string }>`
    update visitor_subscriptions s set stopped_at = ${now}
    where s.branch_id = ${branch.id} and s.stopped_at is null and (
      exists (select 1 from tickets t where t.id = s.ticket_id and t.business_day < ${today})
      or exists (select 1 from appointments a where a.id = s.appointment_id
        and (a.business_day < ${today} or a.status = 'cancelled')))
    returning s.id
  `.execute(tx);
  await supersedePending(
    tx,
    stopped.rows.map((r) => r.id),
    now,
  );
  return stopped.rows.length;
}

export interface Erased {
  tickets: number;
  subscriptions: number;
}

/**
 * Erases what is past retention: the ticket's phone, its consent time and both keyed hashes, and
 * the addresses of its subscriptions (stopped, the target blanked to {erased: true}, their sent
 * messages deleted: the rows held the address too).
 */
export async function eraseExpired(tx: Executor, branch: BranchContext, now: Date): Promise<Erased> {
  const cutoff = daysBefore(
    businessDay(now, branch.timezone),
    branch.settings.visitorNotifications.retentionDays,
  );
  const tickets = await sql`
    update tickets set phone = null, phone_consent_at = null, phone_hash = null, browser_hash = null
    where branch_id = ${branch.id} and business_day < ${cutoff}
      and (phone is not null or phone_hash is not null or browser_hash is not null)
  `.execute(tx);
  const subs = await sql<{ id: string }>`
    update visitor_subscriptions s
    set target = '{"erased": true}'::jsonb, target_key = s.channel || ':erased',
      stopped_at = coalesce(s.stopped_at, ${now})
    where s.branch_id = ${branch.id} and s.target_key <> s.channel || ':erased' and (
      exists (select 1 from tickets t where t.id = s.ticket_id and t.business_day < ${cutoff})
      or exists (select 1 from appointments a where a.id = s.appointment_id and a.business_day < ${cutoff}))
    returning s.id
  `.execute(tx);
  const ids = subs.rows.map((r) => r.id);
  if (ids.length > 0) {
    await tx
      .deleteFrom("outbox")
      .where("subscription_id", "in", ids)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .execute();
  }
  return { tickets: Number(tickets.numAffectedRows ?? 0), subscriptions: ids.length };
}
