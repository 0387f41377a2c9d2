import { randomBytes } from "node:crypto";
import type { VisitorChannel } from "@dq/shared";
import type { Executor } from "../../db/executor.ts";
import type { VisitorSubscriptionRow, VisitorTarget } from "../../db/schema.ts";
import { queueJoined } from "./notifier-joined.ts";
import type { NotifierDeps } from "./notifier-state.ts";

/**
 * Visitor subscriptions (docs/remote-join.md, "Notifications"): where a ticket's or an
 * appointment's holder is told about it. One active subscription per recipient and ticket (the
 * partial unique index); stopping keeps the row (its messages' history) until retention blanks it.
 */

export type SubscriptionSubject =
  | { ticketId: string; appointmentId?: never }
  | { appointmentId: string; ticketId?: never };

export type SubscribeInput = SubscriptionSubject & {
  branchId: string;
  channel: VisitorChannel;
  target: VisitorTarget;
  language: string;
  now: Date;
};

/** "telegram:12345", "webpush:https://…", "sms:+7916…", "email:a@b.ru": the recipient, one per ticket. */
export function targetKeyOf(channel: VisitorChannel, target: VisitorTarget): string {
  const t = target as Partial<{ chatId: string; endpoint: string; phone: string; to: string }>;
  const address = t.chatId ?? t.endpoint ?? t.phone ?? t.to?.toLowerCase() ?? "";
  return `${channel}:${address}`;
}

/** 32 random bytes, base64url: the secret of the one-tap unsubscribe link /u/<token>. */
export const newUnsubscribeToken = () => randomBytes(32).toString("base64url");

/**
 * Subscribes a recipient to a ticket or an appointment, and queues the "joined" message in the
 * same transaction. The same recipient again gets the active subscription back (created: false),
 * not a second one; two at once meet in the unique index and the second reads the first's row.
 */
export async function subscribe(
  tx: Executor,
  input: SubscribeInput,
  deps: NotifierDeps,
): Promise<{ row: VisitorSubscriptionRow; created: boolean }> {
  const targetKey = targetKeyOf(input.channel, input.target);
  const inserted = await tx
    .insertInto("visitor_subscriptions")
    .values({
      branch_id: input.branchId,
      ticket_id: input.ticketId ?? null,
      appointment_id: input.appointmentId ?? null,
      channel: input.channel,
      target: JSON.stringify(input.target),
      target_key: targetKey,
      language: input.language,
      unsubscribe_token: newUnsubscribeToken(),
      created_at: input.now,
    })
    .onConflict((oc) =>
      input.ticketId
        ? oc
            .columns(["ticket_id", "target_key"])
            .where("stopped_at", "is", null)
            .where("ticket_id", "is not", null)
            .doNothing()
        : oc
            .columns(["appointment_id", "target_key"])
            .where("stopped_at", "is", null)
            .where("appointment_id", "is not", null)
            .doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (inserted) {
    await queueJoined(tx, inserted, input.now, deps);
    return { row: inserted, created: true };
  }
  const existing = await tx
    .selectFrom("visitor_subscriptions")
    .selectAll()
    .where(input.ticketId ? "ticket_id" : "appointment_id", "=", input.ticketId ?? input.appointmentId!)
    .where("target_key", "=", targetKey)
    .where("stopped_at", "is", null)
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

export interface StopWhere {
  ids?: readonly string[];
  ticketId?: string;
  appointmentId?: string;
  /** Every subscription of one recipient ("telegram:12345": Telegram's /stop). */
  targetKey?: string;
  unsubscribeToken?: string;
  now: Date;
}

/**
 * Stops the active subscriptions matching every given condition (at least one is required), and
 * supersedes their messages not yet on their way. Returns the rows stopped now (none when they
 * were stopped already: stopping is idempotent).
 */
export async function stopSubscriptions(tx: Executor, where: StopWhere): Promise<VisitorSubscriptionRow[]> {
  if (!where.ids && !where.ticketId && !where.appointmentId && !where.targetKey && !where.unsubscribeToken)
    throw new Error("stopSubscriptions needs a condition");
  if (where.ids?.length === 0) return [];
  let q = tx
    .updateTable("visitor_subscriptions")
    .set({ stopped_at: where.now })
    .where("stopped_at", "is", null);
  if (where.ids) q = q.where("id", "in", [...where.ids]);
  if (where.ticketId) q = q.where("ticket_id", "=", where.ticketId);
  if (where.appointmentId) q = q.where("appointment_id", "=", where.appointmentId);
  if (where.targetKey) q = q.where("target_key", "=", where.targetKey);
  if (where.unsubscribeToken) q = q.where("unsubscribe_token", "=", where.unsubscribeToken);
  const stopped = await q.returningAll().execute();
  await supersedePending(
    tx,
    stopped.map((s) => s.id),
    where.now,
  );
  return stopped;
}

/** Messages of stopped subscriptions that no sender holds now are not sent. */
export async function supersedePending(tx: Executor, subscriptionIds: readonly string[], now: Date) {
  if (subscriptionIds.length === 0) return;
  await tx
    .updateTable("outbox")
    .set({ status: "superseded", locked_until: null })
    .where("subscription_id", "in", [...subscriptionIds])
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
    .execute();
}

/** The active subscriptions of a ticket (or appointment), oldest first. */
/** The recipients a ticket or appointment ever had (stopped ones too), each once. */
export async function everTargetKeys(db: Executor, subject: SubscriptionSubject): Promise<string[]> {
  const rows = await db
    .selectFrom("visitor_subscriptions")
    .select("target_key")
    .distinct()
    .where(subject.ticketId ? "ticket_id" : "appointment_id", "=", subject.ticketId ?? subject.appointmentId!)
    .execute();
  return rows.map((r) => r.target_key);
}

export async function activeSubscriptions(db: Executor, subject: SubscriptionSubject) {
  return db
    .selectFrom("visitor_subscriptions")
    .selectAll()
    .where(subject.ticketId ? "ticket_id" : "appointment_id", "=", subject.ticketId ?? subject.appointmentId!)
    .where("stopped_at", "is", null)
    .orderBy("id")
    .execute();
}
