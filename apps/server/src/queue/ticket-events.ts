import type { Actor, BranchContext } from "../core/branch-context.ts";
import type { Executor } from "../db/executor.ts";
import type { TicketRow } from "../db/schema.ts";
import { appendEvent } from "../events/log.ts";

export interface WorkstationInfo {
  id: string;
  name: string;
  number: string;
  spokenName: string;
}

export async function loadWorkstationInfo(db: Executor, id: string | null): Promise<WorkstationInfo | null> {
  if (!id) return null;
  const w = await db
    .selectFrom("workstations")
    .select(["id", "name", "number", "spoken_name"])
    .where("id", "=", id)
    .executeTakeFirst();
  return w ? { id: w.id, name: w.name, number: w.number, spokenName: w.spoken_name } : null;
}

/** The fields of a ticket that every `ticket.*` event carries, as they are after the change. */
export type TicketEventFields = Pick<
  TicketRow,
  | "id"
  | "label"
  | "status"
  | "service_id"
  | "category_id"
  | "call_count"
  | "segment"
  | "called_at"
  | "last_called_at"
  | "employee_id"
>;

/**
 * The data of every `ticket.*` event: the one payload builder, used by `appendTicketEvent` and by
 * the statement that issues a ticket (which fills in the id and label the database gives it).
 */
export function ticketEventData(
  ticket: TicketEventFields,
  workstation: WorkstationInfo | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ticketId: ticket.id,
    label: ticket.label,
    status: ticket.status,
    serviceId: ticket.service_id,
    categoryId: ticket.category_id,
    callCount: ticket.call_count,
    segment: ticket.segment,
    workstation,
    calledAt: ticket.called_at?.toISOString() ?? null,
    lastCalledAt: ticket.last_called_at?.toISOString() ?? null,
    employeeId: ticket.employee_id,
    ...extra,
  };
}

/**
 * The data of `ticket.issued` for a ticket as the issuing statement creates it (waiting, first
 * segment, never called); the statement fills in its id and label.
 */
export function issuedEventData(
  serviceId: string,
  categoryId: string | null,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  return ticketEventData(
    {
      id: "",
      label: "",
      status: "waiting",
      service_id: serviceId,
      category_id: categoryId,
      call_count: 0,
      segment: 1,
      called_at: null,
      last_called_at: null,
      employee_id: null,
    },
    null,
    extra,
  );
}

/** Appends a `ticket.*` event carrying the ticket's state after the change. */
export async function appendTicketEvent(
  db: Executor,
  branch: BranchContext,
  type: string,
  ticket: TicketRow,
  actor: Actor,
  at: Date,
  extra: Record<string, unknown> = {},
  /** The ticket's workstation when the caller has it at hand (saves a query on the hot path). */
  known?: WorkstationInfo | null,
) {
  const workstation =
    known && known.id === ticket.workstation_id
      ? known
      : await loadWorkstationInfo(db, ticket.workstation_id);
  return appendEvent(db, {
    branchId: branch.id,
    type,
    at,
    ticketId: ticket.id,
    employeeId: actor.employeeId ?? null,
    workstationId: actor.workstationId ?? ticket.workstation_id,
    deviceId: actor.deviceId ?? null,
    data: ticketEventData(ticket, workstation, extra),
  });
}
