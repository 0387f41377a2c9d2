import type { StaffAppointment } from "@dq/shared";

/**
 * The counts above the day's list. Cancelled appointments stay listed (to see who cancelled) but
 * are not bookings any more: `count` leaves them out and `cancelled` names them apart, so the line
 * adds up to the rows shown.
 */
export function appointmentTotals(items: Pick<StaffAppointment, "status">[]) {
  const cancelled = items.filter((a) => a.status === "cancelled").length;
  return {
    count: items.length - cancelled,
    checkedIn: items.filter((a) => a.status === "checked_in").length,
    cancelled,
  };
}
