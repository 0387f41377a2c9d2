import { describe, expect, it } from "vitest";
import { tileColumns } from "../src/features/kiosk/tile-grid.ts";

describe("kiosk tile grid", () => {
  it("gives a landscape screen more columns than a portrait one, so the tiles fill either", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 9, 12, 13].map((n) => tileColumns(n).landscape)).toEqual([
      1, 2, 3, 2, 3, 3, 4, 4, 4, 5,
    ]);
    expect([1, 5, 6, 7, 14, 15].map((n) => tileColumns(n).portrait)).toEqual([1, 1, 1, 2, 2, 3]);
    expect(tileColumns(0)).toEqual({ landscape: 1, portrait: 1 });
  });
});
