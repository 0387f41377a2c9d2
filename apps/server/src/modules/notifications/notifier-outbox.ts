import type { Executor } from "../../db/executor.ts";
import type { OutboxChannel, VisitorSubscriptionRow } from "../../db/schema.ts";
import type { Due } from "./decide.ts";
import { type MessageFacts, messageText } from "./texts.ts";

/**
 * Writes due visitor messages to the one outbox (alerts' too): `on conflict do nothing` on
 * (subscription, dedupe key), so two instances deciding the same message at once queue one row.
 * A due entry with `send: false` is written as already superseded: it only holds its key. A new
 * message supersedes the subscription's older ones not yet sent.
 * Returns how many messages to send were queued now.
 */
export async function queueDue(
  tx: Executor,
  sub: VisitorSubscriptionRow,
  due: readonly Due[],
  facts: MessageFacts,
  now: Date,
): Promise<number> {
  let queued = 0;
  for (const d of due) {
    const text = d.send ? messageText(d.event, facts) : { title: "", body: "" };
    const inserted = await tx
      .insertInto("outbox")
      .values({
        subscription_id: sub.id,
        dedupe_key: d.dedupeKey,
        branch_id: sub.branch_id,
        event: d.event,
        channel: JSON.stringify(outboxChannelOf(sub)),
        channel_key: sub.target_key,
        subject: text.title,
        body: d.send && sub.channel === "webpush" ? pushBody(text, facts.pageUrl) : text.body,
        status: d.send ? "pending" : "superseded",
        next_attempt_at: now,
        created_at: now,
      })
      .onConflict((oc) =>
        oc.columns(["subscription_id", "dedupe_key"]).where("subscription_id", "is not", null).doNothing(),
      )
      .returning("id")
      .executeTakeFirst();
    if (!inserted || !d.send) continue;
    queued++;
    // An older message still waiting (a gateway retrying it with back-off) is out of date: this
    // one says how things are now, and must not wait behind it — "called" would come too late.
    await tx
      .updateTable("outbox")
      .set({ status: "superseded", locked_until: null })
      .where("subscription_id", "=", sub.id)
      .where("status", "=", "pending")
      .where("id", "<", inserted.id)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .execute();
  }
  return queued;
}

/**
 * Claims a new subscription's "joined" message for `leaseSeconds`, in the subscribing transaction
 * (the row is nobody else's to see before it commits), for the one who answers the subscriber
 * directly: the Telegram bot, whose answer to /start is this message. The answerer marks it sent;
 * if it cannot send, the claim is let go or runs out and the outbox loop sends it — either way the
 * message goes out once, like any other. Null when there is no such message still pending.
 */
export async function claimJoined(
  tx: Executor,
  subscriptionId: string,
  now: Date,
  leaseSeconds: number,
): Promise<{ id: string; body: string } | null> {
  const row = await tx
    .updateTable("outbox")
    .set((eb) => ({
      locked_until: new Date(now.getTime() + leaseSeconds * 1000),
      attempts: eb("attempts", "+", 1),
    }))
    .where("subscription_id", "=", subscriptionId)
    .where("dedupe_key", "=", "joined")
    .where("status", "=", "pending")
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
    .returning(["id", "body"])
    .executeTakeFirst();
  return row ?? null;
}

/** What the page's service worker shows: the title, the text and the page a tap opens. */
function pushBody(text: { title: string; body: string }, url: string | null): string {
  return JSON.stringify({ title: text.title, body: text.body, url: url ?? "/" });
}

/** The outbox's channel for a subscription's recipient. */
export function outboxChannelOf(sub: VisitorSubscriptionRow): OutboxChannel {
  const t = sub.target as Record<string, unknown>;
  switch (sub.channel) {
    case "telegram":
      return { type: "telegram", chatId: String(t.chatId) };
    case "email":
      return { type: "email", to: String(t.to) };
    case "sms":
      return { type: "sms", phone: String(t.phone) };
    case "webpush":
      return {
        type: "webpush",
        endpoint: String(t.endpoint),
        keys: t.keys as { p256dh: string; auth: string },
      };
  }
}
