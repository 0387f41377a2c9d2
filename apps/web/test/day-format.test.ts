import dayjs from "dayjs";
import "dayjs/locale/ru";
import { describe, expect, it } from "vitest";
import { dateTimeFormat, dayFormatOf } from "../src/app/day-format.ts";
import { localText } from "../src/app/local-text.ts";

describe("calendar days in the UI's language", () => {
  it("writes 26 November 2026 as 26.11.2026 in Russian and 26 Nov 2026 in English, never 11/26/2026", () => {
    const day = dayjs("2026-11-26");
    expect(day.locale("ru").format(dayFormatOf("ru"))).toBe("26.11.2026");
    expect(day.locale("en").format(dayFormatOf("en"))).toBe("26 Nov 2026");
    expect(day.locale("ru").format(dayFormatOf("de"))).toBe("26.11.2026");
  });
});

describe("instants in the UI's language and the office's zone", () => {
  it("writes the day first and a 24-hour clock in English too", () => {
    const at = new Date("2026-12-04T22:02:45Z");
    expect(dateTimeFormat("ru", "Europe/Moscow").format(at)).toBe("05.12.2026, 01:02");
    expect(dateTimeFormat("en", "Europe/Moscow").format(at)).toBe("5 Dec 2026, 01:02");
    expect(dateTimeFormat("en", "Europe/Moscow", true).format(at)).toBe("5 Dec 2026, 01:02:45");
  });
});

describe("an office's text in a language", () => {
  it("takes the translation where there is one, else the office's own", () => {
    const en = { en: "Central Station ticket office" };
    expect(localText("Центральный вокзал", en, "en")).toBe("Central Station ticket office");
    expect(localText("Центральный вокзал", en, "ru")).toBe("Центральный вокзал");
    expect(localText("Центральный вокзал", { en: " " }, "en")).toBe("Центральный вокзал");
    expect(localText("Центральный вокзал", undefined, "en")).toBe("Центральный вокзал");
  });
});
