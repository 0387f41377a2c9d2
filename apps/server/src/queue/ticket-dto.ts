import { maskPhone, type Ticket, type TicketSource, type WaitEstimate } from "@dq/shared";
import { toIso } from "../db/executor.ts";
import type { TicketRow } from "../db/schema.ts";

export function toTicketDto(
  t: TicketRow,
  extra: {
    position?: number | null;
    estimatedWait?: WaitEstimate | null;
    expectedCallAt?: string | null;
  } = {},
): Ticket {
  return {
    id: t.id,
    code: t.code,
    label: t.label,
    number: t.number,
    serviceId: t.service_id,
    categoryId: t.category_id,
    status: t.status,
    businessDay: t.business_day,
    issuedAt: t.issued_at.toISOString(),
    enqueuedAt: t.enqueued_at.toISOString(),
    calledAt: toIso(t.called_at),
    startedAt: toIso(t.started_at),
    finishedAt: toIso(t.finished_at),
    callCount: t.call_count,
    segment: t.segment,
    workstationId: t.workstation_id,
    employeeId: t.employee_id,
    note: t.note,
    closeReason: t.close_reason,
    position: extra.position ?? null,
    estimatedWait: extra.estimatedWait ?? null,
    expectedCallAt: extra.expectedCallAt ?? null,
    appointmentCode: t.appointment?.code ?? null,
    appointment: t.appointment
      ? { start: t.appointment.start, name: t.appointment.name, late: t.appointment.late }
      : null,
    source: t.origin as TicketSource,
    phoneMasked: t.phone ? maskPhone(t.phone) : null,
    arrivalRequired: t.arrival_required,
    arrivedAt: toIso(t.arrived_at),
    postponeCount: t.postpone_count,
  };
}
