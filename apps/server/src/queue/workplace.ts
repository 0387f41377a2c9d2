import type { OperatorState, Ticket } from "@dq/shared";
import type { Actor, BranchContext } from "../core/branch-context.ts";
import { conflict, invalidField, notFound } from "../core/errors.ts";
import type { Executor } from "../db/executor.ts";
import { joinOrStartTransaction } from "../db/transaction.ts";
import type { QueueDeps } from "./deps.ts";
import { lockWorkplace, setOperatorStatus } from "./operator-status.ts";
import { activeTicketOf, BACK_IN_QUEUE, updateTicket } from "./repository.ts";
import { transition } from "./state-machine.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { appendTicketEvent } from "./ticket-events.ts";

/** The signed-in employee starts working at a workstation; one operator per workstation. */
export async function takeWorkstation(
  deps: QueueDeps,
  branch: BranchContext,
  employeeId: string,
  workstationId: string,
) {
  const now = deps.clock();
  await joinOrStartTransaction(deps.db, async (tx) => {
    const ws = await tx
      .selectFrom("workstations")
      .select(["id", "active", "number"])
      .where("id", "=", workstationId)
      .where("branch_id", "=", branch.id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!ws) throw invalidField("workstationId", "noSuchWorkstation");
    if (!ws.active) throw conflict("workstation_inactive", `workstation ${ws.number} is switched off`);
    const occupant = await tx
      .selectFrom("operator_states")
      .innerJoin("employees", "employees.id", "operator_states.employee_id")
      .select(["employees.id", "employees.name"])
      .where("operator_states.workstation_id", "=", workstationId)
      .where("operator_states.employee_id", "<>", employeeId)
      .forUpdate()
      .executeTakeFirst();
    if (occupant) {
      throw conflict("workstation_taken", `workstation ${ws.number} is taken by ${occupant.name}`, {
        employeeId: occupant.id,
        name: occupant.name,
      });
    }
    const held = await activeTicketOf(tx, employeeId);
    if (held && held.workstation_id !== workstationId) {
      throw conflict("operator_busy", `finish ticket ${held.label} before changing workstation`);
    }
    const status = held ? (held.status === "serving" ? "serving" : "calling") : "free";
    await setOperatorStatus(tx, { branchId: branch.id, employeeId, workstationId, status, at: now });
  });
  return getOperatorState(deps.db, branch, employeeId);
}

export async function leaveWorkstation(deps: QueueDeps, branch: BranchContext, employeeId: string) {
  const now = deps.clock();
  await joinOrStartTransaction(deps.db, async (tx) => {
    const held = await activeTicketOf(tx, employeeId);
    if (held) throw conflict("operator_busy", `finish or return ticket ${held.label} before leaving`);
    await setOperatorStatus(tx, {
      branchId: branch.id,
      employeeId,
      workstationId: null,
      status: "offline",
      at: now,
    });
  });
  return getOperatorState(deps.db, branch, employeeId);
}

export async function pause(
  deps: QueueDeps,
  branch: BranchContext,
  employeeId: string,
  reason: { reasonId?: string; reason?: string },
) {
  const now = deps.clock();
  await joinOrStartTransaction(deps.db, async (tx) => {
    const state = await lockWorkplace(tx, branch.id, employeeId);
    if (state.held)
      throw conflict("operator_busy", `finish or return ticket ${state.held.label} before pausing`);
    let text = reason.reason ?? null;
    if (reason.reasonId) {
      const r = await tx
        .selectFrom("pause_reasons")
        .select("name")
        .where("id", "=", reason.reasonId)
        .where("branch_id", "=", branch.id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!r) throw invalidField("reasonId", "noSuchPauseReason");
      text = r.name;
    }
    await setOperatorStatus(tx, {
      branchId: branch.id,
      employeeId,
      workstationId: state.workstationId,
      status: "paused",
      reason: text,
      at: now,
    });
  });
  return getOperatorState(deps.db, branch, employeeId);
}

export async function resume(deps: QueueDeps, branch: BranchContext, employeeId: string) {
  const now = deps.clock();
  await joinOrStartTransaction(deps.db, async (tx) => {
    const state = await lockWorkplace(tx, branch.id, employeeId);
    if (state.status !== "paused") throw conflict("not_paused", "you are not on a pause");
    await setOperatorStatus(tx, {
      branchId: branch.id,
      employeeId,
      workstationId: state.workstationId,
      status: "free",
      at: now,
    });
  });
  return getOperatorState(deps.db, branch, employeeId);
}

export async function getOperatorState(
  db: Executor,
  branch: BranchContext,
  employeeId: string,
): Promise<OperatorState> {
  const employee = await db
    .selectFrom("employees")
    .select(["id", "name"])
    .where("id", "=", employeeId)
    .executeTakeFirst();
  if (!employee) throw notFound("employee");
  const state = await db
    .selectFrom("operator_states")
    .leftJoin("workstations", "workstations.id", "operator_states.workstation_id")
    .select([
      "operator_states.status",
      "operator_states.pause_reason",
      "operator_states.since",
      "operator_states.branch_id",
      "workstations.id as ws_id",
      "workstations.name as ws_name",
      "workstations.number as ws_number",
    ])
    .where("operator_states.employee_id", "=", employeeId)
    .executeTakeFirst();
  const here = state && state.branch_id === branch.id;
  const ticket = await activeTicketOf(db, employeeId);
  return {
    employee: { id: employee.id, name: employee.name },
    workstation:
      here && state.ws_id ? { id: state.ws_id, name: state.ws_name!, number: state.ws_number! } : null,
    status: here ? state.status : "offline",
    pauseReason: here ? state.pause_reason : null,
    since: here ? state.since.toISOString() : null,
    ticket: ticket ? toTicketDto(ticket) : null,
  };
}

/**
 * Frees an employee's workstation when he cannot do it himself (deactivated, gone home with the
 * session expired): a called client goes back to the queue in his place, a client being served is
 * recorded as served (close reason `released`), and the employee is signed off the workstation.
 * Runs inside the caller's transaction. Returns the ticket it handled, if any.
 */
export async function releaseWorkplace(
  tx: Executor,
  branch: BranchContext,
  employeeId: string,
  actor: Actor,
  now: Date,
): Promise<Ticket | null> {
  await tx
    .selectFrom("operator_states")
    .select("employee_id")
    .where("employee_id", "=", employeeId)
    .forUpdate()
    .execute();
  const held = await activeTicketOf(tx, employeeId);
  let ticket: Ticket | null = null;
  if (held) {
    const returned = held.status === "called";
    const updated = await updateTicket(tx, held.id, {
      ...(returned
        ? { status: transition(held.status, "return"), ...BACK_IN_QUEUE }
        : { status: transition(held.status, "finish"), finished_at: now, close_reason: "released" }),
      updated_at: now,
    });
    await appendTicketEvent(tx, branch, returned ? "ticket.returned" : "ticket.served", updated, actor, now, {
      reason: "released",
    });
    ticket = toTicketDto(updated);
  }
  const state = await tx
    .selectFrom("operator_states")
    .select("branch_id")
    .where("employee_id", "=", employeeId)
    .executeTakeFirst();
  if (state) {
    await setOperatorStatus(tx, {
      branchId: state.branch_id,
      employeeId,
      workstationId: null,
      status: "offline",
      at: now,
    });
  }
  return ticket;
}

/** Signing out frees the workstation for a colleague, unless a client is still being handled there. */
export async function releaseOnSignOut(
  deps: QueueDeps,
  employeeId: string,
  loadBranch: (id: string) => Promise<BranchContext | null>,
) {
  const state = await deps.db
    .selectFrom("operator_states")
    .select(["branch_id", "workstation_id"])
    .where("employee_id", "=", employeeId)
    .executeTakeFirst();
  if (!state?.workstation_id || (await activeTicketOf(deps.db, employeeId))) return;
  const branch = await loadBranch(state.branch_id);
  if (branch) await leaveWorkstation(deps, branch, employeeId);
}
