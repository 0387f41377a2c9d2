import { describe, expect, it } from "vitest";
import { wallClock } from "../../src/modules/reports/export.ts";

/** The exports' times: an instant as the office's wall-clock time, read from the Date's UTC fields. */
const read = (timeZone: string, iso: string) => wallClock(timeZone)(iso).toISOString();

describe("wallClock", () => {
  it("gives the office's time to the second, milliseconds dropped", () => {
    expect(read("Europe/Moscow", "2026-11-18T06:00:02.073Z")).toBe("2026-11-18T09:00:02.000Z");
    expect(read("Europe/Moscow", "2026-11-18T21:30:59.999Z")).toBe("2026-11-19T00:30:59.000Z");
    expect(read("UTC", "2026-11-18T06:00:02.073Z")).toBe("2026-11-18T06:00:02.000Z");
    expect(read("Asia/Kolkata", "2026-11-18T06:00:00Z")).toBe("2026-11-18T11:30:00.000Z");
    expect(read("America/St_Johns", "2026-01-10T12:00:00Z")).toBe("2026-01-10T08:30:00.000Z");
  });

  it("follows a change of the offset to the second, in both directions, with one converter", () => {
    const berlin = wallClock("Europe/Berlin");
    const at = (iso: string) => berlin(iso).toISOString();
    // Summer time begins on 29 March 2026 at 01:00 UTC: 01:59:59 CET is followed by 03:00:00 CEST.
    expect(at("2026-03-29T00:59:59Z")).toBe("2026-03-29T01:59:59.000Z");
    expect(at("2026-03-29T01:00:00Z")).toBe("2026-03-29T03:00:00.000Z");
    // And ends on 25 October 2026 at 01:00 UTC: 02:59:59 CEST is followed by 02:00:00 CET.
    expect(at("2026-10-25T00:59:59Z")).toBe("2026-10-25T02:59:59.000Z");
    expect(at("2026-10-25T01:00:00Z")).toBe("2026-10-25T02:00:00.000Z");
    // Lord Howe Island moves by half an hour (+11 → +10:30) at 02:00 on 5 April 2026 (15:00 UTC the day before).
    const lordHowe = wallClock("Australia/Lord_Howe");
    expect(lordHowe("2026-04-04T14:59:59Z").toISOString()).toBe("2026-04-05T01:59:59.000Z");
    expect(lordHowe("2026-04-04T15:00:00Z").toISOString()).toBe("2026-04-05T01:30:00.000Z");
  });
});
