import { describe, expect, it } from "vitest";
import { announcementText, splitLabel, spokenLabel } from "../src/features/surface-kit/speech.ts";

describe("what the board says", () => {
  it("splits a label into its letters and its number, without leading zeros", () => {
    expect(splitLabel("A015")).toEqual({ prefix: "A", number: 15 });
    expect(splitLabel("КЛ1001")).toEqual({ prefix: "КЛ", number: 1001 });
    expect(splitLabel("VIP")).toEqual({ prefix: "VIP", number: null });
  });

  it("speaks numbers as numbers and letters as letters of the board's language", () => {
    expect(spokenLabel("А015", "ru")).toBe("А 15");
    expect(spokenLabel("B007", "ru")).toBe("Бэ 7");
    expect(spokenLabel("КЛ120", "ru")).toBe("Ка Эль 120");
    expect(spokenLabel("Б015", "en")).toBe("B 15");
    expect(spokenLabel("A100", "en")).toBe("A 100");
  });

  it("names the window by its spoken name in Russian, by its number otherwise", () => {
    expect(announcementText("А015", { number: "3", spokenName: "" }, "ru")).toBe("Талон А 15, окно номер 3");
    expect(announcementText("А015", { number: "3", spokenName: "окно номер три" }, "ru")).toBe(
      "Талон А 15, окно номер три",
    );
    expect(announcementText("А015", { number: "3", spokenName: "окно номер три" }, "en")).toBe(
      "Ticket A 15, window 3",
    );
  });
});
