/**
 * Counts of whole-second values, and percentiles over them as PostgreSQL's `percentile_cont`
 * computes them (linear interpolation between the two nearest ranks). Reports keep medians and
 * 90th percentiles this way: adding up counts is cheap where sorting a year of values is not, and
 * a value rounded to the second is as precise as the report shows it.
 */
export class Histogram {
  readonly counts = new Map<number, number>();
  total = 0;

  add(value: number, count = 1) {
    this.counts.set(value, (this.counts.get(value) ?? 0) + count);
    this.total += count;
  }
}

export function percentile(h: Histogram, p: number): number | null {
  if (h.total === 0) return null;
  const values = [...h.counts.keys()].sort((a, b) => a - b);
  // The value at a rank (0-based) of the sorted values.
  const at = (rank: number) => {
    let seen = 0;
    for (const value of values) {
      seen += h.counts.get(value)!;
      if (rank < seen) return value;
    }
    return values.at(-1)!;
  };
  const rank = p * (h.total - 1);
  const lower = at(Math.floor(rank));
  return lower + (at(Math.ceil(rank)) - lower) * (rank - Math.floor(rank));
}
