import {
  type AlertChannelInput,
  type AlertRuleCreate,
  type AlertRulePatch,
  alertRuleCreateSchema,
} from "@dq/shared";
import { invalidField, unprocessable, validationError, zodFieldIssue } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import type { AlertRuleRow, StoredChannel, StoredEscalation } from "../../db/schema.ts";
import type { ChannelSenders } from "./senders.ts";

/**
 * A PATCH applied to the stored rule, checked again as a whole (the threshold's unit depends on
 * the kind). A webhook written without `secret` keeps the secret stored for the same address.
 */
export function mergeRule(current: AlertRuleRow, patch: AlertRulePatch): AlertRuleCreate {
  const merged = alertRuleCreateSchema.safeParse({
    name: patch.name ?? current.name,
    kind: patch.kind ?? current.kind,
    serviceId: patch.serviceId === undefined ? current.service_id : patch.serviceId,
    threshold: patch.threshold ?? current.threshold,
    channels: patch.channels ?? current.channels,
    cooldownMinutes: patch.cooldownMinutes ?? current.cooldown_minutes,
    escalation: patch.escalation === undefined ? current.escalation : patch.escalation,
    active: patch.active ?? current.active,
  });
  if (!merged.success)
    throw validationError(
      merged.error.issues.map((i) => zodFieldIssue(i.path.length ? i.path.join(".") : "body", i)),
    );
  return merged.data;
}

/** Channels as stored: secrets kept from the stored rule where the input leaves them out. */
export function storedChannels(input: AlertChannelInput[], previous: StoredChannel[] = []): StoredChannel[] {
  return input.map((c) => {
    if (c.type !== "webhook") return c;
    const kept = previous.find(
      (p): p is Extract<StoredChannel, { type: "webhook" }> => p.type === "webhook" && p.url === c.url,
    );
    const secret = c.secret ?? kept?.secret;
    const stored = secret
      ? { type: "webhook" as const, url: c.url, secret }
      : { type: "webhook" as const, url: c.url };
    return stored;
  });
}

export function storedEscalation(
  input: AlertRuleCreate["escalation"],
  previous: StoredEscalation | null,
  previousChannels: StoredChannel[],
): StoredEscalation | null {
  if (!input) return null;
  return {
    afterMinutes: input.afterMinutes,
    channels: storedChannels(input.channels, [...(previous?.channels ?? []), ...previousChannels]),
  };
}

/**
 * The checks a schema cannot make: the service exists in this office and is not a group, and the
 * server can send to each channel. Given only what a request writes, so that a rule whose service
 * was archived, or whose channel the server no longer has, can still be switched off or renamed.
 */
export async function checkRuleReferences(
  db: Executor,
  branchId: string,
  rule: {
    serviceId?: string | null;
    channels?: AlertChannelInput[];
    escalation?: AlertRuleCreate["escalation"];
  },
  senders: ChannelSenders,
) {
  if (rule.serviceId) {
    const service = await db
      .selectFrom("services")
      .select(["id", "is_group"])
      .where("branch_id", "=", branchId)
      .where("id", "=", rule.serviceId)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!service) throw invalidField("serviceId", "noSuchService");
    if (service.is_group) throw invalidField("serviceId", "isGroup");
  }
  for (const c of [...(rule.channels ?? []), ...(rule.escalation?.channels ?? [])]) {
    if (c.type === "email" && !senders.available.email)
      throw unprocessable("channel_not_configured", "e-mail is not configured on this server: set SMTP_URL");
    if (c.type === "telegram" && !senders.available.telegram)
      throw unprocessable(
        "channel_not_configured",
        "Telegram is not configured on this server: set DQ_TELEGRAM_BOT_TOKEN",
      );
  }
}

/** What the audit log keeps of a rule: everything but webhook secrets. */
export function auditedRule(rule: AlertRuleCreate): Record<string, unknown> {
  const hide = (cs: AlertChannelInput[]) =>
    cs.map((c) =>
      c.type === "webhook" ? { type: c.type, url: c.url, secret: c.secret ? "***" : undefined } : c,
    );
  return {
    ...rule,
    channels: hide(rule.channels),
    escalation: rule.escalation ? { ...rule.escalation, channels: hide(rule.escalation.channels) } : null,
  };
}
