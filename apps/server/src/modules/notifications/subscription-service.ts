import {
  maskEmail,
  maskPhone,
  type subscriptionCreateSchema,
  type VisitorChannel,
  type VisitorSubscription,
} from "@dq/shared";
import type { z } from "zod";
import type { BranchContext } from "../../core/branch-context.ts";
import { conflict, invalidField } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import type { VisitorSubscriptionRow, VisitorTarget } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { AppDeps } from "../../http/types.ts";
import { pushEndpointIssue } from "./push-guard.ts";
import {
  activeSubscriptions,
  everTargetKeys,
  type SubscriptionSubject,
  subscribe,
  targetKeyOf,
} from "./subscriptions.ts";

/** Active subscriptions one ticket (or appointment) may have: a public route must not become a relay. */
export const MAX_ACTIVE_SUBSCRIPTIONS = 5;
/**
 * Recipients one ticket may ever have, and SMS numbers among them: subscribing sends "joined" at
 * once, so without a lifetime cap one free ticket could text any number of strangers by
 * subscribing and unsubscribing in turn (SMS costs the office money).
 */
export const MAX_RECIPIENTS_EVER = 10;
export const MAX_SMS_NUMBERS_EVER = 2;

type Body = z.output<typeof subscriptionCreateSchema>;

export type SubscribeAnswer =
  | { status: 202; body: { channel: "telegram"; link: string } }
  | { status: 200 | 201; body: VisitorSubscription };

/** The subscribing route's work once the ticket or appointment is found and may still be told about. */
export async function subscribeFromPage(
  deps: AppDeps,
  branch: BranchContext,
  subject: SubscriptionSubject & { code: string; language: string | null },
  body: Body,
): Promise<SubscribeAnswer> {
  const channels = deps.visitorChannels;
  if (body.channel === "telegram") {
    // The chat is bound when the visitor sends /start <code> to the bot.
    const link = channels.telegram ? await channels.telegramLink(subject.code) : null;
    if (!link) throw unavailable("telegram");
    return { status: 202, body: { channel: "telegram", link } };
  }
  // Web Push is always on (the keys are generated when not configured).
  if (body.channel !== "webpush" && !channels[body.channel]) throw unavailable(body.channel);
  const target = await targetOf(deps, body);
  const now = deps.clock();
  const { row, created } = await inTransaction(deps.db, async (tx) => {
    // One ticket's subscribing is serialized, so that the cap holds under concurrent requests.
    await tx
      .selectFrom(subject.ticketId ? "tickets" : "appointments")
      .select("id")
      .where("id", "=", subject.ticketId ?? subject.appointmentId!)
      .forUpdate()
      .execute();
    const active = await activeSubscriptions(tx, subject);
    const key = targetKeyOf(body.channel, target);
    if (!active.some((s) => s.target_key === key) && active.length >= MAX_ACTIVE_SUBSCRIPTIONS)
      throw conflict(
        "too_many_subscriptions",
        `at most ${MAX_ACTIVE_SUBSCRIPTIONS} recipients may follow one ticket; unsubscribe one first`,
        { limit: MAX_ACTIVE_SUBSCRIPTIONS },
      );
    await checkLifetimeCaps(tx, subject, key);
    const language = body.language ?? subject.language ?? branch.settings.defaultLanguage;
    return subscribe(
      tx,
      { ...subject, branchId: branch.id, channel: body.channel, target, language, now } as Parameters<
        typeof subscribe
      >[1],
      deps,
    );
  });
  return { status: created ? 201 : 200, body: subscriptionView(row) };
}

async function checkLifetimeCaps(tx: Executor, subject: SubscriptionSubject, key: string) {
  const ever = await everTargetKeys(tx, subject);
  if (ever.includes(key)) return;
  const sms = ever.filter((k) => k.startsWith("sms:")).length;
  if (ever.length >= MAX_RECIPIENTS_EVER || (key.startsWith("sms:") && sms >= MAX_SMS_NUMBERS_EVER))
    throw conflict(
      "too_many_subscriptions",
      `one ticket may notify at most ${MAX_RECIPIENTS_EVER} recipients and ${MAX_SMS_NUMBERS_EVER} phone numbers in all`,
      { limit: key.startsWith("sms:") ? MAX_SMS_NUMBERS_EVER : MAX_RECIPIENTS_EVER },
    );
}

async function targetOf(deps: AppDeps, body: Exclude<Body, { channel: "telegram" }>): Promise<VisitorTarget> {
  switch (body.channel) {
    case "sms":
      return { phone: body.phone };
    case "email":
      return { to: body.email };
    case "webpush": {
      const issue = await pushEndpointIssue(
        body.subscription.endpoint,
        deps.config.visitors.pushAllowedHosts,
      );
      if (issue) throw invalidField("subscription.endpoint", issue);
      return { endpoint: body.subscription.endpoint, keys: body.subscription.keys };
    }
  }
}

const unavailable = (channel: VisitorChannel) =>
  conflict("channel_unavailable", `this server cannot send ${channel} messages`, { channel });

/** The recipient as its holder may see it: never the whole address. */
export function maskedRecipient(row: Pick<VisitorSubscriptionRow, "channel" | "target">): string {
  const t = row.target as Partial<{ chatId: string; endpoint: string; phone: string; to: string }>;
  if (row.channel === "sms" && t.phone) return maskPhone(t.phone);
  if (row.channel === "email" && t.to) return maskEmail(t.to);
  if (row.channel === "telegram" && t.chatId) return `Telegram ***${t.chatId.slice(-3)}`;
  if (row.channel === "webpush" && t.endpoint) {
    try {
      return new URL(t.endpoint).hostname;
    } catch {
      return "";
    }
  }
  return "";
}

export function subscriptionView(row: VisitorSubscriptionRow): VisitorSubscription {
  return {
    id: row.id,
    channel: row.channel,
    recipient: maskedRecipient(row),
    createdAt: row.created_at.toISOString(),
  };
}
