import { channelKey, type DeliveryEvent } from "@dq/shared";
import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { OutboxRow, StoredChannel } from "../../db/schema.ts";
import { channelsOf } from "./repository.ts";

/**
 * The outbox of every outgoing message: alerts' (written here) and visitors' (notifications/
 * notifier-outbox.ts). A message is written in the transaction that decided it, then claimed and
 * sent by whichever instance gets to it first.
 */
export async function queueMessage(
  tx: Executor,
  m: {
    alertId: string;
    branchId: string;
    event: DeliveryEvent;
    channel: StoredChannel;
    subject: string;
    body: string;
    now: Date;
  },
) {
  const key = channelKey(m.channel);
  // An unsent older message to the same recipient about the same alert is out of date: the new
  // one says how things are now. (One being sent right now is left alone; the new one waits for it.)
  await tx
    .updateTable("outbox")
    .set({ status: "superseded", locked_until: null })
    .where("alert_id", "=", m.alertId)
    .where("channel_key", "=", key)
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", m.now)]))
    .execute();
  // The secret stays in the rule only; the sender looks it up.
  const channel = m.channel.type === "webhook" ? { type: "webhook" as const, url: m.channel.url } : m.channel;
  await tx
    .insertInto("outbox")
    .values({
      alert_id: m.alertId,
      branch_id: m.branchId,
      event: m.event,
      channel: JSON.stringify(channel),
      channel_key: key,
      subject: m.subject,
      body: m.body,
      next_attempt_at: m.now,
      created_at: m.now,
    })
    .execute();
}

/**
 * Claims up to `limit` due messages for `leaseSeconds` (SKIP LOCKED: instances never claim the
 * same one). A message waits while an older one to the same recipient about the same alert (or
 * of the same visitor subscription) is still on its way, so they arrive in order.
 */
export async function claimDue(db: Executor, now: Date, limit: number, leaseSeconds: number) {
  const rows = await sql<OutboxRow>`
    with due as materialized (
      select d.id from outbox d
      where d.status = 'pending' and d.next_attempt_at <= ${now}
        and (d.locked_until is null or d.locked_until < ${now})
        and not exists (select 1 from outbox o
          where (o.alert_id = d.alert_id or o.subscription_id = d.subscription_id)
            and o.channel_key = d.channel_key and o.status = 'pending' and o.id < d.id)
      order by d.id limit ${limit}
      for update skip locked)
    update outbox a set locked_until = ${new Date(now.getTime() + leaseSeconds * 1000)},
      attempts = a.attempts + 1
    from due where a.id = due.id
    returning a.*
  `.execute(db);
  return rows.rows;
}

/**
 * Visitor messages whose subscription was stopped (unsubscribed, its day over, its push endpoint
 * gone) are not sent: pending ones that no sender holds become superseded.
 */
export async function supersedeStopped(db: Executor, now: Date) {
  await sql`
    update outbox o set status = 'superseded', locked_until = null
    from visitor_subscriptions s
    where o.subscription_id = s.id and s.stopped_at is not null and o.status = 'pending'
      and (o.locked_until is null or o.locked_until < ${now})
  `.execute(db);
}

/** Webhook secrets of the claimed messages' rules, by alert and URL (a secret is never copied). */
export async function webhookSecrets(db: Executor, alertIds: string[]) {
  const rows = alertIds.length
    ? await db
        .selectFrom("alerts as a")
        .innerJoin("alert_rules as r", "r.id", "a.rule_id")
        .select(["a.id", "r.channels", "r.escalation"])
        .where("a.id", "in", alertIds)
        .execute()
    : [];
  const secrets = new Map<string, string>();
  for (const r of rows)
    for (const c of channelsOf({ channels: r.channels, escalation: r.escalation }, true))
      if (c.type === "webhook" && c.secret) secrets.set(`${r.id} ${c.url}`, c.secret);
  return (alertId: string, url: string) => secrets.get(`${alertId} ${url}`);
}

export async function markSent(db: Executor, id: string, at: Date) {
  await db
    .updateTable("outbox")
    .set({ status: "sent", sent_at: at, locked_until: null })
    .where("id", "=", id)
    .execute();
}

export async function markFailed(db: Executor, id: string, error: string) {
  await db
    .updateTable("outbox")
    .set({ status: "failed", last_error: error.slice(0, 500), locked_until: null })
    .where("id", "=", id)
    .execute();
}

export async function scheduleRetry(db: Executor, id: string, error: string, at: Date) {
  await db
    .updateTable("outbox")
    .set({ next_attempt_at: at, last_error: error.slice(0, 500), locked_until: null })
    .where("id", "=", id)
    .execute();
}
