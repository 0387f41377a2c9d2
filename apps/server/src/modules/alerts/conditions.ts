import type { AlertDetails, AlertKind } from "@dq/shared";
import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import { activeServers } from "../../queue/repository.ts";

/** The office now, as far as alert rules look at it. */
export interface OfficeState {
  services: ServiceState[];
  pauses: PauseState[];
}

export interface ServiceState {
  id: string;
  name: string;
  waiting: number;
  /** Seconds the longest-waiting client has waited; 0 when nobody waits. */
  longestWaitSeconds: number;
  longestTicketLabel: string | null;
  /** Operators signed in at a workstation serving it, not paused, competent for it. */
  servers: number;
}

export interface PauseState {
  employeeId: string;
  employeeName: string;
  workstation: string | null;
  reason: string | null;
  seconds: number;
  /** Services he is competent for, for a rule that watches one service. */
  serviceIds: string[];
}

export interface RuleCondition {
  id: string;
  kind: AlertKind;
  serviceId: string | null;
  threshold: number;
}

/** A rule's condition holding for one subject: a service, or an operator on pause. */
export interface Firing {
  ruleId: string;
  subject: string;
  serviceId: string | null;
  employeeId: string | null;
  value: number;
  details: AlertDetails;
}

/** Two reads: every service's queue, and who is on pause. */
export async function readOfficeState(db: Executor, branchId: string, now: Date): Promise<OfficeState> {
  const [services, pauses] = await Promise.all([
    sql<{
      id: string;
      name: string;
      waiting: number;
      longest: number | null;
      label: string | null;
      servers: number;
    }>`
      select s.id, s.name,
        count(t.id)::int as waiting,
        extract(epoch from (${now}::timestamptz - min(t.enqueued_at)))::float8 as longest,
        (array_agg(t.label order by t.enqueued_at, t.id))[1] as label,
        ${activeServers()} as servers
      from services s
      left join tickets t on t.branch_id = s.branch_id and t.service_id = s.id and t.status = 'waiting'
      where s.branch_id = ${branchId} and s.deleted_at is null and not s.is_group
      group by s.id
    `.execute(db),
    sql<{
      employee_id: string;
      name: string;
      workstation: string | null;
      reason: string | null;
      seconds: number;
      service_ids: string[];
    }>`
      select os.employee_id, e.name, w.name as workstation, os.pause_reason as reason,
        extract(epoch from (${now}::timestamptz - os.since))::float8 as seconds,
        array(select c.service_id::text from competencies c where c.employee_id = os.employee_id) as service_ids
      from operator_states os
      join employees e on e.id = os.employee_id
      left join workstations w on w.id = os.workstation_id
      where os.branch_id = ${branchId} and os.status = 'paused'
    `.execute(db),
  ]);
  return {
    services: services.rows.map((r) => ({
      id: r.id,
      name: r.name,
      waiting: r.waiting,
      longestWaitSeconds: r.waiting > 0 ? Math.max(0, r.longest ?? 0) : 0,
      longestTicketLabel: r.label,
      servers: r.servers,
    })),
    pauses: pauses.rows.map((r) => ({
      employeeId: r.employee_id,
      employeeName: r.name,
      workstation: r.workstation,
      reason: r.reason,
      seconds: Math.max(0, r.seconds),
      serviceIds: r.service_ids,
    })),
  };
}

/**
 * Where each rule's condition holds now. A rule for all services is checked per service, so each
 * gets its own alert; "more than" is strict, except that a no-operator rule with 0 minutes fires
 * as soon as anyone waits.
 */
export function firingConditions(rules: RuleCondition[], office: OfficeState): Firing[] {
  const out: Firing[] = [];
  for (const rule of rules) {
    const limitSeconds = rule.threshold * 60;
    if (rule.kind === "long_pause") {
      for (const p of office.pauses) {
        if (rule.serviceId && !p.serviceIds.includes(rule.serviceId)) continue;
        if (p.seconds <= limitSeconds) continue;
        out.push({
          ruleId: rule.id,
          subject: `employee:${p.employeeId}`,
          serviceId: null,
          employeeId: p.employeeId,
          value: Math.floor(p.seconds),
          details: { pauseReason: p.reason, workstation: p.workstation },
        });
      }
      continue;
    }
    for (const s of office.services) {
      if (rule.serviceId && s.id !== rule.serviceId) continue;
      const holds =
        rule.kind === "wait_time"
          ? s.waiting > 0 && s.longestWaitSeconds > limitSeconds
          : rule.kind === "queue_length"
            ? s.waiting > rule.threshold
            : s.waiting > 0 && s.servers === 0 && (limitSeconds === 0 || s.longestWaitSeconds > limitSeconds);
      if (!holds) continue;
      out.push({
        ruleId: rule.id,
        subject: `service:${s.id}`,
        serviceId: s.id,
        employeeId: null,
        value: rule.kind === "queue_length" ? s.waiting : Math.floor(s.longestWaitSeconds),
        details: {
          waiting: s.waiting,
          ...(s.longestTicketLabel ? { ticketLabel: s.longestTicketLabel } : {}),
        },
      });
    }
  }
  return out;
}
