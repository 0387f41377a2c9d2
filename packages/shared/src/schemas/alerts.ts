import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { idSchema } from "./common.ts";

/**
 * What an alert rule watches (docs/PRODUCT.md §6):
 * - `wait_time`: a client of the service has waited more than `threshold` minutes;
 * - `queue_length`: more than `threshold` clients wait for the service;
 * - `no_operator`: clients of the service wait, nobody signed in at a workstation can serve them,
 *   and the longest of them has waited more than `threshold` minutes (0: at once);
 * - `long_pause`: an operator has been on pause more than `threshold` minutes.
 */
export const ALERT_KINDS = ["wait_time", "queue_length", "no_operator", "long_pause"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const CHANNEL_TYPES = ["in_app", "email", "telegram", "webhook"] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const webhookUrlSchema = z
  .url({ protocol: /^https?$/, message: FIELD_ISSUE_MESSAGES.url })
  .max(2000)
  // Credentials in a URL would end up wherever the URL is shown; use the secret instead.
  .refine((u) => !/^https?:\/\/[^/?#]*@/i.test(u), FIELD_ISSUE_MESSAGES.urlCredentials);

/** A channel as written: a webhook's `secret` is write-only (omit it to keep the one stored). */
export const alertChannelInputSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("in_app") }),
  z.object({ type: z.literal("email"), to: z.email(FIELD_ISSUE_MESSAGES.email).max(320) }),
  z.object({
    type: z.literal("telegram"),
    chatId: z
      .string()
      .trim()
      .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, FIELD_ISSUE_MESSAGES.chatId),
  }),
  z.object({
    type: z.literal("webhook"),
    url: webhookUrlSchema,
    /** Signs each body with HMAC-SHA256; "" removes a stored secret. */
    secret: z.string().max(200).optional(),
  }),
]);
export type AlertChannelInput = z.infer<typeof alertChannelInputSchema>;

/** A channel as read: a webhook tells whether it has a secret, never the secret. */
export const alertChannelSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("in_app") }),
  z.object({ type: z.literal("email"), to: z.string() }),
  z.object({ type: z.literal("telegram"), chatId: z.string() }),
  z.object({ type: z.literal("webhook"), url: z.string(), hasSecret: z.boolean() }),
]);
export type AlertChannel = z.infer<typeof alertChannelSchema>;

/** Identifies where a channel delivers, so the same recipient is never told twice. */
export function channelKey(c: { type: string; to?: string; chatId?: string; url?: string }): string {
  return `${c.type}:${(c.to ?? c.chatId ?? c.url ?? "").toLowerCase()}`;
}

const channelsInput = z
  .array(alertChannelInputSchema)
  .min(1, FIELD_ISSUE_MESSAGES.channels)
  .max(10)
  .refine((cs) => new Set(cs.map(channelKey)).size === cs.length, FIELD_ISSUE_MESSAGES.sameChannel);

const ruleFields = {
  name: z.string().trim().max(200),
  kind: z.enum(ALERT_KINDS),
  /** One service, or null for every service (each service gets its own alerts). */
  serviceId: idSchema.nullable(),
  /** Minutes (fractions allowed) for wait_time, no_operator and long_pause; a count for queue_length. */
  threshold: z.number().min(0).max(100_000),
  channels: channelsInput,
  /** The least time between two messages about the same thing (opening, reminder while open). */
  cooldownMinutes: z.number().int().min(1).max(1440),
  /** Still open and not acknowledged this long after opening: tell these channels too. */
  escalation: z.object({ afterMinutes: z.number().min(1).max(1440), channels: channelsInput }).nullable(),
  active: z.boolean(),
};

/** Checks that need several fields: the threshold's unit depends on the kind. */
export function checkAlertRule(
  rule: { kind: AlertKind; threshold: number },
  ctx: { addIssue: (issue: { code: "custom"; path: string[]; message: string }) => void },
) {
  if (rule.kind === "queue_length" && !Number.isInteger(rule.threshold))
    ctx.addIssue({ code: "custom", path: ["threshold"], message: FIELD_ISSUE_MESSAGES.wholeClients });
  if ((rule.kind === "wait_time" || rule.kind === "long_pause") && rule.threshold <= 0)
    ctx.addIssue({ code: "custom", path: ["threshold"], message: FIELD_ISSUE_MESSAGES.positiveMinutes });
  if (rule.kind !== "queue_length" && rule.threshold > 1440)
    ctx.addIssue({ code: "custom", path: ["threshold"], message: FIELD_ISSUE_MESSAGES.maxMinutes });
}

export const alertRuleCreateSchema = z
  .object({
    ...ruleFields,
    name: ruleFields.name.default(""),
    serviceId: ruleFields.serviceId.default(null),
    cooldownMinutes: ruleFields.cooldownMinutes.default(15),
    escalation: ruleFields.escalation.default(null),
    active: ruleFields.active.default(true),
  })
  .superRefine(checkAlertRule);
export type AlertRuleCreate = z.infer<typeof alertRuleCreateSchema>;

/** A PATCH changes only what it names; the merged rule is checked again as a whole. */
export const alertRulePatchSchema = z.object(ruleFields).partial();
export type AlertRulePatch = z.infer<typeof alertRulePatchSchema>;

export const alertRuleSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(ALERT_KINDS),
  serviceId: z.string().nullable(),
  threshold: z.number(),
  channels: z.array(alertChannelSchema),
  cooldownMinutes: z.number(),
  escalation: z.object({ afterMinutes: z.number(), channels: z.array(alertChannelSchema) }).nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AlertRule = z.infer<typeof alertRuleSchema>;

/** Which external channels this server can deliver to (set by its environment). */
export const alertChannelsStatusSchema = z.object({
  email: z.boolean(),
  telegram: z.boolean(),
});
export type AlertChannelsStatus = z.infer<typeof alertChannelsStatusSchema>;

/** Clients waiting for the service, the longest-waiting ticket, the pause reason — as they were. */
export const alertDetailsSchema = z.object({
  waiting: z.number().optional(),
  ticketLabel: z.string().optional(),
  pauseReason: z.string().nullable().optional(),
  workstation: z.string().nullable().optional(),
});
export type AlertDetails = z.infer<typeof alertDetailsSchema>;

export const ALERT_STATUSES = ["open", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const alertSchema = z.object({
  id: idSchema,
  ruleId: z.string(),
  ruleName: z.string(),
  kind: z.enum(ALERT_KINDS),
  status: z.enum(ALERT_STATUSES),
  /** Whether the rule shows it in the app (banner with sound). */
  inApp: z.boolean(),
  serviceId: z.string().nullable(),
  serviceName: z.string().nullable(),
  employeeId: z.string().nullable(),
  employeeName: z.string().nullable(),
  threshold: z.number(),
  /**
   * The measure when the alert opened: seconds waited (wait_time, no_operator), clients waiting
   * (queue_length), seconds on pause (long_pause). `peakValue`: the highest while it was open.
   */
  value: z.number(),
  peakValue: z.number(),
  details: alertDetailsSchema,
  openedAt: z.string(),
  resolvedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The message as sent, in the office's language. */
  message: z.string(),
});
export type Alert = z.infer<typeof alertSchema>;

/** What a message says: the alert opened, is still open, escalated, or resolved. */
export const DELIVERY_EVENTS = ["opened", "reminder", "escalated", "resolved"] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];
/** `superseded`: a newer message about the same alert went to the same channel before it could be sent. */
export const DELIVERY_STATUSES = ["pending", "sent", "failed", "superseded"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const alertDeliverySchema = z.object({
  id: idSchema,
  event: z.enum(DELIVERY_EVENTS),
  channel: alertChannelSchema,
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type AlertDelivery = z.infer<typeof alertDeliverySchema>;

export const alertDetailSchema = alertSchema.extend({ deliveries: z.array(alertDeliverySchema) });
export type AlertDetail = z.infer<typeof alertDetailSchema>;

export const alertListQuerySchema = z.object({
  status: z.enum(["open", "resolved", "all"]).default("all"),
  /** `false`: only those nobody has acknowledged yet. */
  acknowledged: z.enum(["true", "false"]).optional(),
  /** `true`: only those shown in the app (the rule, or its escalation once escalated, has in_app). */
  inApp: z.enum(["true", "false"]).optional(),
  kind: z.enum(ALERT_KINDS).optional(),
  ruleId: idSchema.optional(),
  serviceId: idSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export type AlertListQuery = z.infer<typeof alertListQuerySchema>;

export const alertListSchema = z.object({ items: z.array(alertSchema), total: z.number() });
export type AlertList = z.infer<typeof alertListSchema>;

/** The answer to "send a test message": how each channel of the rule took it. */
export const alertTestResultSchema = z.object({
  results: z.array(z.object({ channel: alertChannelSchema, ok: z.boolean(), error: z.string().nullable() })),
});
export type AlertTestResult = z.infer<typeof alertTestResultSchema>;
