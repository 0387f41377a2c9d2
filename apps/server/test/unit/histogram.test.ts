import { describe, expect, it } from "vitest";
import { Histogram, percentile } from "../../src/modules/reports/histogram.ts";

const of = (...values: number[]) => {
  const h = new Histogram();
  for (const v of values) h.add(v);
  return h;
};

describe("percentiles over a histogram", () => {
  it("match percentile_cont: interpolation between the two nearest ranks", () => {
    // PostgreSQL: percentile_cont(0.5) of {10, 20, 30, 40} = 25; (0.9) = 37.
    expect(percentile(of(40, 10, 30, 20), 0.5)).toBe(25);
    expect(percentile(of(40, 10, 30, 20), 0.9)).toBeCloseTo(37, 10);
    expect(percentile(of(7), 0.5)).toBe(7);
    expect(percentile(of(7), 0.9)).toBe(7);
    expect(percentile(of(1, 2, 3), 0)).toBe(1);
    expect(percentile(of(1, 2, 3), 1)).toBe(3);
  });

  it("counts repeated values by their number, wherever the ranks fall", () => {
    const h = new Histogram();
    h.add(60, 3);
    h.add(120, 1);
    h.add(600, 1);
    // Sorted: 60 60 60 120 600. Median rank 2 → 60; p90 rank 3.6 → 120 + 0.6 × 480 = 408.
    expect(percentile(h, 0.5)).toBe(60);
    expect(percentile(h, 0.9)).toBeCloseTo(408, 10);
    expect(h.total).toBe(5);
  });

  it("has nothing to say about nothing", () => {
    expect(percentile(new Histogram(), 0.5)).toBeNull();
  });
});
