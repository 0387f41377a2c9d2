import { NO_SHOW_UNDO_SECONDS, type Ticket } from "@dq/shared";
import type { BranchContext } from "../core/branch-context.ts";
import { conflict, invalidField, notFound } from "../core/errors.ts";
import type { Executor } from "../db/executor.ts";
import type { TicketRow, TicketUpdate } from "../db/schema.ts";
import { joinOrStartTransaction } from "../db/transaction.ts";
import type { QueueDeps } from "./deps.ts";
import { latestQuoteColumns } from "./estimates.ts";
import { assertFree, lockWorkplace, setOperatorStatus } from "./operator-status.ts";
import { callClassOf, preferredClass } from "./policy.ts";
import {
  BACK_IN_QUEUE,
  canServe,
  claimNextWaiting,
  lockBranchCalls,
  lockTicket,
  recentCallClasses,
  recordCall,
  requeueSegment,
  updateTicket,
} from "./repository.ts";
import { transition } from "./state-machine.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { appendTicketEvent, type WorkstationInfo } from "./ticket-events.ts";

/** Call next: the best eligible waiting ticket by the branch's policy, or null if none waits. */
export async function callNext(
  deps: QueueDeps,
  branch: BranchContext,
  employeeId: string,
): Promise<Ticket | null> {
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const { workstationId, workstation, held } = await lockWorkplace(tx, branch.id, employeeId);
    assertFree(held);
    const policy = branch.settings.callingPolicy;
    const window = policy.ratio ? policy.ratio.normal + policy.ratio.priority - 1 : 0;
    // The ratio rule depends on the calls before this one: operators calling at the same moment
    // take turns, or they would all see the same history and pick the same class.
    if (policy.ratio) await lockBranchCalls(tx, branch.id);
    const preferred = preferredClass(policy, await recentCallClasses(tx, branch.id, window));
    const id = await claimNextWaiting(tx, {
      branchId: branch.id,
      employeeId,
      workstationId,
      now,
      slaGuard: policy.slaGuard,
      preferred,
    });
    if (!id) return null;
    return markCalled(tx, deps, branch, id, employeeId, workstation, now);
  });
}

async function markCalled(
  tx: Executor,
  deps: QueueDeps,
  branch: BranchContext,
  id: string,
  employeeId: string,
  workstation: WorkstationInfo,
  now: Date,
  extra: Record<string, unknown> = {},
  patch: TicketUpdate = {},
): Promise<Ticket> {
  const workstationId = workstation.id;
  // Staff may call a remote ticket before its holder said «Я на месте»: once called he counts as
  // arrived, so that after a redirect or a return to the queue call next does not pass him over.
  await tx
    .updateTable("tickets")
    .set({ arrived_at: now })
    .where("id", "=", id)
    .where("arrival_required", "=", true)
    .where("arrived_at", "is", null)
    .execute();
  const ticket = await updateTicket(tx, id, {
    ...(await latestQuoteColumns(deps, branch.id, id)),
    ...patch,
    status: "called",
    called_at: now,
    last_called_at: now,
    call_count: 1,
    workstation_id: workstationId,
    employee_id: employeeId,
    updated_at: now,
  });
  // The reports measure the wait on the segment, which keeps the time it was queued from.
  if (patch.enqueued_at) await requeueSegment(tx, ticket.id, ticket.segment, ticket.enqueued_at);
  const callClass = callClassOf(ticket.priority);
  await recordCall(tx, { branchId: branch.id, ticketId: ticket.id, callClass, at: now });
  await appendTicketEvent(
    tx,
    branch,
    "ticket.called",
    ticket,
    { employeeId, workstationId },
    now,
    { callClass, ...extra },
    workstation,
  );
  await setOperatorStatus(tx, { branchId: branch.id, employeeId, workstationId, status: "calling", at: now });
  return toTicketDto(ticket);
}

/**
 * Locks the workplace of the operator who is to call a ticket (he must be free) and the ticket
 * (it must be callable), in the order every call takes them.
 */
async function lockCall(tx: Executor, branch: BranchContext, employeeId: string, ticketId: string) {
  const { workstationId, workstation, held } = await lockWorkplace(tx, branch.id, employeeId);
  assertFree(held);
  const ticket = await lockTicket(tx, branch.id, ticketId);
  if (!ticket) throw notFound("ticket");
  transition(ticket.status, "call");
  return { workstationId, workstation, ticket };
}

/**
 * An appointment called by hand before its start (call next waits for it) is queued from now,
 * so its wait is never negative.
 */
function queuedByNow(ticket: TicketRow, now: Date): TicketUpdate {
  return ticket.enqueued_at.getTime() > now.getTime() ? { enqueued_at: now } : {};
}

/** Call a particular waiting ticket, e.g. a client with an urgent matter. */
export async function callTicket(
  deps: QueueDeps,
  branch: BranchContext,
  employeeId: string,
  ticketId: string,
) {
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const { workstationId, workstation, ticket } = await lockCall(tx, branch, employeeId, ticketId);
    // The same eligibility as call next: the workstation serves the service and the operator may.
    if (!(await canServe(tx, { employee: employeeId, workstation: workstationId }, ticket.service_id))) {
      throw conflict(
        "not_eligible",
        `ticket ${ticket.label} is for a service that you or this workstation do not serve`,
      );
    }
    const queued = queuedByNow(ticket, now);
    return markCalled(tx, deps, branch, ticket.id, employeeId, workstation, now, {}, queued);
  });
}

/**
 * A supervisor sends a waiting client to a given workstation: the client is called there, as if
 * its operator had called him (the operator must be free; the workstation must serve the service).
 */
export async function sendToWorkstation(
  deps: QueueDeps,
  branch: BranchContext,
  ticketId: string,
  workstationId: string,
  sentBy: string | null,
) {
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const occupant = await tx
      .selectFrom("operator_states")
      .select("employee_id")
      .where("workstation_id", "=", workstationId)
      .where("branch_id", "=", branch.id)
      .executeTakeFirst();
    if (!occupant) throw conflict("workstation_free", "nobody works at this workstation now");
    const { workstation, ticket } = await lockCall(tx, branch, occupant.employee_id, ticketId);
    // The supervisor decides who serves: only the workstation's services count, not the operator's.
    if (!(await canServe(tx, { employee: null, workstation: workstation.id }, ticket.service_id))) {
      throw conflict(
        "not_eligible",
        `workstation ${workstation.number} does not serve the service of ticket ${ticket.label}`,
      );
    }
    const queued = queuedByNow(ticket, now);
    return markCalled(
      tx,
      deps,
      branch,
      ticket.id,
      occupant.employee_id,
      workstation,
      now,
      { sentBy },
      queued,
    );
  });
}

type OwnAction = "recall" | "start" | "noShow" | "finish" | "return" | "redirect";

/** Locks the ticket and checks that it is this operator's and that the action is allowed now. */
async function lockOwnTicket(
  tx: Executor,
  branch: BranchContext,
  employeeId: string,
  id: string,
  action: OwnAction,
) {
  const ticket = await lockTicket(tx, branch.id, id);
  if (!ticket) throw notFound("ticket");
  if ((ticket.status === "called" || ticket.status === "serving") && ticket.employee_id !== employeeId) {
    throw conflict("not_your_ticket", `ticket ${ticket.label} is being handled by another operator`);
  }
  const next = transition(ticket.status, action);
  return { ticket, next };
}

async function applyOwn(
  deps: QueueDeps,
  branch: BranchContext,
  employeeId: string,
  id: string,
  action: OwnAction,
  change: (t: TicketRow, now: Date, tx: Executor) => TicketUpdate | Promise<TicketUpdate>,
  eventType: string,
  operatorStatus: "calling" | "serving" | "free",
  extra: (t: TicketRow) => Record<string, unknown> = () => ({}),
): Promise<Ticket> {
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const { ticket, next } = await lockOwnTicket(tx, branch, employeeId, id, action);
    const workstationId = ticket.workstation_id;
    const updated = await updateTicket(tx, ticket.id, {
      ...(await change(ticket, now, tx)),
      status: next,
      updated_at: now,
    });
    await appendTicketEvent(
      tx,
      branch,
      eventType,
      updated,
      { employeeId, workstationId },
      now,
      extra(ticket),
    );
    await setOperatorStatus(tx, {
      branchId: branch.id,
      employeeId,
      workstationId,
      status: operatorStatus,
      at: now,
    });
    return toTicketDto(updated);
  });
}

export const recall = (deps: QueueDeps, branch: BranchContext, employeeId: string, id: string) =>
  applyOwn(
    deps,
    branch,
    employeeId,
    id,
    "recall",
    (t, now) => ({ call_count: t.call_count + 1, last_called_at: now }),
    "ticket.recalled",
    "calling",
  );

export const start = (deps: QueueDeps, branch: BranchContext, employeeId: string, id: string) =>
  applyOwn(
    deps,
    branch,
    employeeId,
    id,
    "start",
    (_t, now) => ({ started_at: now }),
    "ticket.started",
    "serving",
  );

export const noShow = (deps: QueueDeps, branch: BranchContext, employeeId: string, id: string) =>
  applyOwn(
    deps,
    branch,
    employeeId,
    id,
    "noShow",
    (_t, now) => ({ finished_at: now }),
    "ticket.no_show",
    "free",
  );

export const finish = (
  deps: QueueDeps,
  branch: BranchContext,
  employeeId: string,
  id: string,
  note?: string,
) =>
  applyOwn(
    deps,
    branch,
    employeeId,
    id,
    "finish",
    // Without an outcome note, a note left by a redirecting colleague stays.
    (t, now) => ({ finished_at: now, note: note ?? t.note }),
    "ticket.served",
    "free",
    () => ({ note: note ?? null }),
  );

/**
 * Back to the queue: keeps its place by default, or goes to the end — behind the walk-ins too, so
 * an appointment ticket sent to the end is called as a walk-in from then on.
 */
export const returnToQueue = (
  deps: QueueDeps,
  branch: BranchContext,
  employeeId: string,
  id: string,
  toEnd: boolean,
) =>
  applyOwn(
    deps,
    branch,
    employeeId,
    id,
    "return",
    (t, now) => ({
      ...BACK_IN_QUEUE,
      ...(toEnd ? { enqueued_at: now, booked_for: null } : { enqueued_at: t.enqueued_at }),
    }),
    "ticket.returned",
    "free",
    () => ({ toEnd }),
  );

/**
 * To another service with the same label: a new service segment that waits from now, as an
 * ordinary ticket there (an appointment was for the service it was booked for).
 */
export function redirect(
  deps: QueueDeps,
  branch: BranchContext,
  employeeId: string,
  id: string,
  serviceId: string,
  note?: string,
) {
  let fromServiceId = "";
  return applyOwn(
    deps,
    branch,
    employeeId,
    id,
    "redirect",
    async (t, now, tx) => {
      fromServiceId = t.service_id;
      const target = await tx
        .selectFrom("services")
        .select(["id", "is_group"])
        .where("id", "=", serviceId)
        .where("branch_id", "=", branch.id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!target || target.is_group) throw invalidField("serviceId", "unknownService");
      if (target.id === t.service_id) throw invalidField("serviceId", "sameService");
      return {
        service_id: target.id,
        segment: t.segment + 1,
        enqueued_at: now,
        booked_for: null,
        ...BACK_IN_QUEUE,
        note: note ?? t.note,
      };
    },
    "ticket.redirected",
    "free",
    () => ({ fromServiceId, toServiceId: serviceId, note: note ?? null }),
  );
}

/**
 * Takes back "the client did not come" within `NO_SHOW_UNDO_SECONDS`: only the operator who said
 * it, at the workstation where he said it, while he has nobody else called. The ticket is called
 * again as it was (same call time and count, no new announcement); its segment is open again.
 */
export async function undoNoShow(deps: QueueDeps, branch: BranchContext, employeeId: string, id: string) {
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const { workstationId, held, status } = await lockWorkplace(tx, branch.id, employeeId);
    const ticket = await lockTicket(tx, branch.id, id);
    if (!ticket) throw notFound("ticket");
    const next = transition(ticket.status, "undoNoShow");
    if (ticket.employee_id !== employeeId || ticket.workstation_id !== workstationId) {
      throw conflict(
        "not_your_ticket",
        `ticket ${ticket.label} was not marked a no-show by you at this workstation`,
      );
    }
    const age = (now.getTime() - ticket.finished_at!.getTime()) / 1000;
    if (age > NO_SHOW_UNDO_SECONDS) {
      throw conflict("undo_expired", `a no-show can be undone within ${NO_SHOW_UNDO_SECONDS} s only`, {
        seconds: NO_SHOW_UNDO_SECONDS,
      });
    }
    assertFree(held);
    if (status === "paused") throw conflict("operator_paused", "resume work before undoing the no-show");
    const updated = await updateTicket(tx, ticket.id, { status: next, finished_at: null, updated_at: now });
    await appendTicketEvent(tx, branch, "ticket.no_show_undone", updated, { employeeId, workstationId }, now);
    await setOperatorStatus(tx, {
      branchId: branch.id,
      employeeId,
      workstationId,
      status: "calling",
      at: now,
    });
    return toTicketDto(updated);
  });
}
