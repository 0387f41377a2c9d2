import type { Appointment } from "@dq/shared";

/**
 * What `/b/<code>` says an appointment is. Checked in, it is what became of its ticket: still in
 * the queue (waiting, called, being served), the visit over (served), or the ticket cancelled or
 * missed at the window — then "checked in" would send him to follow a queue he is no longer in.
 */
export type AppointmentState =
  | "booked"
  | "in_queue"
  | "served"
  | "ticket_cancelled"
  | "ticket_no_show"
  | "cancelled"
  | "no_show";

export function appointmentState(a: Pick<Appointment, "status" | "ticketStatus">): AppointmentState {
  if (a.status !== "checked_in") return a.status;
  switch (a.ticketStatus) {
    case "served":
      return "served";
    case "cancelled":
      return "ticket_cancelled";
    case "no_show":
      return "ticket_no_show";
    default:
      return "in_queue";
  }
}

/** Nothing more will come of it: offer to book again. */
export const canBookAgain = (state: AppointmentState) =>
  state === "cancelled" || state === "no_show" || state === "ticket_cancelled" || state === "ticket_no_show";
