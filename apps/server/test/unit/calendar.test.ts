import { describe, expect, it } from "vitest";
import {
  businessDay,
  closingToday,
  isOpenAt,
  localTime,
  nextOpening,
  zonedIso,
} from "../../src/queue/calendar.ts";
import { newTicketCode } from "../../src/queue/codes.ts";
import { legacyEstimate } from "../../src/queue/wait-range.ts";

describe("business day and local time", () => {
  it("uses the branch timezone, not UTC", () => {
    // 2026-03-02 23:30 in Moscow (UTC+3) is still 20:30 UTC
    expect(businessDay(new Date("2026-03-02T20:30:00Z"), "Europe/Moscow")).toBe("2026-03-02");
    expect(businessDay(new Date("2026-03-02T21:00:00Z"), "Europe/Moscow")).toBe("2026-03-03");
    expect(businessDay(new Date("2026-03-02T21:00:00Z"), "UTC")).toBe("2026-03-02");
    expect(businessDay(new Date("2026-03-02T13:00:00Z"), "Asia/Vladivostok")).toBe("2026-03-02");
    expect(businessDay(new Date("2026-03-02T14:00:00Z"), "Asia/Vladivostok")).toBe("2026-03-03");
  });

  it("handles daylight saving changes (Berlin, last Sunday of March)", () => {
    expect(localTime(new Date("2026-03-29T00:30:00Z"), "Europe/Berlin")).toEqual({
      day: "2026-03-29",
      weekday: "sun",
      minutes: 90,
    });
    expect(localTime(new Date("2026-03-29T01:30:00Z"), "Europe/Berlin")).toEqual({
      day: "2026-03-29",
      weekday: "sun",
      minutes: 210,
    });
  });

  it("knows the weekday and minute", () => {
    expect(localTime(new Date("2026-03-02T06:05:00Z"), "Europe/Moscow")).toEqual({
      day: "2026-03-02",
      weekday: "mon",
      minutes: 9 * 60 + 5,
    });
  });
});

describe("opening hours", () => {
  const schedule = {
    mon: [
      { from: "09:00", to: "13:00" },
      { from: "14:00", to: "18:00" },
    ],
    sat: [{ from: "10:00", to: "24:00" }],
  };
  const moscow = (iso: string) => new Date(`${iso}+03:00`);

  it("is open inside an interval, closed at its end and on other days", () => {
    expect(isOpenAt(schedule, moscow("2026-03-02T09:00:00"), "Europe/Moscow")).toBe(true);
    expect(isOpenAt(schedule, moscow("2026-03-02T08:59:00"), "Europe/Moscow")).toBe(false);
    expect(isOpenAt(schedule, moscow("2026-03-02T13:00:00"), "Europe/Moscow")).toBe(false);
    expect(isOpenAt(schedule, moscow("2026-03-02T14:30:00"), "Europe/Moscow")).toBe(true);
    expect(isOpenAt(schedule, moscow("2026-03-03T10:00:00"), "Europe/Moscow")).toBe(false);
    expect(isOpenAt(schedule, moscow("2026-03-07T23:59:00"), "Europe/Moscow")).toBe(true);
  });

  it("without a schedule is always open", () => {
    expect(isOpenAt(null, new Date(), "Europe/Moscow")).toBe(true);
  });
});

describe("labels, codes and estimates", () => {
  it("makes 8-character codes without look-alike symbols, all different, using the whole alphabet", () => {
    const codes = new Set(Array.from({ length: 5000 }, newTicketCode));
    expect(codes.size).toBe(5000);
    for (const c of codes) expect(c).toMatch(/^[a-km-np-z2-9]{8}$/);
    expect(new Set([...codes].join("")).size).toBe(32);
  });

  it("estimates a range around (position + ½) services per server", () => {
    expect(legacyEstimate({ position: 0, averageServiceMinutes: 10, servers: 1 })).toEqual({
      minMinutes: 3,
      maxMinutes: 7,
      expectedMinutes: 5,
    });
    expect(legacyEstimate({ position: 4, averageServiceMinutes: 10, servers: 2 })).toEqual({
      minMinutes: 15,
      maxMinutes: 30,
      expectedMinutes: 22.5,
    });
    expect(legacyEstimate({ position: 3, averageServiceMinutes: 6, servers: 0 })).toEqual({
      minMinutes: 14,
      maxMinutes: 28,
      expectedMinutes: 21,
    });
  });
});

describe("next opening", () => {
  const schedule = {
    mon: [
      { from: "09:00", to: "13:00" },
      { from: "14:00", to: "18:00" },
    ],
    tue: [{ from: "09:00", to: "18:00" }],
  };
  // 2026-03-02 is a Monday; Moscow is UTC+3.
  it("names the next interval today, tomorrow or later in the week", () => {
    expect(nextOpening(schedule, new Date("2026-03-02T04:00:00Z"), "Europe/Moscow")).toEqual({
      inDays: 0,
      time: "09:00",
    });
    expect(nextOpening(schedule, new Date("2026-03-02T10:30:00Z"), "Europe/Moscow")).toEqual({
      inDays: 0,
      time: "14:00",
    });
    expect(nextOpening(schedule, new Date("2026-03-02T16:00:00Z"), "Europe/Moscow")).toEqual({
      inDays: 1,
      time: "09:00",
    });
    expect(nextOpening(schedule, new Date("2026-03-03T16:00:00Z"), "Europe/Moscow")).toEqual({
      inDays: 6,
      time: "09:00",
    });
  });
  it("is null while open, without a schedule, or for a schedule with no hours", () => {
    expect(nextOpening(schedule, new Date("2026-03-02T07:00:00Z"), "Europe/Moscow")).toBeNull();
    expect(nextOpening(null, new Date(), "Europe/Moscow")).toBeNull();
    expect(nextOpening({}, new Date(), "Europe/Moscow")).toBeNull();
  });
});

describe("times in the office's timezone", () => {
  it("writes an instant with the office's offset, summer and winter", () => {
    expect(zonedIso(new Date("2026-12-05T11:35:07.900Z"), "Europe/Moscow")).toBe("2026-12-05T14:35:07+03:00");
    expect(zonedIso(new Date("2026-01-15T03:00:00Z"), "America/New_York")).toBe("2026-01-14T22:00:00-05:00");
    expect(zonedIso(new Date("2026-07-15T03:00:00Z"), "America/New_York")).toBe("2026-07-14T23:00:00-04:00");
    expect(zonedIso(new Date("2026-07-15T03:00:00Z"), "Asia/Kolkata")).toBe("2026-07-15T08:30:00+05:30");
  });

  it("tells when today's opening interval ends, and nothing when closed or without hours", () => {
    const schedule = {
      sat: [
        { from: "09:00", to: "13:00" },
        { from: "14:00", to: "17:30" },
      ],
    };
    // Saturday 5 December 2026, 15:10 in Moscow.
    const at = new Date("2026-12-05T12:10:20Z");
    expect(closingToday(schedule, at, "Europe/Moscow")?.toISOString()).toBe("2026-12-05T14:30:00.000Z");
    expect(closingToday(schedule, new Date("2026-12-05T10:30:00Z"), "Europe/Moscow")).toBeNull();
    expect(closingToday(null, at, "Europe/Moscow")).toBeNull();
  });
});
