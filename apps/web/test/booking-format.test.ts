import { describe, expect, it } from "vitest";
import { ApiError } from "../src/app/api.ts";
import { bookingFailure, resendDelayMs, shouldResend } from "../src/features/booking/booking-errors.ts";
import {
  clockOf,
  dayChip,
  dayOf,
  longDay,
  nextDay,
  officeToday,
  whenText,
} from "../src/features/booking/office-time.ts";

describe("appointment times on the office's wall clock", () => {
  it("reads the time by the office's zone, or by the offset the server wrote when the zone is not known", () => {
    const start = "2026-12-08T10:30:00+03:00";
    expect(clockOf(start, "ru", "Europe/Moscow")).toBe("10:30");
    expect(clockOf(start, "en")).toBe("10:30");
    expect(clockOf("2026-12-08T23:45:00-05:00", "en")).toBe("23:45");
    expect(clockOf("2026-12-08T07:30:00Z", "ru", "Asia/Yekaterinburg")).toBe("12:30");
  });

  it("keeps an appointment late in the evening on its own day, whatever zone formats it", () => {
    expect(dayOf("2026-12-08T23:45:00+03:00")).toBe("2026-12-08");
    expect(dayOf("2026-12-08T23:45:00+03:00", "Europe/Moscow")).toBe("2026-12-08");
    expect(dayOf("2026-12-08T23:45:00+03:00", "UTC")).toBe("2026-12-08");
    expect(dayOf("2026-12-09T00:15:00+03:00", "UTC")).toBe("2026-12-08");
    expect(dayOf("2026-12-09T00:15:00+03:00")).toBe("2026-12-09");
  });

  it("crosses a DST change by the zone's rules, not by adding hours", () => {
    // Berlin leaves summer time on 25 October 2026 at 03:00 CEST.
    expect(clockOf("2026-10-25T00:30:00Z", "en", "Europe/Berlin")).toBe("02:30");
    expect(clockOf("2026-10-25T01:30:00Z", "en", "Europe/Berlin")).toBe("02:30");
    expect(clockOf("2026-10-25T02:30:00Z", "en", "Europe/Berlin")).toBe("03:30");
    expect(nextDay("2026-10-25")).toBe("2026-10-26");
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
  });

  it("takes today from the office's zone", () => {
    const now = new Date("2026-12-08T22:30:00Z");
    expect(officeToday("Europe/Moscow", now)).toBe("2026-12-09");
    expect(officeToday("America/New_York", now)).toBe("2026-12-08");
  });

  it("writes days and the appointment's time in Russian and English", () => {
    expect(dayChip("2026-12-08", "ru")).toEqual({ weekday: "вт", date: "8 дек." });
    expect(dayChip("2026-12-08", "en")).toEqual({ weekday: "Tue", date: "8 Dec" });
    expect(longDay("2026-12-08", "ru")).toBe("вторник, 8 декабря");
    expect(whenText("2026-12-08T10:30:00+03:00", "2026-12-08T10:45:00+03:00", "ru")).toBe(
      "вторник, 8 декабря, 10:30\u2060–\u206010:45",
    );
    expect(whenText("2026-12-08T10:30:00+03:00", "2026-12-08T10:45:00+03:00", "en", "Europe/Moscow")).toBe(
      "Tuesday 8 December, 10:30\u2060–\u206010:45",
    );
  });
});

describe("why a booking failed, as the page acts on it", () => {
  const apiError = (status: number, code: string, retryAfter: number | null = null, details?: unknown) =>
    new ApiError(status, code, code, details, retryAfter);

  it("sends the visitor back to the times when the slot is full or no longer a slot", () => {
    expect(bookingFailure(apiError(409, "slot_full"))).toEqual({ kind: "pickAgain", text: "slotFull" });
    expect(bookingFailure(apiError(422, "not_a_slot"))).toEqual({ kind: "pickAgain", text: "notASlot" });
  });

  it("names the phone's limit, the rate limit with its seconds, and a lost connection", () => {
    expect(bookingFailure(apiError(409, "too_many_appointments"))).toEqual({
      kind: "message",
      text: "tooMany",
    });
    expect(bookingFailure(apiError(429, "rate_limited", 12))).toEqual({
      kind: "message",
      text: "rateLimited",
      count: 12,
    });
    expect(bookingFailure(apiError(429, "rate_limited"))).toEqual({
      kind: "message",
      text: "rateLimitedSoon",
    });
    expect(bookingFailure(apiError(0, "network"))).toEqual({ kind: "message", text: "network" });
    expect(bookingFailure(apiError(502, "unknown"))).toEqual({ kind: "message", text: "network" });
    expect(bookingFailure(apiError(500, "internal"))).toEqual({ kind: "message", text: "generic" });
    expect(bookingFailure(new Error("boom"))).toEqual({ kind: "message", text: "generic" });
  });

  it("marks the fields a 400 names", () => {
    const details = [{ field: "phone", code: "phone", message: "must be a phone number" }];
    expect(bookingFailure(apiError(400, "validation_error", null, details))).toEqual({
      kind: "fields",
      fields: { phone: details[0] },
    });
  });

  it("sends the same request again only while the server is out of reach or busy with it, for 15 s", () => {
    expect(shouldResend(apiError(0, "network"), 14_999)).toBe(true);
    expect(shouldResend(apiError(0, "network"), 15_000)).toBe(false);
    expect(shouldResend(apiError(409, "idempotency_key_in_use"), 1000)).toBe(true);
    expect(shouldResend(apiError(409, "slot_full"), 0)).toBe(false);
    expect(resendDelayMs(apiError(503, "database_unavailable", 2))).toBe(2000);
    expect(resendDelayMs(apiError(503, "database_unavailable", 60))).toBe(5000);
    expect(resendDelayMs(apiError(0, "network"))).toBe(2000);
  });
});
