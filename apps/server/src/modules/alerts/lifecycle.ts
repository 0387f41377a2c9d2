import type { Firing } from "./conditions.ts";

/**
 * An alert's life, decided without the database (docs/PRODUCT.md §6):
 * - it opens when its rule's condition holds for a subject and no alert for both is open;
 * - its channels are told when it opens and, while it stays open and nobody has acknowledged it,
 *   reminded once per cooldown; an alert that reopens within the cooldown of the last message
 *   about the same thing waits for the cooldown to pass (a flapping queue does not spam);
 * - it escalates once, if still open and unacknowledged `afterMinutes` after opening;
 * - it resolves by itself when the condition clears, and those told it opened are told that too.
 */
export interface RulePolicy {
  id: string;
  cooldownMinutes: number;
  escalationAfterMinutes: number | null;
}

export interface OpenAlert {
  id: string;
  ruleId: string;
  subject: string;
  openedAt: Date;
  peakValue: number;
  nextNotifyAt: Date | null;
  lastNotifiedAt: Date | null;
  escalatedAt: Date | null;
  acknowledgedAt: Date | null;
}

export interface AlertPlan {
  open: { firing: Firing; notifyNow: boolean; nextNotifyAt: Date }[];
  /** Still holding, and worse than ever: the new peak. */
  measure: { alertId: string; peakValue: number }[];
  notify: { alertId: string; event: "opened" | "reminder"; nextNotifyAt: Date }[];
  escalate: { alertId: string }[];
  resolve: { alertId: string; notify: boolean; reason: "cleared" | "rule_inactive" }[];
}

const key = (ruleId: string, subject: string) => `${ruleId}\u0000${subject}`;
const addMinutes = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

export function planAlerts(input: {
  now: Date;
  /** The branch's active rules. */
  rules: RulePolicy[];
  open: OpenAlert[];
  firing: Firing[];
  /** The last message about a rule and subject whose alert is no longer open. */
  lastNotified: Map<string, Date>;
}): AlertPlan {
  const { now } = input;
  const rules = new Map(input.rules.map((r) => [r.id, r]));
  const firing = new Map(input.firing.map((f) => [key(f.ruleId, f.subject), f]));
  const plan: AlertPlan = { open: [], measure: [], notify: [], escalate: [], resolve: [] };

  const stillOpen = new Set<string>();
  for (const alert of input.open) {
    const rule = rules.get(alert.ruleId);
    const k = key(alert.ruleId, alert.subject);
    const f = firing.get(k);
    if (!rule || !f) {
      plan.resolve.push({
        alertId: alert.id,
        notify: alert.lastNotifiedAt !== null,
        reason: rule ? "cleared" : "rule_inactive",
      });
      continue;
    }
    stillOpen.add(k);
    if (f.value > alert.peakValue) plan.measure.push({ alertId: alert.id, peakValue: f.value });
    if (alert.acknowledgedAt) continue;
    if (alert.nextNotifyAt && alert.nextNotifyAt <= now) {
      plan.notify.push({
        alertId: alert.id,
        event: alert.lastNotifiedAt ? "reminder" : "opened",
        nextNotifyAt: addMinutes(now, rule.cooldownMinutes),
      });
    }
    if (
      rule.escalationAfterMinutes !== null &&
      !alert.escalatedAt &&
      addMinutes(alert.openedAt, rule.escalationAfterMinutes) <= now
    ) {
      plan.escalate.push({ alertId: alert.id });
    }
  }

  for (const [k, f] of firing) {
    if (stillOpen.has(k)) continue;
    const rule = rules.get(f.ruleId);
    if (!rule) continue;
    const last = input.lastNotified.get(k);
    const quietUntil = last ? addMinutes(last, rule.cooldownMinutes) : null;
    const notifyNow = !quietUntil || quietUntil <= now;
    plan.open.push({
      firing: f,
      notifyNow,
      nextNotifyAt: notifyNow ? addMinutes(now, rule.cooldownMinutes) : quietUntil,
    });
  }
  return plan;
}

export const alertKey = key;
