import { describe, expect, it } from "vitest";
import {
  addDays,
  daysOf,
  isDay,
  presetOf,
  presetPeriod,
  todayIn,
  weekdayOf,
} from "../src/features/admin/reports/period.ts";

describe("report periods", () => {
  it("accepts only real calendar days from the address", () => {
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2026-13-45")).toBe(false);
    expect(isDay("2026-1-05")).toBe(false);
    expect(isDay("yesterday")).toBe(false);
  });

  it("counts presets back from the office's today, both ends included", () => {
    expect(presetPeriod("today", "2026-03-01")).toEqual({ from: "2026-03-01", to: "2026-03-01" });
    expect(presetPeriod("yesterday", "2026-03-01")).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    expect(presetPeriod("week", "2026-03-01")).toEqual({ from: "2026-02-23", to: "2026-03-01" });
    expect(presetPeriod("twoWeeks", "2026-03-01")).toEqual({ from: "2026-02-16", to: "2026-03-01" });
    expect(presetOf({ from: "2026-02-16", to: "2026-03-01" }, "2026-03-01")).toBe("twoWeeks");
    expect(presetPeriod("month", "2026-03-01")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(presetPeriod("thisMonth", "2026-03-17")).toEqual({ from: "2026-03-01", to: "2026-03-17" });
    expect(presetPeriod("lastMonth", "2026-03-17")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(presetPeriod("year", "2026-12-31")).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(presetOf({ from: "2026-02-23", to: "2026-03-01" }, "2026-03-01")).toBe("week");
    expect(presetOf({ from: "2026-02-22", to: "2026-03-01" }, "2026-03-01")).toBeNull();
  });

  it("takes today in the office's timezone, not the browser's", () => {
    const lateEvening = new Date("2026-03-01T22:30:00Z");
    expect(todayIn("Europe/Moscow", lateEvening)).toBe("2026-03-02");
    expect(todayIn("America/New_York", lateEvening)).toBe("2026-03-01");
  });

  it("lists every day of a period across a month end and tells weekdays", () => {
    expect(daysOf("2026-02-27", "2026-03-02")).toEqual([
      "2026-02-27",
      "2026-02-28",
      "2026-03-01",
      "2026-03-02",
    ]);
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(weekdayOf("2026-11-23")).toBe(1);
    expect(weekdayOf("2026-11-29")).toBe(7);
  });
});
