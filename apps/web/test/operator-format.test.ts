import { describe, expect, it } from "vitest";
import { duration, localName, secondsBetween, secondsSince } from "../src/features/operator/format.ts";

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
  it("lets a wait the server measured grow with the time since it was read", () => {
    const readAt = Date.parse("2026-03-02T10:00:00Z");
    expect(secondsSince(112, readAt, readAt)).toBe(112);
    expect(secondsSince(112, readAt, new Date(readAt + 38_000))).toBe(150);
    expect(duration(secondsSince(112, readAt, readAt + 300_000))).toBe("6:52");
    expect(secondsSince(112, readAt, readAt - 5_000)).toBe(112);
  });
});
