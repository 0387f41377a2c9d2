import { describe, expect, it } from "vitest";
import { TICKET_STATUSES, type TicketStatus } from "../src/schemas/tickets.ts";
import { canTransition, TICKET_TRANSITIONS, type TicketAction } from "../src/ticket-lifecycle.ts";

// The lifecycle of docs/PRODUCT.md §3 written out by hand: each action, the one state it is
// allowed from and the state it leads to. Anything not listed must be refused.
const EXPECTED: Record<TicketAction, { from: TicketStatus[]; to: TicketStatus }> = {
  call: { from: ["waiting"], to: "called" },
  recall: { from: ["called"], to: "called" },
  start: { from: ["called"], to: "serving" },
  noShow: { from: ["called"], to: "no_show" },
  finish: { from: ["serving"], to: "served" },
  return: { from: ["called"], to: "waiting" },
  redirect: { from: ["serving"], to: "waiting" },
  cancel: { from: ["waiting"], to: "cancelled" },
  update: { from: ["waiting"], to: "waiting" },
  // Within NO_SHOW_UNDO_SECONDS, by the same operator: the server checks the rest.
  undoNoShow: { from: ["no_show"], to: "called" },
};

describe("ticket lifecycle", () => {
  it("has exactly these actions, each with exactly these source states and target", () => {
    expect(TICKET_TRANSITIONS).toEqual(EXPECTED);
  });

  for (const action of Object.keys(EXPECTED) as TicketAction[]) {
    it(`${action} is allowed from exactly ${EXPECTED[action].from.join(", ")}`, () => {
      const allowed = TICKET_STATUSES.filter((status) => canTransition(status, action));
      expect(allowed).toEqual(EXPECTED[action].from);
    });
  }

  it("an operator's called ticket can be started, recalled, marked no-show or returned; nothing else", () => {
    const actions = (Object.keys(EXPECTED) as TicketAction[]).filter((a) => canTransition("called", a));
    expect(actions).toEqual(["recall", "start", "noShow", "return"]);
  });

  it("a ticket being served can be finished or redirected; nothing else", () => {
    const actions = (Object.keys(EXPECTED) as TicketAction[]).filter((a) => canTransition("serving", a));
    expect(actions).toEqual(["finish", "redirect"]);
  });

  it("final states allow nothing, but a no-show may be undone", () => {
    for (const status of ["served", "cancelled"] as const) {
      for (const action of Object.keys(EXPECTED) as TicketAction[])
        expect(canTransition(status, action)).toBe(false);
    }
    const fromNoShow = (Object.keys(EXPECTED) as TicketAction[]).filter((a) => canTransition("no_show", a));
    expect(fromNoShow).toEqual(["undoNoShow"]);
  });
});
