import type { AlertChannel, AlertChannelInput, AlertKind, AlertRule, ChannelType } from "@dq/shared";
import { randomId } from "@mantine/hooks";

/** A channel row of the editor: every type's fields, so switching the type keeps what was typed. */
export interface ChannelValue {
  /** Identifies the row while it is edited (React's key); not sent. */
  key: string;
  type: ChannelType;
  to: string;
  chatId: string;
  url: string;
  /** The webhook's address as loaded: the stored secret belongs to it ("" for a new row). */
  originalUrl: string;
  /** A new secret; empty keeps the stored one (`hasSecret`) unless `dropSecret`. */
  secret: string;
  hasSecret: boolean;
  dropSecret: boolean;
}

export interface RuleValues {
  name: string;
  kind: AlertKind;
  serviceId: string | null;
  threshold: number | string;
  cooldownMinutes: number | string;
  channels: ChannelValue[];
  escalate: boolean;
  escalation: { afterMinutes: number | string; channels: ChannelValue[] };
  active: boolean;
}

export const blankChannel = (type: ChannelType): ChannelValue => ({
  key: randomId(),
  type,
  to: "",
  chatId: "",
  url: "",
  originalUrl: "",
  secret: "",
  hasSecret: false,
  dropSecret: false,
});

function channelValue(c: AlertChannel): ChannelValue {
  const v = blankChannel(c.type);
  if (c.type === "email") v.to = c.to;
  if (c.type === "telegram") v.chatId = c.chatId;
  if (c.type === "webhook") {
    v.url = c.url;
    v.originalUrl = c.url;
    v.hasSecret = c.hasSecret;
  }
  return v;
}

/** The first threshold a kind suggests: ten minutes, ten clients, at once for nobody to serve. */
export const DEFAULT_THRESHOLD: Record<AlertKind, number> = {
  wait_time: 10,
  queue_length: 10,
  no_operator: 0,
  long_pause: 20,
};

export function ruleValues(rule: AlertRule | null): RuleValues {
  return {
    name: rule?.name ?? "",
    kind: rule?.kind ?? "wait_time",
    serviceId: rule?.serviceId ?? null,
    threshold: rule?.threshold ?? DEFAULT_THRESHOLD.wait_time,
    cooldownMinutes: rule?.cooldownMinutes ?? 15,
    channels: rule ? rule.channels.map(channelValue) : [blankChannel("in_app")],
    escalate: Boolean(rule?.escalation),
    escalation: {
      afterMinutes: rule?.escalation?.afterMinutes ?? 10,
      channels: rule?.escalation?.channels.map(channelValue) ?? [],
    },
    active: rule?.active ?? true,
  };
}

/** A required number: left as typed when it is not one, so the schema names the field. */
const required = (v: number | string) => (typeof v === "number" ? v : v === "" ? v : Number(v));

function channelInput(c: ChannelValue): AlertChannelInput {
  switch (c.type) {
    case "in_app":
      return { type: "in_app" };
    case "email":
      return { type: "email", to: c.to.trim() };
    case "telegram":
      return { type: "telegram", chatId: c.chatId.trim() };
    case "webhook": {
      const secret = c.secret ? { secret: c.secret } : c.dropSecret ? { secret: "" } : {};
      return { type: "webhook", url: c.url.trim(), ...secret };
    }
  }
}

/**
 * A webhook whose address changed, with neither a new secret nor the old one removed: the server
 * keeps a secret only for the same address, so the webhook would go out unsigned.
 */
export const secretLost = (c: ChannelValue) =>
  c.type === "webhook" && c.hasSecret && !c.dropSecret && !c.secret && c.url.trim() !== c.originalUrl;

/** The API body of a new rule. */
export function ruleBody(v: RuleValues) {
  return {
    name: v.name.trim(),
    kind: v.kind,
    serviceId: v.serviceId || null,
    threshold: required(v.threshold),
    channels: v.channels.map(channelInput),
    cooldownMinutes: required(v.cooldownMinutes),
    escalation: v.escalate
      ? {
          afterMinutes: required(v.escalation.afterMinutes),
          channels: v.escalation.channels.map(channelInput),
        }
      : null,
    active: v.active,
  };
}

export type RuleBody = ReturnType<typeof ruleBody>;

/**
 * The body of a change: only the fields that differ from the rule as it was loaded. So a rule whose
 * service was archived since, or whose e-mail the server no longer sends, can still be renamed or
 * switched off (the server checks only what is written); and a webhook's stored secret stays
 * unless the channels change.
 */
export function rulePatch(initial: RuleValues, values: RuleValues): Partial<RuleBody> {
  const before: Record<string, unknown> = ruleBody(initial);
  const after = Object.entries(ruleBody(values));
  const changed = after.filter(([key, v]) => JSON.stringify(v) !== JSON.stringify(before[key]));
  return Object.fromEntries(changed) as Partial<RuleBody>;
}
