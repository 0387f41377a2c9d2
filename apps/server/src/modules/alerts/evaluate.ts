import type { Alert, Language } from "@dq/shared";
import { sql, type Transaction } from "kysely";
import type { AlertRuleRow, DB, DeliveryEvent, StoredChannel } from "../../db/schema.ts";
import { appendEvent } from "../../events/log.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { type Firing, firingConditions, readOfficeState } from "./conditions.ts";
import { type AlertPlan, alertKey, type OpenAlert, planAlerts } from "./lifecycle.ts";
import { type AlertFacts, alertMessage, alertSummary } from "./messages.ts";
import { alertsByIds, channelsOf } from "./repository.ts";
import { webhookBody } from "./senders.ts";

/** Only one instance evaluates at a time; the others skip the round instead of waiting for it. */
const EVALUATION_LOCK = sql`select pg_try_advisory_xact_lock(hashtext('digitalqueue.alerts')) as locked`;

export interface EvaluationResult {
  /** False when another instance was evaluating: this one did nothing. */
  ran: boolean;
  opened: number;
  resolved: number;
  escalated: number;
  /** Messages written to the outbox. */
  queued: number;
}

interface BranchInfo {
  id: string;
  name: string;
  language: Language;
}

/**
 * One round over every office: checks the active rules against the queue now and opens, reminds,
 * escalates and resolves alerts. Everything it decides — the alerts, their events on the staff
 * channel and the messages to send — commits together, so a crash never sends a message about an
 * alert that does not exist, nor loses one.
 */
export async function evaluateAlerts(deps: QueueDeps): Promise<EvaluationResult> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (tx) => {
    const lock = await EVALUATION_LOCK.execute(tx);
    const result: EvaluationResult = { ran: false, opened: 0, resolved: 0, escalated: 0, queued: 0 };
    if (!(lock.rows[0] as { locked: boolean }).locked) return result;
    result.ran = true;

    const rules = await tx
      .selectFrom("alert_rules")
      .selectAll()
      .where("active", "=", true)
      .where("deleted_at", "is", null)
      .execute();
    const open = await tx.selectFrom("alerts").selectAll().where("status", "=", "open").execute();
    const branchIds = [...new Set([...rules.map((r) => r.branch_id), ...open.map((a) => a.branch_id)])];
    if (branchIds.length === 0) return result;
    const branches = await tx
      .selectFrom("branches")
      .select(["id", "name", "settings"])
      .where("id", "in", branchIds)
      .execute();
    // Rules of archived or switched-off alerts are read too: their names and channels close them.
    const allRules = new Map(
      (
        await tx
          .selectFrom("alert_rules")
          .selectAll()
          .where("id", "in", [...new Set([...rules.map((r) => r.id), ...open.map((a) => a.rule_id)])])
          .execute()
      ).map((r) => [r.id, r]),
    );

    for (const b of branches) {
      const branch: BranchInfo = {
        id: b.id,
        name: b.name,
        language: (b.settings as { defaultLanguage?: Language }).defaultLanguage ?? "ru",
      };
      const branchRules = rules.filter((r) => r.branch_id === b.id);
      const branchOpen = open.filter((a) => a.branch_id === b.id);
      const firing = branchRules.length
        ? firingConditions(
            branchRules.map((r) => ({
              id: r.id,
              kind: r.kind,
              serviceId: r.service_id,
              threshold: r.threshold,
            })),
            await readOfficeState(tx, b.id, now),
          )
        : [];
      const plan = planAlerts({
        now,
        rules: branchRules.map((r) => ({
          id: r.id,
          cooldownMinutes: r.cooldown_minutes,
          escalationAfterMinutes: r.escalation?.afterMinutes ?? null,
        })),
        open: branchOpen.map(
          (a): OpenAlert => ({
            id: a.id,
            ruleId: a.rule_id,
            subject: a.subject,
            openedAt: a.opened_at,
            peakValue: a.peak_value,
            nextNotifyAt: a.next_notify_at,
            lastNotifiedAt: a.last_notified_at,
            escalatedAt: a.escalated_at,
            acknowledgedAt: a.acknowledged_at,
          }),
        ),
        firing,
        lastNotified: await lastNotified(tx, b.id, firing),
      });
      const applied = await applyPlan(tx, branch, allRules, plan, firing, now);
      result.opened += plan.open.length;
      result.resolved += plan.resolve.length;
      result.escalated += plan.escalate.length;
      result.queued += applied;
    }
    return result;
  });
}

/** When each firing rule and subject was last messaged about, by an alert no longer open. */
async function lastNotified(tx: Transaction<DB>, branchId: string, firing: Firing[]) {
  const out = new Map<string, Date>();
  if (firing.length === 0) return out;
  const rows = await tx
    .selectFrom("alerts")
    .select(["rule_id", "subject", (eb) => eb.fn.max("last_notified_at").as("at")])
    .where("branch_id", "=", branchId)
    .where("status", "=", "resolved")
    .where("rule_id", "in", [...new Set(firing.map((f) => f.ruleId))])
    .where("last_notified_at", "is not", null)
    .groupBy(["rule_id", "subject"])
    .execute();
  for (const r of rows) if (r.at) out.set(alertKey(r.rule_id, r.subject), new Date(r.at as Date));
  return out;
}

/** Writes the plan: alert rows, their events and the outbox. Returns the messages queued. */
async function applyPlan(
  tx: Transaction<DB>,
  branch: BranchInfo,
  rules: Map<string, AlertRuleRow>,
  plan: AlertPlan,
  firing: Firing[],
  now: Date,
): Promise<number> {
  const outbox: { alertId: string; event: DeliveryEvent; channels: StoredChannel[] }[] = [];
  const events: { alertId: string; type: string }[] = [];
  const current = new Map<string, Firing>();
  const opened: { id: string; firing: Firing }[] = [];

  for (const o of plan.open) {
    const rule = rules.get(o.firing.ruleId)!;
    const row = await tx
      .insertInto("alerts")
      .values({
        branch_id: branch.id,
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
    current.set(row.id, o.firing);
    opened.push({ id: row.id, firing: o.firing });
    events.push({ alertId: row.id, type: "alert.opened" });
    if (o.notifyNow) outbox.push({ alertId: row.id, event: "opened", channels: rule.channels });
  }

  const byKey = new Map(firing.map((f) => [alertKey(f.ruleId, f.subject), f]));
  const openRows = new Map(
    (
      await tx
        .selectFrom("alerts")
        .select(["id", "rule_id", "subject", "escalated_at"])
        .where("id", "in", [
          "0",
          ...plan.measure.map((m) => m.alertId),
          ...plan.resolve.map((r) => r.alertId),
        ])
        .execute()
    ).map((a) => [a.id, a]),
  );
  for (const m of plan.measure) {
    const a = openRows.get(m.alertId)!;
    current.set(m.alertId, byKey.get(alertKey(a.rule_id, a.subject))!);
    await tx.updateTable("alerts").set({ peak_value: m.peakValue }).where("id", "=", m.alertId).execute();
  }

  for (const n of plan.notify) {
    const a = openRows.get(n.alertId)!;
    const rule = rules.get(a.rule_id)!;
    await tx
      .updateTable("alerts")
      .set({ next_notify_at: n.nextNotifyAt, last_notified_at: now })
      .where("id", "=", n.alertId)
      .execute();
    outbox.push({ alertId: n.alertId, event: n.event, channels: channelsOf(rule, a.escalated_at !== null) });
  }

  for (const e of plan.escalate) {
    const a = openRows.get(e.alertId)!;
    const rule = rules.get(a.rule_id)!;
    await tx
      .updateTable("alerts")
      .set({ escalated_at: now, last_notified_at: now })
      .where("id", "=", e.alertId)
      .execute();
    events.push({ alertId: e.alertId, type: "alert.escalated" });
    outbox.push({ alertId: e.alertId, event: "escalated", channels: rule.escalation?.channels ?? [] });
  }

  for (const r of plan.resolve) {
    const a = openRows.get(r.alertId)!;
    const rule = rules.get(a.rule_id)!;
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
      outbox.push({
        alertId: r.alertId,
        event: "resolved",
        channels: channelsOf(rule, a.escalated_at !== null),
      });
  }

  const touched = [...new Set([...events.map((e) => e.alertId), ...outbox.map((o) => o.alertId)])];
  const dtos = new Map((await alertsByIds(tx, touched)).map((a) => [a.id, a]));

  // The summary kept on a new alert, in the office's language.
  for (const o of opened) {
    const dto = dtos.get(o.id)!;
    dto.message = alertSummary(facts(dto, branch, o.firing), branch.language);
    await tx.updateTable("alerts").set({ message: dto.message }).where("id", "=", dto.id).execute();
  }

  for (const e of events) {
    const dto = dtos.get(e.alertId)!;
    await appendEvent(tx, {
      branchId: branch.id,
      type: e.type,
      at: now,
      employeeId: dto.employeeId,
      data: { ...dto, alertId: dto.id },
    });
  }

  let queued = 0;
  for (const o of outbox) {
    const dto = dtos.get(o.alertId)!;
    const message = alertMessage(facts(dto, branch, current.get(o.alertId)), o.event, branch.language, now);
    for (const channel of o.channels) {
      if (channel.type === "in_app") continue;
      await tx
        .insertInto("alert_deliveries")
        .values({
          alert_id: o.alertId,
          branch_id: branch.id,
          event: o.event,
          channel: JSON.stringify(channel),
          subject: message.title,
          body:
            channel.type === "webhook"
              ? webhookBody(o.event, dto, { id: branch.id, name: branch.name }, message.text, now)
              : message.text,
          next_attempt_at: now,
          created_at: now,
        })
        .execute();
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
