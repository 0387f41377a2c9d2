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
