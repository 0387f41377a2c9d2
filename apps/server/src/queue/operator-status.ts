import type { OperatorStatus } from "@dq/shared";
import { sql } from "kysely";
import { conflict } from "../core/errors.ts";
import type { Executor } from "../db/executor.ts";
import { appendEvent } from "../events/log.ts";
import type { WorkstationInfo } from "./ticket-events.ts";

export interface StatusChange {
  branchId: string;
  employeeId: string;
  workstationId: string | null;
  status: OperatorStatus;
  reason?: string | null;
  at: Date;
}

/**
 * Records where an operator is and what he does: the current row in operator_states, an interval
 * in operator_status_log (closed when the status changes) and an `operator.status` event.
 * Runs inside the caller's transaction, next to the ticket change that caused it.
 */
export async function setOperatorStatus(db: Executor, c: StatusChange): Promise<void> {
  const reason = c.status === "paused" ? (c.reason ?? null) : null;
  // One statement: lock the current row, and only if something changed, update it, close the
  // open interval and open a new one. Calls and finishes run it on every ticket, so it must be cheap.
  const result = await sql<{ changed: boolean }>`
    with current as (
      select * from operator_states where employee_id = ${c.employeeId} for update
    ), changed as (
      select 1 where not exists (
        select 1 from current where status = ${c.status} and branch_id = ${c.branchId}
          and workstation_id is not distinct from ${c.workstationId}::bigint
          and pause_reason is not distinct from ${reason}::text)
    ), state as (
      insert into operator_states (employee_id, branch_id, workstation_id, status, pause_reason, since)
      select ${c.employeeId}, ${c.branchId}, ${c.workstationId}, ${c.status}, ${reason}, ${c.at} from changed
      on conflict (employee_id) do update set branch_id = excluded.branch_id, workstation_id = excluded.workstation_id,
        status = excluded.status, pause_reason = excluded.pause_reason, since = excluded.since
    ), closed as (
      update operator_status_log set ended_at = ${c.at}
      where employee_id = ${c.employeeId} and ended_at is null and exists (select 1 from changed)
    ), opened as (
      insert into operator_status_log (branch_id, employee_id, workstation_id, status, reason, started_at)
      select ${c.branchId}, ${c.employeeId}, ${c.workstationId}, ${c.status}, ${reason}, ${c.at}
      from changed where ${c.status} <> 'offline'
    )
    select exists (select 1 from changed) as changed
  `.execute(db);
  if (!result.rows[0]?.changed) return;
  await appendEvent(db, {
    branchId: c.branchId,
    type: "operator.status",
    at: c.at,
    employeeId: c.employeeId,
    workstationId: c.workstationId,
    data: { employeeId: c.employeeId, workstationId: c.workstationId, status: c.status, reason },
  });
}

/**
 * Locks the operator's state row for the rest of the transaction (so his own double clicks run one
 * after the other) and returns it with his workstation and the ticket he holds, if any, in one
 * round trip; calls, pauses and resumes need a workstation in this branch.
 */
export async function lockWorkplace(db: Executor, branchId: string, employeeId: string) {
  const state = await db
    .selectFrom("operator_states as os")
    .leftJoin("workstations as w", "w.id", "os.workstation_id")
    .selectAll("os")
    .select((eb) => [
      "w.name as ws_name",
      "w.number as ws_number",
      "w.spoken_name as ws_spoken_name",
      eb
        .selectFrom("tickets as t")
        .select(
          sql<string>`json_build_object('id', t.id::text, 'label', t.label, 'status', t.status)::text`.as(
            "h",
          ),
        )
        .whereRef("t.employee_id", "=", "os.employee_id")
        .where("t.status", "in", ["called", "serving"])
        .as("held"),
    ])
    .where("os.employee_id", "=", employeeId)
    .forUpdate("os")
    .executeTakeFirst();
  if (!state?.workstation_id || state.branch_id !== branchId) {
    throw conflict("no_workstation", "take a workstation first (POST /api/v1/operator/workstation)");
  }
  const workstation: WorkstationInfo = {
    id: state.workstation_id,
    name: state.ws_name!,
    number: state.ws_number!,
    spokenName: state.ws_spoken_name!,
  };
  const held = state.held ? (JSON.parse(state.held) as { id: string; label: string; status: string }) : null;
  return { ...state, workstationId: state.workstation_id, workstation, held };
}

/** Refuses a new call while the operator holds a called or serving ticket. */
export function assertFree(held: { id: string; label: string; status: string } | null) {
  if (held) {
    throw conflict("operator_busy", `finish ticket ${held.label} first: it is ${held.status}`, {
      ticketId: held.id,
      label: held.label,
      status: held.status,
    });
  }
}
