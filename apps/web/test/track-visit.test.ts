import { describe, expect, it } from "vitest";
import { FOLLOW_NO_SHOW_MS, followUntil, isNotFound } from "../src/features/track/visit.ts";

describe("how long the tracking page follows a ticket", () => {
  const seen = 1_000_000;
  it("follows a visit that goes on, and stops once it is served or cancelled", () => {
    for (const s of ["waiting", "called", "serving"] as const) {
      expect(followUntil(s, seen)).toBe(Number.POSITIVE_INFINITY);
    }
    expect(followUntil("served", seen)).toBe(seen);
    expect(followUntil("cancelled", seen)).toBe(seen);
  });
  it("follows a no-show for 15 s, while the operator may still undo it (10 s)", () => {
    expect(FOLLOW_NO_SHOW_MS).toBe(15_000);
    expect(followUntil("no_show", seen)).toBe(seen + 15_000);
  });
  it("takes 404 and 400 as final, and tries again after anything else", () => {
    expect(isNotFound({ status: 404 })).toBe(true);
    expect(isNotFound({ status: 400 })).toBe(true);
    expect(isNotFound({ status: 0 })).toBe(false);
    expect(isNotFound({ status: 429 })).toBe(false);
    expect(isNotFound({ status: 503 })).toBe(false);
    expect(isNotFound(null)).toBe(false);
  });
});
