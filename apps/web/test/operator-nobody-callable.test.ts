import type { Ticket } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { appointmentsNotYetDue } from "../src/features/operator/nobody-callable.ts";

const NOW = new Date("2026-03-02T07:30:00Z");

function ticket(id: string, enqueuedAt: string, appointment: Ticket["appointment"] = null): Ticket {
  return { id, label: id, enqueuedAt, appointment } as Ticket;
}
const booked = (start: string, late = false) => ({ start, name: "Иван", late });

describe("appointments call next passes by", () => {
  it("are the appointment tickets queued from a start still to come, earliest first", () => {
    const waiting = [
      ticket("A1", "2026-03-02T07:10:00Z"),
      ticket("B2", "2026-03-02T08:00:00Z", booked("2026-03-02T08:00:00Z")),
      ticket("B1", "2026-03-02T07:45:00Z", booked("2026-03-02T07:45:00Z")),
      ticket("B3", "2026-03-02T07:00:00Z", booked("2026-03-02T07:00:00Z")),
    ];
    expect(appointmentsNotYetDue(waiting, NOW).map((w) => w.id)).toEqual(["B1", "B2"]);
  });

  it("are none once the start has come, or for walk-ins and late arrivals", () => {
    const waiting = [
      ticket("B1", "2026-03-02T07:30:00Z", booked("2026-03-02T07:30:00Z")),
      ticket("A1", "2026-03-02T07:40:00Z"),
      ticket("L1", "2026-03-02T07:40:00Z", booked("2026-03-02T07:00:00Z", true)),
    ];
    expect(appointmentsNotYetDue(waiting, NOW)).toEqual([]);
  });
});
