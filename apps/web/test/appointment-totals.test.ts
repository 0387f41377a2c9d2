import { describe, expect, it } from "vitest";
import { appointmentTotals } from "../src/features/admin/appointments/totals.ts";

describe("the counts above the day's appointments", () => {
  it("count the bookings apart from the cancelled rows, so both add up to the rows listed", () => {
    const rows = [
      { status: "booked" },
      { status: "checked_in" },
      { status: "cancelled" },
      { status: "no_show" },
      { status: "booked" },
    ] as const;
    expect(appointmentTotals([...rows])).toEqual({ count: 4, checkedIn: 1, cancelled: 1 });
  });

  it("are zero for an empty day", () => {
    expect(appointmentTotals([])).toEqual({ count: 0, checkedIn: 0, cancelled: 0 });
  });
});
