import {
  type Alert,
  type AlertChannel,
  type AlertDelivery,
  type AlertListQuery,
  type AlertRule,
  channelKey,
} from "@dq/shared";
import { type Insertable, sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type {
  AlertRuleRow,
  AlertRulesTable,
  OutboxRow,
  StoredChannel,
  StoredEscalation,
} from "../../db/schema.ts";

/**
 * A channel as clients may see it: a webhook's secret never leaves the server, and only
 * administrators see its whole address (chat services put their token in the path).
 */
export function publicChannel(c: StoredChannel, reveal: boolean): AlertChannel {
  if (c.type !== "webhook") return c;
  return { type: "webhook", url: reveal ? c.url : maskUrl(c.url), hasSecret: Boolean(c.secret) };
}

function maskUrl(url: string): string {
  const u = new URL(url);
  return u.pathname === "/" && !u.search ? u.origin : `${u.origin}/…`;
}

export function ruleDto(r: AlertRuleRow, reveal: boolean): AlertRule {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    serviceId: r.service_id,
    threshold: r.threshold,
    channels: r.channels.map((c) => publicChannel(c, reveal)),
    cooldownMinutes: r.cooldown_minutes,
    escalation: r.escalation
      ? {
          afterMinutes: r.escalation.afterMinutes,
          channels: r.escalation.channels.map((c) => publicChannel(c, reveal)),
        }
      : null,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function findRule(db: Executor, branchId: string, id: string) {
  return db
    .selectFrom("alert_rules")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/**
 * Channels the alert's rule tells now: its own, and the escalation's once it escalated — each
 * recipient once, even when both lists name it.
 */
export function channelsOf(
  rule: { channels: StoredChannel[]; escalation: StoredEscalation | null },
  escalated: boolean,
): StoredChannel[] {
  const all = escalated && rule.escalation ? [...rule.channels, ...rule.escalation.channels] : rule.channels;
  const seen = new Set<string>();
  return all.filter((c) => !seen.has(channelKey(c)) && Boolean(seen.add(channelKey(c))));
}

export async function listRules(db: Executor, branchId: string) {
  return db
    .selectFrom("alert_rules")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .execute();
}

/** A rule row with its channels and escalation ready to store (JSON). */
export type RuleValues = Omit<Insertable<AlertRulesTable>, "branch_id">;

export async function insertRule(db: Executor, branchId: string, values: RuleValues) {
  return db
    .insertInto("alert_rules")
    .values({ ...values, branch_id: branchId })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateRule(db: Executor, id: string, values: RuleValues & { updated_at: Date }) {
  return db
    .updateTable("alert_rules")
    .set(values)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function archiveRule(db: Executor, branchId: string, id: string, now: Date) {
  return db
    .updateTable("alert_rules")
    .set({ deleted_at: now, active: false, updated_at: now })
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .returning("id")
    .executeTakeFirst();
}

export async function openAlertIdsOfRule(db: Executor, ruleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("alerts")
    .select("id")
    .where("rule_id", "=", ruleId)
    .where("status", "=", "open")
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Resolves a rule's open alerts with a reason other than the condition clearing; returns their ids. */
export async function resolveAlertsOfRule(db: Executor, ruleId: string, now: Date, reason: string) {
  const rows = await db
    .updateTable("alerts")
    .set({ status: "resolved", resolved_at: now, resolve_reason: reason, next_notify_at: null })
    .where("rule_id", "=", ruleId)
    .where("status", "=", "open")
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Marks an alert acknowledged unless it already is; true if this call did it. */
export async function acknowledge(
  db: Executor,
  branchId: string,
  id: string,
  by: string | null,
  now: Date,
): Promise<boolean> {
  const row = await db
    .updateTable("alerts")
    .set({ acknowledged_at: now, acknowledged_by: by })
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("acknowledged_at", "is", null)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

function alertQuery(db: Executor) {
  return db
    .selectFrom("alerts as a")
    .innerJoin("alert_rules as r", "r.id", "a.rule_id")
    .leftJoin("services as s", "s.id", "a.service_id")
    .leftJoin("employees as e", "e.id", "a.employee_id")
    .leftJoin("employees as ack", "ack.id", "a.acknowledged_by")
    .selectAll("a")
    .select([
      "r.name as rule_name",
      "r.channels as rule_channels",
      "r.escalation as rule_escalation",
      "s.name as service_name",
      "e.name as employee_name",
      "ack.name as ack_name",
    ]);
}

type AlertJoined = Awaited<ReturnType<ReturnType<typeof alertQuery>["executeTakeFirstOrThrow"]>>;

function alertDto(a: AlertJoined): Alert {
  const channels = channelsOf(
    { channels: a.rule_channels, escalation: a.rule_escalation },
    a.escalated_at !== null,
  );
  return {
    id: a.id,
    ruleId: a.rule_id,
    ruleName: a.rule_name,
    kind: a.kind,
    status: a.status,
    inApp: channels.some((c) => c.type === "in_app"),
    serviceId: a.service_id,
    serviceName: a.service_name,
    employeeId: a.employee_id,
    employeeName: a.employee_name,
    threshold: a.threshold,
    value: a.value,
    peakValue: a.peak_value,
    details: a.details,
    openedAt: a.opened_at.toISOString(),
    resolvedAt: a.resolved_at?.toISOString() ?? null,
    escalatedAt: a.escalated_at?.toISOString() ?? null,
    acknowledgedAt: a.acknowledged_at?.toISOString() ?? null,
    acknowledgedBy: a.acknowledged_by ? { id: a.acknowledged_by, name: a.ack_name ?? "" } : null,
    message: a.message,
  };
}

export async function alertsByIds(db: Executor, ids: string[]): Promise<Alert[]> {
  if (ids.length === 0) return [];
  const rows = await alertQuery(db).where("a.id", "in", ids).orderBy("a.id").execute();
  return rows.map(alertDto);
}

export async function findAlert(db: Executor, branchId: string, id: string): Promise<Alert | undefined> {
  const row = await alertQuery(db)
    .where("a.branch_id", "=", branchId)
    .where("a.id", "=", id)
    .executeTakeFirst();
  return row ? alertDto(row) : undefined;
}

/** The alert log, newest first. */
export async function listAlerts(db: Executor, branchId: string, q: AlertListQuery) {
  let query = alertQuery(db).where("a.branch_id", "=", branchId);
  if (q.status !== "all") query = query.where("a.status", "=", q.status);
  if (q.acknowledged === "true") query = query.where("a.acknowledged_at", "is not", null);
  if (q.acknowledged === "false") query = query.where("a.acknowledged_at", "is", null);
  if (q.inApp) {
    const shown = sql<boolean>`(r.channels @> '[{"type":"in_app"}]'
      or (a.escalated_at is not null and r.escalation -> 'channels' @> '[{"type":"in_app"}]'))`;
    query = query.where(q.inApp === "true" ? shown : sql<boolean>`not ${shown}`);
  }
  if (q.kind) query = query.where("a.kind", "=", q.kind);
  if (q.ruleId) query = query.where("a.rule_id", "=", q.ruleId);
  if (q.serviceId) query = query.where("a.service_id", "=", q.serviceId);
  const [rows, count] = await Promise.all([
    query.orderBy("a.opened_at", "desc").orderBy("a.id", "desc").limit(q.limit).offset(q.offset).execute(),
    query
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(alertDto), total: Number(count.n) };
}

/** An alert's message (the outbox rows of alerts only ever hold alert events and channels). */
export function deliveryDto(d: OutboxRow, reveal: boolean): AlertDelivery {
  return {
    id: d.id,
    event: d.event as AlertDelivery["event"],
    channel: publicChannel(d.channel as StoredChannel, reveal),
    status: d.status,
    attempts: d.attempts,
    lastError: d.last_error,
    createdAt: d.created_at.toISOString(),
    sentAt: d.sent_at?.toISOString() ?? null,
    nextAttemptAt: d.status === "pending" ? d.next_attempt_at.toISOString() : null,
  };
}

export async function deliveriesOf(db: Executor, alertId: string, reveal: boolean): Promise<AlertDelivery[]> {
  const rows = await db
    .selectFrom("outbox")
    .selectAll()
    .where("alert_id", "=", alertId)
    .orderBy("id")
    .execute();
  return rows.map((d) => deliveryDto(d, reveal));
}
