import { describe, expect, it } from "vitest";
import { type TakingFacts, takingRefusal, takingState } from "../../src/queue/taking-tickets.ts";

/** Whether a service takes a ticket now: what the kiosk shows and what issuing refuses with. */

// Monday 2 March 2026, 10:00 in Moscow.
const monday10 = new Date("2026-03-02T07:00:00Z");
const zone = "Europe/Moscow";
const open: TakingFacts = {
  name: "Паспорт",
  is_group: false,
  active: true,
  accepting_tickets: true,
  schedule: { mon: [{ from: "09:00", to: "13:00" }] },
  daily_limit: 50,
};

describe("takingState", () => {
  it("is open in opening hours below the daily limit, and when the count is not known", () => {
    expect(takingState(open, 49, monday10, zone)).toBe("open");
    expect(takingState(open, null, monday10, zone)).toBe("open");
    expect(takingState({ ...open, daily_limit: null }, 10_000, monday10, zone)).toBe("open");
  });

  it("says why not, in order: closed, then outside hours, then the limit", () => {
    const closedLate = {
      ...open,
      accepting_tickets: false,
      schedule: { tue: [{ from: "09:00", to: "10:00" }] },
    };
    expect(takingState(closedLate, 50, monday10, zone)).toBe("closed");
    expect(takingState({ ...open, active: false }, 0, monday10, zone)).toBe("closed");
    expect(takingState(open, 50, new Date("2026-03-02T10:00:00Z"), zone)).toBe("outside_hours");
    expect(takingState(open, 50, monday10, zone)).toBe("limit_reached");
    expect(takingState(open, 51, monday10, zone)).toBe("limit_reached");
  });

  it("shows a group as open whatever its own flags", () => {
    expect(takingState({ ...open, is_group: true, accepting_tickets: false }, 99, monday10, zone)).toBe(
      "open",
    );
  });
});

describe("takingRefusal", () => {
  it("is null when the service takes a ticket", () => {
    expect(takingRefusal(open, 0, monday10, zone)).toBeNull();
  });

  it("answers each state with its error code, message and details", () => {
    const refusal = (facts: TakingFacts, issued: number | null, at = monday10) => {
      const e = takingRefusal(facts, issued, at, zone)!;
      return { status: e.status, code: e.code, message: e.message, details: e.details };
    };
    expect(refusal({ ...open, accepting_tickets: false }, 0)).toEqual({
      status: 422,
      code: "service_closed",
      message: "the service «Паспорт» is not taking tickets now",
      details: undefined,
    });
    expect(refusal(open, 0, new Date("2026-03-02T10:00:00Z"))).toEqual({
      status: 422,
      code: "outside_opening_hours",
      message: "the service «Паспорт» is closed at this hour",
      details: { schedule: open.schedule },
    });
    expect(refusal(open, 50)).toEqual({
      status: 422,
      code: "daily_limit_reached",
      message: "the daily limit of «Паспорт» has been reached",
      details: { dailyLimit: 50 },
    });
  });
});
