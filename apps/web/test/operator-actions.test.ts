import type { OperatorState, Ticket } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { type AllowedActions, allowedActions } from "../src/features/operator/allowedActions.ts";

const NOTHING: AllowedActions = {
  callNext: false,
  pause: false,
  resume: false,
  recall: false,
  start: false,
  noShow: false,
  returnToQueue: false,
  finish: false,
  redirect: false,
};

function state(status: OperatorState["status"], ticketStatus?: Ticket["status"]): OperatorState {
  return {
    employee: { id: "e1", name: "Анна" },
    workstation: { id: "w1", name: "Окно 1", number: "1" },
    status,
    pauseReason: null,
    since: null,
    ticket: ticketStatus ? ({ id: "t1", status: ticketStatus } as Ticket) : null,
  };
}

describe("the operator's allowed actions", () => {
  it("a free workplace may call the next client or pause", () => {
    expect(allowedActions(state("free"), false)).toEqual({ ...NOTHING, callNext: true, pause: true });
  });

  it("a paused one may only resume", () => {
    expect(allowedActions(state("paused"), false)).toEqual({ ...NOTHING, resume: true });
  });

  it("a called client may be started, recalled, marked no-show or returned to the queue", () => {
    expect(allowedActions(state("calling", "called"), false)).toEqual({
      ...NOTHING,
      recall: true,
      start: true,
      noShow: true,
      returnToQueue: true,
    });
  });

  it("a client being served may be finished or redirected", () => {
    expect(allowedActions(state("serving", "serving"), false)).toEqual({
      ...NOTHING,
      finish: true,
      redirect: true,
    });
  });

  it("a watched workplace allows nothing", () => {
    for (const s of [state("free"), state("paused"), state("calling", "called"), state("serving", "serving")])
      expect(allowedActions(s, true)).toEqual(NOTHING);
  });
});
