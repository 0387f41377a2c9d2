import { describe, expect, it } from "vitest";
import { appointmentIcs, escapeText, foldLine, icsSequence } from "../../src/modules/appointments/ics.ts";
import { addDays, localToInstant, weekdayOf } from "../../src/modules/appointments/local-time.ts";
import {
  type DayRules,
  daySlots,
  horizon,
  openIntervals,
  upcomingSlots,
} from "../../src/modules/appointments/slots.ts";
import { maskEmail, maskPhone } from "../../src/modules/appointments/view.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const rules = (over: Partial<DayRules>): DayRules => ({
  date: "2026-03-03",
  timeZone: "Europe/Moscow",
  serviceHours: null,
  officeHours: { tue: [{ from: "09:00", to: "18:00" }] },
  slotMinutes: 15,
  blackoutDays: [],
  ...over,
});
const times = (r: DayRules) => daySlots(r).map((s) => `${iso(s.start)}–${iso(s.end)}`);

describe("local wall-clock time to an instant", () => {
  it("Moscow has no daylight saving: always UTC+3", () => {
    expect(iso(localToInstant("2026-03-03", 10 * 60, "Europe/Moscow"))).toBe("2026-03-03T07:00:00.000Z");
    expect(iso(localToInstant("2026-07-01", 0, "Europe/Moscow"))).toBe("2026-06-30T21:00:00.000Z");
    expect(iso(localToInstant("2026-03-03", 24 * 60, "Europe/Moscow"))).toBe("2026-03-03T21:00:00.000Z");
  });

  it("Berlin: CET before the last Sunday of March, CEST from 03:00 that day; 02:30 does not exist", () => {
    expect(iso(localToInstant("2026-03-28", 10 * 60, "Europe/Berlin"))).toBe("2026-03-28T09:00:00.000Z");
    expect(iso(localToInstant("2026-03-29", 60 + 59, "Europe/Berlin"))).toBe("2026-03-29T00:59:00.000Z");
    expect(localToInstant("2026-03-29", 2 * 60 + 30, "Europe/Berlin")).toBeNull();
    expect(iso(localToInstant("2026-03-29", 3 * 60, "Europe/Berlin"))).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(localToInstant("2026-03-29", 10 * 60, "Europe/Berlin"))).toBe("2026-03-29T08:00:00.000Z");
  });

  it("Berlin in October: 02:30 happens twice, the earlier is taken", () => {
    expect(iso(localToInstant("2026-10-25", 2 * 60 + 30, "Europe/Berlin"))).toBe("2026-10-25T00:30:00.000Z");
    expect(iso(localToInstant("2026-10-25", 10 * 60, "Europe/Berlin"))).toBe("2026-10-25T09:00:00.000Z");
  });

  it("calendar arithmetic", () => {
    expect(addDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(["2026-03-02", "2026-03-07", "2026-03-08"].map(weekdayOf)).toEqual(["mon", "sat", "sun"]);
    expect(horizon("2026-03-30", 3)).toEqual(["2026-03-30", "2026-03-31", "2026-04-01"]);
  });
});

describe("slots", () => {
  it("the service's and the office's hours intersect; either alone is the limit; neither: none", () => {
    const service = {
      tue: [
        { from: "08:00", to: "10:30" },
        { from: "12:00", to: "20:00" },
      ],
    };
    expect(openIntervals(rules({ serviceHours: service }))).toEqual([
      { from: 9 * 60, to: 10 * 60 + 30 },
      { from: 12 * 60, to: 18 * 60 },
    ]);
    expect(openIntervals(rules({ serviceHours: service, officeHours: null }))).toEqual([
      { from: 8 * 60, to: 10 * 60 + 30 },
      { from: 12 * 60, to: 20 * 60 },
    ]);
    expect(openIntervals(rules({ serviceHours: null, officeHours: null }))).toEqual([]);
    expect(openIntervals(rules({ serviceHours: { mon: [{ from: "09:00", to: "18:00" }] } }))).toEqual([]);
  });

  it("on the grid from each interval's start, each slot wholly inside it", () => {
    const r = rules({
      officeHours: {
        tue: [
          { from: "09:10", to: "10:00" },
          { from: "14:05", to: "14:50" },
        ],
      },
      slotMinutes: 20,
    });
    expect(times(r)).toEqual([
      "2026-03-03T06:10:00.000Z–2026-03-03T06:30:00.000Z",
      "2026-03-03T06:30:00.000Z–2026-03-03T06:50:00.000Z",
      "2026-03-03T11:05:00.000Z–2026-03-03T11:25:00.000Z",
      "2026-03-03T11:25:00.000Z–2026-03-03T11:45:00.000Z",
    ]);
    expect(daySlots(rules({}))).toHaveLength(36);
  });

  it("none on a blackout day; started ones are not upcoming", () => {
    expect(daySlots(rules({ blackoutDays: ["2026-03-03"] }))).toEqual([]);
    const all = daySlots(rules({}));
    expect(upcomingSlots(all, new Date("2026-03-03T06:00:00Z"))).toHaveLength(35);
    expect(upcomingSlots(all, new Date("2026-03-03T05:59:59Z"))).toHaveLength(36);
  });

  it("the spring DST day in Berlin: the wall clock stays on the grid, the gap offers nothing", () => {
    const sunday = { sun: [{ from: "01:00", to: "04:00" }] };
    const r = rules({ date: "2026-03-29", timeZone: "Europe/Berlin", officeHours: sunday, slotMinutes: 30 });
    expect(times(r)).toEqual([
      "2026-03-29T00:00:00.000Z–2026-03-29T00:30:00.000Z", // 01:00 CET
      // 01:30 would end at 02:00, and 02:00 and 02:30 start, in the hour the clocks skip
      "2026-03-29T01:00:00.000Z–2026-03-29T01:30:00.000Z", // 03:00 CEST
      "2026-03-29T01:30:00.000Z–2026-03-29T02:00:00.000Z", // 03:30 CEST
    ]);
    const day = rules({
      date: "2026-03-29",
      timeZone: "Europe/Berlin",
      officeHours: { sun: [{ from: "09:00", to: "10:00" }] },
    });
    expect(daySlots(day)[0]!.start.toISOString()).toBe("2026-03-29T07:00:00.000Z");
  });
});

describe("the calendar file and the masked phone", () => {
  it("escapes text and folds long lines at 75 octets", () => {
    expect(escapeText("a;b,c\\d\ne")).toBe("a\\;b\\,c\\\\d\\ne");
    const folded = foldLine(`DESCRIPTION:${"ж".repeat(60)}`);
    const parts = folded.split("\r\n");
    expect(parts.length).toBe(2);
    expect(Buffer.byteLength(parts[0]!)).toBeLessThanOrEqual(75);
    expect(parts[1]!.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(`DESCRIPTION:${"ж".repeat(60)}`);
  });

  const event = {
    code: "k7qm4xpa",
    start: new Date("2026-03-03T07:00:00Z"),
    end: new Date("2026-03-03T07:15:00Z"),
    stamp: new Date("2026-03-02T06:00:00.123Z"),
    sequence: 0,
    cancelled: false,
    summary: "Buy",
    location: "Office",
    description: "Code K7QM-4XPA\nhttps://q.example.org/b/k7qm4xpa",
    url: "https://q.example.org/b/k7qm4xpa",
  };

  it("one confirmed event with its sequence, stamp, link and times in UTC", () => {
    expect(appointmentIcs(event)).toBe(
      [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//DigitalQueue//Appointments//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        "UID:k7qm4xpa@digitalqueue",
        "SEQUENCE:0",
        "DTSTAMP:20260302T060000Z",
        "DTSTART:20260303T070000Z",
        "DTEND:20260303T071500Z",
        "STATUS:CONFIRMED",
        "SUMMARY:Buy",
        "LOCATION:Office",
        "DESCRIPTION:Code K7QM-4XPA\\nhttps://q.example.org/b/k7qm4xpa",
        "URL:https://q.example.org/b/k7qm4xpa",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
      ].join("\r\n"),
    );
  });

  it("a cancelled appointment cancels the event: METHOD:CANCEL, STATUS:CANCELLED", () => {
    const ics = appointmentIcs({ ...event, sequence: 90, cancelled: true });
    expect(ics).toContain("\r\nMETHOD:CANCEL\r\n");
    expect(ics).toContain("\r\nSEQUENCE:90\r\n");
    expect(ics).toContain("\r\nSTATUS:CANCELLED\r\n");
    expect(ics).not.toContain("PUBLISH");
    expect(ics).not.toContain("CONFIRMED");
  });

  it("the sequence: whole seconds from the booking to its last change, never below 0", () => {
    const created = new Date("2026-03-02T06:00:00.900Z");
    expect(icsSequence(created, created)).toBe(0);
    expect(icsSequence(created, new Date("2026-03-02T06:00:01.899Z"))).toBe(0);
    expect(icsSequence(created, new Date("2026-03-02T06:00:01.900Z"))).toBe(1);
    expect(icsSequence(created, new Date("2026-03-02T07:00:00.900Z"))).toBe(3600);
    expect(icsSequence(created, new Date("2026-03-02T06:00:00Z"))).toBe(0);
  });

  it("masks all but the country code and the last four digits", () => {
    expect(maskPhone("+79123456789")).toBe("+7 *** ***-67-89");
    expect(maskPhone("+12025550143")).toBe("+1 *** ***-01-43");
    expect(maskPhone(null)).toBeNull();
  });

  it("shows only the last four digits where the country code's length is unknown", () => {
    // +375 (Belarus): not "+37 …", which would be another country's code.
    expect(maskPhone("+375291234567")).toBe("+*** ***-45-67");
    expect(maskPhone("+4915112345678")).toBe("+*** ***-56-78");
  });

  it("masks an e-mail address to its first letter and its domain", () => {
    expect(maskEmail("ivan.petrov@mail.ru")).toBe("i***@mail.ru");
    expect(maskEmail(null)).toBeNull();
  });
});
