import { describe, expect, it } from "vitest";
import { duration, localName, secondsBetween } from "../src/features/operator/format.ts";

describe("workplace formatting", () => {
  it("shows durations as m:ss, and h:mm:ss past an hour", () => {
    expect(duration(0)).toBe("0:00");
    expect(duration(75)).toBe("1:15");
    expect(duration(3725)).toBe("1:02:05");
    expect(duration(-5)).toBe("0:00");
  });
  it("measures between two instants and names things in the current language", () => {
    expect(secondsBetween("2026-03-02T10:00:00Z", "2026-03-02T10:02:30Z")).toBe(150);
    expect(secondsBetween(null, "2026-03-02T10:02:30Z")).toBe(0);
    expect(localName({ name: "Купить билет", translations: { en: "Buy a ticket" } }, "en")).toBe(
      "Buy a ticket",
    );
    expect(localName({ name: "Купить билет", translations: {} }, "en")).toBe("Купить билет");
  });
});
