import type { Ticket } from "@dq/shared";

/**
 * The waiting appointment tickets call next passes by: checked in early, they are queued from their
 * start (`enqueuedAt` still to come). Staff may call them by hand; earliest start first.
 */
export function appointmentsNotYetDue(waiting: Ticket[], now: Date | number): Ticket[] {
  const at = new Date(now).getTime();
  return waiting
    .filter((w) => w.appointment && !w.appointment.late && new Date(w.enqueuedAt).getTime() > at)
    .sort((a, b) => new Date(a.appointment!.start).getTime() - new Date(b.appointment!.start).getTime());
}

/** A remote ticket call next passes over: its holder has not said «Я на месте» yet. */
export const awaitsArrival = (ticket: Ticket) => ticket.arrivalRequired && ticket.arrivedAt === null;

/** The labels of the waiting tickets call next passes over until their holders arrive, in queue order. */
export const awaitingArrivalLabels = (waiting: Ticket[]) => waiting.filter(awaitsArrival).map((w) => w.label);
