import type { Ticket } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { awaitingArrivalLabels, awaitsArrival } from "../src/features/operator/nobody-callable.ts";

function ticket(label: string, arrivalRequired: boolean, arrivedAt: string | null): Ticket {
  return {
    id: label,
    label,
    source: arrivalRequired ? "remote" : "kiosk",
    arrivalRequired,
    arrivedAt,
  } as Ticket;
}

describe("remote tickets call next passes over", () => {
  it("are those that must check in and have not yet, in queue order", () => {
    const waiting = [
      ticket("A001", false, null),
      ticket("R002", true, null),
      ticket("R003", true, "2026-03-02T07:20:00Z"),
      ticket("R001", true, null),
    ];
    expect(awaitingArrivalLabels(waiting)).toEqual(["R002", "R001"]);
  });

  it("are none once the visitor has said he is here, or when no check-in is asked", () => {
    expect(awaitsArrival(ticket("R003", true, "2026-03-02T07:20:00Z"))).toBe(false);
    expect(awaitsArrival(ticket("A001", false, null))).toBe(false);
    expect(awaitsArrival(ticket("R001", true, null))).toBe(true);
  });
});
