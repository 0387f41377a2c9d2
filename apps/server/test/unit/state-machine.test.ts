import { TICKET_STATUSES, type TicketStatus } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../src/core/errors.ts";
import { canTransition, type TicketAction, transition } from "../../src/queue/state-machine.ts";

// The lifecycle of docs/PRODUCT.md §3, written out as a table: anything not listed must be refused.
const ALLOWED: Record<TicketAction, Partial<Record<TicketStatus, TicketStatus>>> = {
  call: { waiting: "called" },
  recall: { called: "called" },
  start: { called: "serving" },
  noShow: { called: "no_show" },
  undoNoShow: { no_show: "called" },
  finish: { serving: "served" },
  return: { called: "waiting" },
  redirect: { serving: "waiting" },
  cancel: { waiting: "cancelled" },
  update: { waiting: "waiting" },
};

describe("ticket state machine", () => {
  for (const [action, table] of Object.entries(ALLOWED) as [
    TicketAction,
    Partial<Record<TicketStatus, TicketStatus>>,
  ][]) {
    for (const status of TICKET_STATUSES) {
      const expected = table[status];
      it(`${action} from ${status} → ${expected ?? "409"}`, () => {
        expect(canTransition(status, action)).toBe(expected !== undefined);
        if (expected) {
          expect(transition(status, action)).toBe(expected);
        } else {
          let error: unknown;
          try {
            transition(status, action);
          } catch (e) {
            error = e;
          }
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).status).toBe(409);
          expect((error as DomainError).code).toBe("invalid_transition");
          expect((error as DomainError).message).toContain(status);
        }
      });
    }
  }

  it("final states allow nothing (but a no-show's short-lived undo)", () => {
    for (const status of ["served", "no_show", "cancelled"] as const) {
      for (const action of Object.keys(ALLOWED) as TicketAction[])
        expect(canTransition(status, action)).toBe(status === "no_show" && action === "undoNoShow");
    }
  });
});
