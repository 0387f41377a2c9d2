import type { OperatorState, Ticket } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { type AllowedActions, allowedActions } from "../src/features/operator/allowedActions.ts";
import { SingleFlight, sendThen } from "../src/features/operator/singleFlight.ts";

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

  it("at a workstation serving none of his services he may pause but not call", () => {
    expect(allowedActions(state("free"), false, false)).toEqual({ ...NOTHING, pause: true });
    expect(allowedActions(state("free"), false, true)).toEqual({ ...NOTHING, callNext: true, pause: true });
  });

  it("a watched workplace allows nothing", () => {
    for (const s of [state("free"), state("paused"), state("calling", "called"), state("serving", "serving")])
      expect(allowedActions(s, true)).toEqual(NOTHING);
  });
});

describe("one operator action at a time", () => {
  it("ignores a second action started before the first settles, and takes the next one after", async () => {
    const flight = new SingleFlight();
    let finish: () => void = () => {};
    let started = 0;
    const task = () => {
      started++;
      return new Promise<void>((resolve) => {
        finish = resolve;
      });
    };
    expect(flight.run(task)).toBe(true);
    expect(flight.run(task)).toBe(false);
    expect(flight.running).toBe(true);
    expect(started).toBe(1);
    finish();
    await Promise.resolve();
    await Promise.resolve();
    expect(flight.running).toBe(false);
    expect(flight.run(task)).toBe(true);
    expect(started).toBe(2);
  });

  it("is free again after a failed action", async () => {
    const flight = new SingleFlight();
    flight.run(() => Promise.reject(new Error("409")));
    expect(flight.running).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(flight.running).toBe(false);
  });
});

describe("sending an operator action", () => {
  it("sends it with or without a step after it, which gets the answer", async () => {
    const sent: string[] = [];
    await sendThen(async () => sent.push("call"));
    let answer: unknown = "none";
    await sendThen(
      async () => {
        sent.push("callNext");
        return undefined;
      },
      (a) => {
        answer = a;
      },
    );
    expect(sent).toEqual(["call", "callNext"]);
    expect(answer).toBeUndefined();
  });
});
