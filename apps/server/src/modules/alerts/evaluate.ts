import type { Alert, DeliveryEvent, Language } from "@dq/shared";
import type { FastifyBaseLogger } from "fastify";
import type { Transaction } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { AlertRow, AlertRuleRow, DB, StoredChannel } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { logJobFailure } from "../../db/unavailable.ts";
import { appendEvent } from "../../events/log.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { type Firing, firingConditions, readOfficeState } from "./conditions.ts";
import { type AlertPlan, alertKey, type OpenAlert, planAlerts } from "./lifecycle.ts";
import { tryLockBranchAlerts } from "./lock.ts";
import { type AlertFacts, alertMessage, alertSummary } from "./messages.ts";
import { queueMessage } from "./outbox.ts";
import { alertsByIds, channelsOf } from "./repository.ts";
import { messageBody } from "./senders.ts";

/** The longest cooldown a rule may have: older messages cannot keep a new alert quiet. */
const MAX_COOLDOWN_MINUTES = 1440;

export interface EvaluationResult {
  /** Offices this instance evaluated (another instance may have had the rest). */
  branches: number;
  opened: number;
  resolved: number;
  escalated: number;
  /** Messages written to the outbox. */
  queued: number;
  /** Offices whose round failed (logged; the others went on). */
  failed: number;
}

interface BranchInfo {
  id: string;
  name: string;
  language: Language;
}

/**
 * One round over every office with rules or open alerts: checks the rules against the queue now
 * and opens, reminds, escalates and resolves alerts. Each office is one short transaction under its
 * alerts lock (skipped if another instance holds it); what it decides — the alerts, their events
 * on the staff channel and the messages to send — commits together, so a crash never sends a
 * message about an alert that does not exist, nor loses one.
 */
export async function evaluateAlerts(deps: QueueDeps, log: FastifyBaseLogger): Promise<EvaluationResult> {
  const result: EvaluationResult = {
    branches: 0,
    opened: 0,
    resolved: 0,
    escalated: 0,
    queued: 0,
    failed: 0,
  };
  for (const branchId of await branchesToEvaluate(deps.db)) {
    try {
      const r = await inTransaction(deps.db, (tx) => evaluateBranch(tx, branchId, deps.clock()));
      if (!r) continue;
      result.branches++;
      result.opened += r.open.length;
      result.resolved += r.resolve.length;
      result.escalated += r.escalate.length;
      result.queued += r.queued;
    } catch (error) {
      result.failed++;
      logJobFailure(log.child({ branchId }), error, "alert evaluation failed");
    }
  }
  return result;
}

async function branchesToEvaluate(db: Executor): Promise<string[]> {
  const rows = await db
    .selectFrom("alert_rules")
    .select("branch_id")
    .where("active", "=", true)
    .where("deleted_at", "is", null)
    .union(db.selectFrom("alerts").select("branch_id").where("status", "=", "open"))
    .execute();
  return rows.map((r) => r.branch_id).sort();
}

async function evaluateBranch(tx: Transaction<DB>, branchId: string, now: Date) {
  if (!(await tryLockBranchAlerts(tx, branchId))) return null;
  const b = await tx
    .selectFrom("branches")
    .select(["id", "name", "settings"])
    .where("id", "=", branchId)
    .executeTakeFirstOrThrow();
  const branch: BranchInfo = {
    id: b.id,
    name: b.name,
    language: (b.settings as { defaultLanguage?: Language }).defaultLanguage ?? "ru",
  };
  const open = await tx
    .selectFrom("alerts")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("status", "=", "open")
    .execute();
  // Active rules, and those of open alerts (archived or switched off: they close them).
  const rules = await tx
    .selectFrom("alert_rules")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where((eb) =>
      eb.or([
        eb.and([eb("active", "=", true), eb("deleted_at", "is", null)]),
        // "0" matches nothing; it keeps the list non-empty (`in ()` is not SQL).
        eb("id", "in", ["0", ...open.map((a) => a.rule_id)]),
      ]),
    )
    .execute();
  const active = rules.filter((r) => r.active && !r.deleted_at);
  const firing = active.length
    ? firingConditions(
        active.map((r) => ({ id: r.id, kind: r.kind, serviceId: r.service_id, threshold: r.threshold })),
        await readOfficeState(tx, branchId, now),
      )
    : [];
  const plan = planAlerts({
    now,
    rules: active.map((r) => ({
      id: r.id,
      cooldownMinutes: r.cooldown_minutes,
      escalationAfterMinutes: r.escalation?.afterMinutes ?? null,
    })),
    open: open.map(openAlert),
    firing,
    lastNotified: await lastNotified(tx, branchId, firing, now),
  });
  const queued = await applyPlan(tx, branch, new Map(rules.map((r) => [r.id, r])), open, firing, plan, now);
  return { ...plan, queued };
}

function openAlert(a: AlertRow): OpenAlert {
  return {
    id: a.id,
    ruleId: a.rule_id,
    subject: a.subject,
    openedAt: a.opened_at,
    peakValue: a.peak_value,
    nextNotifyAt: a.next_notify_at,
    lastNotifiedAt: a.last_notified_at,
    escalatedAt: a.escalated_at,
    acknowledgedAt: a.acknowledged_at,
  };
}

/** When each firing rule and subject was last messaged about by an alert no longer open. */
async function lastNotified(db: Executor, branchId: string, firing: Firing[], now: Date) {
  const out = new Map<string, Date>();
  if (firing.length === 0) return out;
  const rows = await db
    .selectFrom("alerts")
    .select(["rule_id", "subject", (eb) => eb.fn.max("last_notified_at").as("at")])
    .where("branch_id", "=", branchId)
    .where("status", "=", "resolved")
    .where("rule_id", "in", [...new Set(firing.map((f) => f.ruleId))])
    .where("last_notified_at", ">", new Date(now.getTime() - MAX_COOLDOWN_MINUTES * 60_000))
    .groupBy(["rule_id", "subject"])
    .execute();
  for (const r of rows) if (r.at) out.set(alertKey(r.rule_id, r.subject), new Date(r.at as Date));
  return out;
}

interface Outgoing {
  alertId: string;
  event: DeliveryEvent;
  channels: StoredChannel[];
}

/** Writes the plan: alert rows, their events and the outbox. Returns the messages queued. */
async function applyPlan(
  tx: Transaction<DB>,
  branch: BranchInfo,
  rules: Map<string, AlertRuleRow>,
  openRows: AlertRow[],
  firing: Firing[],
  plan: AlertPlan,
  now: Date,
): Promise<number> {
  const outgoing: Outgoing[] = [];
  const events: { alertId: string; type: string }[] = [];
  // The measure now of every alert still holding, for the messages about it.
  const current = new Map<string, Firing>();
  const byId = new Map(openRows.map((a) => [a.id, a]));
  const ruleOf = (alertId: string) => rules.get(byId.get(alertId)!.rule_id)!;
  const escalated = (alertId: string) => byId.get(alertId)!.escalated_at !== null;

  const opened = await openAlerts(tx, branch.id, rules, plan.open, now);
  for (const o of opened) {
    current.set(o.id, o.firing);
    events.push({ alertId: o.id, type: "alert.opened" });
    if (o.notifyNow)
      outgoing.push({ alertId: o.id, event: "opened", channels: rules.get(o.firing.ruleId)!.channels });
  }
  for (const a of openRows) {
    const f = firing.find((x) => x.ruleId === a.rule_id && x.subject === a.subject);
    if (f) current.set(a.id, f);
  }
  for (const m of plan.measure)
    await tx.updateTable("alerts").set({ peak_value: m.peakValue }).where("id", "=", m.alertId).execute();
  for (const n of plan.notify) {
    await tx
      .updateTable("alerts")
      .set({ next_notify_at: n.nextNotifyAt, last_notified_at: now })
      .where("id", "=", n.alertId)
      .execute();
    outgoing.push({
      alertId: n.alertId,
      event: n.event,
      channels: channelsOf(ruleOf(n.alertId), escalated(n.alertId)),
    });
  }
  for (const e of plan.escalate) {
    await tx
      .updateTable("alerts")
      .set({ escalated_at: now, last_notified_at: now })
      .where("id", "=", e.alertId)
      .execute();
    events.push({ alertId: e.alertId, type: "alert.escalated" });
    outgoing.push({
      alertId: e.alertId,
      event: "escalated",
      channels: ruleOf(e.alertId).escalation?.channels ?? [],
    });
  }
  for (const r of plan.resolve) {
    await tx
      .updateTable("alerts")
      .set({
        status: "resolved",
        resolved_at: now,
        resolve_reason: r.reason === "cleared" ? null : r.reason,
        next_notify_at: null,
      })
      .where("id", "=", r.alertId)
      .execute();
    events.push({ alertId: r.alertId, type: "alert.resolved" });
    if (r.notify && r.reason === "cleared")
      outgoing.push({
        alertId: r.alertId,
        event: "resolved",
        channels: channelsOf(ruleOf(r.alertId), escalated(r.alertId)),
      });
  }

  const dtos = new Map(
    (await alertsByIds(tx, [...new Set([...events, ...outgoing].map((e) => e.alertId))])).map((a) => [
      a.id,
      a,
    ]),
  );
  for (const o of opened) {
    const dto = dtos.get(o.id)!;
    dto.message = alertSummary(facts(dto, branch, o.firing), branch.language);
    await tx.updateTable("alerts").set({ message: dto.message }).where("id", "=", dto.id).execute();
  }
  for (const e of events) await appendAlertEvent(tx, branch.id, e.type, dtos.get(e.alertId)!, now);
  return queueOutgoing(tx, branch, outgoing, dtos, current, now);
}

async function openAlerts(
  tx: Transaction<DB>,
  branchId: string,
  rules: Map<string, AlertRuleRow>,
  toOpen: AlertPlan["open"],
  now: Date,
) {
  const opened: { id: string; firing: Firing; notifyNow: boolean }[] = [];
  for (const o of toOpen) {
    const rule = rules.get(o.firing.ruleId)!;
    const row = await tx
      .insertInto("alerts")
      .values({
        branch_id: branchId,
        rule_id: rule.id,
        kind: rule.kind,
        subject: o.firing.subject,
        service_id: o.firing.serviceId,
        employee_id: o.firing.employeeId,
        threshold: rule.threshold,
        value: o.firing.value,
        peak_value: o.firing.value,
        details: JSON.stringify(o.firing.details),
        opened_at: now,
        next_notify_at: o.nextNotifyAt,
        last_notified_at: o.notifyNow ? now : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    opened.push({ id: row.id, firing: o.firing, notifyNow: o.notifyNow });
  }
  return opened;
}

/** Announces an alert's change on the staff channel (in-app banners, the log). */
export async function appendAlertEvent(db: Executor, branchId: string, type: string, alert: Alert, at: Date) {
  await appendEvent(db, {
    branchId,
    type,
    at,
    // The alert's subject (an operator on a long pause), so the event row says whom it is about.
    employeeId: alert.employeeId,
    data: { ...alert, alertId: alert.id },
  });
}

async function queueOutgoing(
  tx: Transaction<DB>,
  branch: BranchInfo,
  outgoing: Outgoing[],
  dtos: Map<string, Alert>,
  current: Map<string, Firing>,
  now: Date,
): Promise<number> {
  let queued = 0;
  for (const o of outgoing) {
    const dto = dtos.get(o.alertId)!;
    const message = alertMessage(facts(dto, branch, current.get(o.alertId)), o.event, branch.language, now);
    for (const channel of o.channels) {
      if (channel.type === "in_app") continue;
      await queueMessage(tx, {
        alertId: o.alertId,
        branchId: branch.id,
        event: o.event,
        channel,
        subject: message.title,
        body: messageBody(channel, o.event, dto, { id: branch.id, name: branch.name }, message.text, now),
        now,
      });
      queued++;
    }
  }
  return queued;
}

/** The alert as a message describes it: measured now while it holds, as it was once it cleared. */
function facts(dto: Alert, branch: BranchInfo, now: Firing | undefined): AlertFacts {
  return {
    kind: dto.kind,
    branchName: branch.name,
    serviceName: dto.serviceName,
    employeeName: dto.employeeName,
    threshold: dto.threshold,
    value: now?.value ?? dto.value,
    peakValue: Math.max(dto.peakValue, now?.value ?? 0),
    details: now?.details ?? dto.details,
    openedAt: new Date(dto.openedAt),
  };
}
