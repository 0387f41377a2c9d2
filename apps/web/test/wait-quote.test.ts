import { describe, expect, it } from "vitest";
import * as quote from "../src/features/surface-kit/wait-quote.ts";

const { callAfterClosing, officeClock } = quote;
// The texts keep a figure with its unit by no-break spaces and the dash with its figures by word
// joiners (checked once below); read as plain text.
const plain = (s: string) => s.replaceAll("\u00a0", " ").replaceAll("\u2060", "");
const quoteText = (...a: Parameters<typeof quote.quoteText>) => plain(quote.quoteText(...a));
const quoteLine = (...a: Parameters<typeof quote.quoteLine>) => plain(quote.quoteLine(...a));
const waitMinutes = (...a: Parameters<typeof quote.waitMinutes>) => plain(quote.waitMinutes(...a));
const compactWait = (...a: Parameters<typeof quote.compactWait>) => plain(quote.compactWait(...a));

const wait = (minMinutes: number, maxMinutes: number, expectedMinutes = (minMinutes + maxMinutes) / 2) => ({
  minMinutes,
  maxMinutes,
  expectedMinutes,
});
// 14:34:40 in Moscow (+03:00) is 11:34:40 UTC: the machine's own zone plays no part.
const moscow = { estimatedWait: wait(12, 18, 14.6), expectedCallAt: "2026-12-05T14:34:40+03:00" };

describe("a wait quote on the visitor surfaces", () => {
  it("gives the call's time in the office and the 80 % range, in Russian and English", () => {
    expect(quoteText(moscow, "ru", "Europe/Moscow")).toBe("около 14:35 (12–18 мин)");
    expect(quoteText(moscow, "en", "Europe/Moscow")).toBe("around 14:35 (12–18 min)");
    expect(quoteLine(moscow, "ru", "Europe/Moscow")).toBe("Ожидаемый вызов: около 14:35 (12–18 мин)");
    expect(quoteLine(moscow, "en", "Europe/Moscow")).toBe("Expected call: around 14:35 (12–18 min)");
  });

  it("breaks a narrow line before the minutes in brackets, never inside them", () => {
    expect(quote.quoteLine(moscow, "ru")).toBe(
      "Ожидаемый вызов: около\u00a014:35 (12\u2060–\u206018\u00a0мин)",
    );
    expect(quote.waitMinutes(wait(0, 3), "en")).toBe("up to\u00a03\u00a0min");
  });

  it("reads the office's time from the offset when the screen does not know the zone", () => {
    expect(quoteText(moscow, "ru")).toBe("около 14:35 (12–18 мин)");
    const newYork = { estimatedWait: wait(5, 9), expectedCallAt: "2026-12-05T09:05:10-05:00" };
    expect(quoteText(newYork, "en")).toBe("around 09:05 (5–9 min)");
    expect(quoteText(newYork, "en", "America/New_York")).toBe("around 09:05 (5–9 min)");
    // The same instant in another office's zone, on a 24-hour clock in English too.
    expect(officeClock("2026-12-05T14:34:40+03:00", "en", "Asia/Yekaterinburg")).toBe("16:35");
    expect(officeClock("2026-12-05T23:59:20+03:00", "ru")).toBe("23:59");
    expect(officeClock("2026-12-05T23:59:40+03:00", "ru")).toBe("00:00");
  });

  it("says «меньше минуты» for a short wait, ≈ for a single minute figure, «до» from zero", () => {
    const short = { estimatedWait: wait(0, 1, 0.4), expectedCallAt: "2026-12-05T14:00:24+03:00" };
    expect(quoteText(short, "ru")).toBe("меньше минуты");
    expect(quoteLine(short, "ru")).toBe("Ожидание: меньше минуты");
    expect(quoteLine(short, "en")).toBe("Estimated wait: under a minute");
    const exact = { estimatedWait: wait(5, 5, 5), expectedCallAt: "2026-12-05T14:35:00+03:00" };
    expect(quoteText(exact, "ru")).toBe("около 14:35 (≈5 мин)");
    expect(quoteText(exact, "en")).toBe("around 14:35 (≈5 min)");
    const fromZero = { estimatedWait: wait(0, 3, 1.5), expectedCallAt: "2026-12-05T14:31:30+03:00" };
    expect(quoteText(fromZero, "ru")).toBe("около 14:32 (до 3 мин)");
    expect(quoteText(fromZero, "en")).toBe("around 14:32 (up to 3 min)");
  });

  it("gives minutes alone without a time, and nothing without an estimate", () => {
    const noTime = { estimatedWait: wait(12, 18), expectedCallAt: null };
    expect(quoteText(noTime, "ru")).toBe("12–18 мин");
    expect(quoteLine(noTime, "en")).toBe("Estimated wait: 12–18 min");
    expect(quoteText({ estimatedWait: null, expectedCallAt: null }, "ru")).toBe("");
    expect(quoteLine({ estimatedWait: null, expectedCallAt: null }, "en")).toBe("");
    expect(waitMinutes(wait(2, 4), "de")).toBe("2–4 мин");
  });

  it("writes a kiosk tile's wait short", () => {
    expect(compactWait(wait(12, 18), "ru")).toBe("~12–18 мин");
    expect(compactWait(wait(12, 18), "en")).toBe("~12–18 min");
    expect(compactWait(wait(5, 5), "ru")).toBe("≈5 мин");
    expect(compactWait(wait(0, 3), "ru")).toBe("до 3 мин");
    expect(compactWait(wait(0, 1), "en")).toBe("under a minute");
  });
});

describe("a call expected after the service closes", () => {
  it("is later than closesAt, compared as instants whatever their offsets", () => {
    const closesAt = "2026-12-05T18:00:00+03:00";
    expect(callAfterClosing({ expectedCallAt: "2026-12-05T18:20:00+03:00", closesAt })).toBe(true);
    expect(callAfterClosing({ expectedCallAt: "2026-12-05T17:59:00+03:00", closesAt })).toBe(false);
    expect(callAfterClosing({ expectedCallAt: "2026-12-05T15:01:00Z", closesAt })).toBe(true);
    expect(callAfterClosing({ expectedCallAt: "2026-12-05T18:20:00+03:00", closesAt: null })).toBe(false);
    expect(callAfterClosing({ expectedCallAt: null, closesAt })).toBe(false);
  });
});
