import { visitorNotificationSettingsSchema } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { decide, decideOnSubscribe, type TicketState } from "../../src/modules/notifications/decide.ts";

const settings = visitorNotificationSettingsSchema.parse({});
const now = new Date("2026-03-02T09:00:00Z");
const min = (m: number) => new Date(now.getTime() + m * 60_000);
const waiting = (position: number, expectedCallAt: Date | null = null): TicketState => ({
  status: "waiting",
  segment: 1,
  callCount: 0,
  position,
  expectedCallAt,
});
const ticket = (t: TicketState, queued: string[] = []) =>
  decide({ ticket: t, appointment: null }, settings, new Set(queued), now);

describe("decide: a ticket", () => {
  it("approaching at 3 ahead or 10 minutes away, once per segment", () => {
    expect(ticket(waiting(4, min(11)))).toEqual([]);
    expect(ticket(waiting(3))).toEqual([{ event: "approaching", dedupeKey: "approaching:1", send: true }]);
    expect(ticket(waiting(9, min(10)))).toEqual([
      { event: "approaching", dedupeKey: "approaching:1", send: true },
    ]);
    expect(ticket(waiting(2), ["approaching:1"])).toEqual([]);
  });

  it("called once per segment; recalled per call count; called covers approaching and the repeat", () => {
    const called = {
      status: "called" as const,
      segment: 1,
      callCount: 1,
      position: null,
      expectedCallAt: null,
    };
    expect(ticket(called)).toEqual([
      { event: "called", dedupeKey: "called:1", send: true },
      { event: "approaching", dedupeKey: "approaching:1", send: false },
    ]);
    expect(ticket(called, ["called:1", "approaching:1"])).toEqual([]);
    expect(ticket({ ...called, callCount: 3 }, ["called:1"])).toEqual([
      { event: "recalled", dedupeKey: "recalled:1:3", send: true },
    ]);
  });

  it("redirected once per segment, saying what approaching would when already close", () => {
    expect(ticket({ ...waiting(1), segment: 2 }, ["approaching:1", "called:1"])).toEqual([
      { event: "redirected", dedupeKey: "redirected:2", send: true },
      { event: "approaching", dedupeKey: "approaching:2", send: false },
    ]);
    expect(ticket({ ...waiting(8), segment: 2 }, ["redirected:2"])).toEqual([]);
  });

  it("finished once when served; nothing for serving, no-show or cancelled", () => {
    const served = {
      status: "served" as const,
      segment: 1,
      callCount: 1,
      position: null,
      expectedCallAt: null,
    };
    expect(ticket(served)).toEqual([{ event: "finished", dedupeKey: "finished", send: true }]);
    expect(ticket(served, ["finished"])).toEqual([]);
    for (const status of ["serving", "no_show", "cancelled"] as const)
      expect(ticket({ ...served, status })).toEqual([]);
  });

  it("on subscribing: joined, and approaching held back when already that close", () => {
    expect(decideOnSubscribe({ ticket: waiting(5), appointment: null }, settings, now)).toEqual([
      { event: "joined", dedupeKey: "joined", send: true },
    ]);
    expect(decideOnSubscribe({ ticket: waiting(2), appointment: null }, settings, now)).toEqual([
      { event: "joined", dedupeKey: "joined", send: true },
      { event: "approaching", dedupeKey: "approaching:1", send: false },
    ]);
  });
});

describe("decide: appointment reminders", () => {
  const start = new Date("2026-03-03T10:00:00Z");
  const at = (iso: string, subscribedAt = new Date("2026-03-01T10:00:00Z"), queued: string[] = []) =>
    decide(
      { ticket: null, appointment: { status: "booked", startsAt: start, subscribedAt } },
      settings,
      new Set(queued),
      new Date(iso),
    );

  it("a day before, then an hour before, each once", () => {
    expect(at("2026-03-02T09:59:59Z")).toEqual([]);
    expect(at("2026-03-02T10:00:00Z")).toEqual([
      { event: "reminder_day", dedupeKey: "reminder_day", send: true },
    ]);
    expect(at("2026-03-02T12:00:00Z", undefined, ["reminder_day"])).toEqual([]);
    expect(at("2026-03-03T09:00:00Z", undefined, ["reminder_day"])).toEqual([
      { event: "reminder_hour", dedupeKey: "reminder_hour", send: true },
    ]);
    expect(at("2026-03-03T10:00:00Z")).toEqual([]);
  });

  it("not the day reminder when booked within the day, nor late after a pause", () => {
    const booked = new Date("2026-03-02T18:00:00Z");
    expect(at("2026-03-02T18:00:00Z", booked)).toEqual([
      { event: "reminder_day", dedupeKey: "reminder_day", send: false },
    ]);
    expect(at("2026-03-03T09:30:00Z")).toEqual([
      { event: "reminder_day", dedupeKey: "reminder_day", send: false },
      { event: "reminder_hour", dedupeKey: "reminder_hour", send: true },
    ]);
  });

  it("nothing for a cancelled appointment", () => {
    expect(
      decide(
        { ticket: null, appointment: { status: "cancelled", startsAt: start, subscribedAt: now } },
        settings,
        new Set(),
        new Date("2026-03-03T09:30:00Z"),
      ),
    ).toEqual([]);
  });
});
