import { describe, expect, it } from "vitest";
import { firingConditions, type OfficeState } from "../../src/modules/alerts/conditions.ts";
import { retryDelayMs } from "../../src/modules/alerts/delivery.ts";
import { type OpenAlert, planAlerts } from "../../src/modules/alerts/lifecycle.ts";
import { alertMessage } from "../../src/modules/alerts/messages.ts";
import { channelsOf } from "../../src/modules/alerts/repository.ts";

const office: OfficeState = {
  services: [
    { id: "1", name: "Buy", waiting: 3, longestWaitSeconds: 600, longestTicketLabel: "A001", servers: 1 },
    { id: "2", name: "Refund", waiting: 0, longestWaitSeconds: 0, longestTicketLabel: null, servers: 0 },
    {
      id: "3",
      name: "Corporate",
      waiting: 1,
      longestWaitSeconds: 30,
      longestTicketLabel: "K001",
      servers: 0,
    },
  ],
  pauses: [
    {
      employeeId: "7",
      employeeName: "Anna",
      workstation: "Window 1",
      reason: "Lunch",
      seconds: 1800,
      serviceIds: ["1"],
    },
  ],
};

describe("firingConditions", () => {
  const fire = (kind: any, threshold: number, serviceId: string | null = null) =>
    firingConditions([{ id: "r", kind, threshold, serviceId }], office).map((f) => [f.subject, f.value]);

  it("wait time: strictly more than the threshold, per service", () => {
    expect(fire("wait_time", 10)).toEqual([]);
    expect(fire("wait_time", 9.99)).toEqual([["service:1", 600]]);
    expect(fire("wait_time", 0.1)).toEqual([
      ["service:1", 600],
      ["service:3", 30],
    ]);
    expect(fire("wait_time", 0.1, "3")).toEqual([["service:3", 30]]);
  });

  it("queue length: more than N waiting", () => {
    expect(fire("queue_length", 3)).toEqual([]);
    expect(fire("queue_length", 2)).toEqual([["service:1", 3]]);
    expect(fire("queue_length", 0)).toEqual([
      ["service:1", 3],
      ["service:3", 1],
    ]);
  });

  it("no operator: someone waits more than N minutes and nobody can serve; 0 fires at once", () => {
    expect(fire("no_operator", 0)).toEqual([["service:3", 30]]);
    expect(fire("no_operator", 0.4)).toEqual([["service:3", 30]]);
    expect(fire("no_operator", 0.5)).toEqual([]);
  });

  it("long pause: per operator, only those competent for the rule's service", () => {
    expect(fire("long_pause", 30)).toEqual([]);
    expect(fire("long_pause", 29)).toEqual([["employee:7", 1800]]);
    expect(fire("long_pause", 29, "3")).toEqual([]);
  });
});

describe("planAlerts", () => {
  const t0 = new Date("2026-03-02T09:00:00Z");
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  const rule = { id: "r", cooldownMinutes: 10, escalationAfterMinutes: 20 };
  const firing = {
    ruleId: "r",
    subject: "service:1",
    serviceId: "1",
    employeeId: null,
    value: 700,
    details: {},
  };
  const open = (o: Partial<OpenAlert> = {}): OpenAlert => ({
    id: "a",
    ruleId: "r",
    subject: "service:1",
    openedAt: t0,
    peakValue: 650,
    nextNotifyAt: at(10),
    lastNotifiedAt: t0,
    escalatedAt: null,
    acknowledgedAt: null,
    ...o,
  });
  const plan = (
    now: Date,
    openAlerts: OpenAlert[],
    fires = [firing],
    lastNotified = new Map<string, Date>(),
  ) => planAlerts({ now, rules: [rule], open: openAlerts, firing: fires, lastNotified });

  it("opens and tells at once when nothing was said lately", () => {
    expect(plan(t0, []).open).toEqual([{ firing, notifyNow: true, nextNotifyAt: at(10) }]);
  });

  it("opens quietly within the cooldown of the last message, and tells when it passes", () => {
    const last = new Map([["r\u0000service:1", at(-4)]]);
    expect(plan(t0, [], [firing], last).open).toEqual([{ firing, notifyNow: false, nextNotifyAt: at(6) }]);
    const quiet = open({ lastNotifiedAt: null, nextNotifyAt: at(6) });
    expect(plan(at(5), [quiet]).notify).toEqual([]);
    expect(plan(at(6), [quiet]).notify).toEqual([{ alertId: "a", event: "opened", nextNotifyAt: at(16) }]);
  });

  it("reminds once per cooldown and escalates once, until acknowledged", () => {
    expect(plan(at(9), [open()]).notify).toEqual([]);
    expect(plan(at(10), [open()]).notify).toEqual([
      { alertId: "a", event: "reminder", nextNotifyAt: at(20) },
    ]);
    expect(plan(at(19), [open()]).escalate).toEqual([]);
    expect(plan(at(20), [open()]).escalate).toEqual([{ alertId: "a" }]);
    expect(plan(at(25), [open({ escalatedAt: at(20) })]).escalate).toEqual([]);
    const acked = plan(at(30), [open({ acknowledgedAt: at(1) })]);
    expect([acked.notify, acked.escalate]).toEqual([[], []]);
    expect(acked.measure).toEqual([{ alertId: "a", peakValue: 700 }]);
    expect(plan(at(31), [open({ peakValue: 800 })]).measure).toEqual([]);
  });

  it("resolves when the condition clears or the rule is gone; tells only if it told before", () => {
    expect(plan(at(3), [open()], []).resolve).toEqual([{ alertId: "a", notify: true, reason: "cleared" }]);
    expect(plan(at(3), [open({ lastNotifiedAt: null })], []).resolve).toEqual([
      { alertId: "a", notify: false, reason: "cleared" },
    ]);
    const gone = planAlerts({ now: at(3), rules: [], open: [open()], firing: [], lastNotified: new Map() });
    expect(gone.resolve).toEqual([{ alertId: "a", notify: true, reason: "rule_inactive" }]);
  });
});

describe("channelsOf", () => {
  it("tells each recipient once, even when the escalation names it again", () => {
    const duty = { type: "email" as const, to: "Duty@office.test" };
    const rule = {
      channels: [{ type: "in_app" as const }, duty],
      escalation: {
        afterMinutes: 5,
        channels: [
          { type: "email" as const, to: "duty@office.test" },
          { type: "telegram" as const, chatId: "1" },
        ],
      },
    };
    expect(channelsOf(rule, false)).toEqual([{ type: "in_app" }, duty]);
    expect(channelsOf(rule, true)).toEqual([{ type: "in_app" }, duty, { type: "telegram", chatId: "1" }]);
  });
});

describe("messages and retries", () => {
  it("English texts; durations to the second", () => {
    const m = alertMessage(
      {
        kind: "long_pause",
        branchName: "Central",
        serviceName: null,
        employeeName: "Anna",
        threshold: 15.5,
        value: 1000,
        peakValue: 1000,
        details: { pauseReason: "Lunch", workstation: "Window 1" },
        openedAt: new Date("2026-03-02T09:00:00Z"),
      },
      "opened",
      "en",
      new Date("2026-03-02T09:00:00Z"),
    );
    expect(m).toEqual({
      title: "Long pause: Anna",
      text: 'Central\nLong pause: Anna\nAnna (Window 1) has been on pause "Lunch" for 16 min 40 s (limit 15.5 min).',
    });
  });

  it("backs off 30 s, 1, 2, 4 … minutes up to an hour", () => {
    expect([1, 2, 3, 4, 8, 9, 10].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });
});
