import { describe, expect, it } from "vitest";
import { ConcurrencyLimit } from "../../src/http/concurrency-limit.ts";

describe("a concurrency limit", () => {
  it("runs at most N at once, the rest in arrival order, and a failure frees its place", async () => {
    const limit = new ConcurrencyLimit(3);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const work = (i: number) =>
      limit.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running--;
        if (i % 4 === 0) throw new Error(`failed ${i}`);
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => work(i)));
    expect(most).toBe(3);
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(results.filter((r) => r.status === "rejected")).toHaveLength(3);
    expect(results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []))).toEqual([
      1, 2, 3, 5, 6, 7, 9, 10, 11,
    ]);
    // Nothing is left holding a place: three more run at once straight away.
    expect(await Promise.all([work(1), work(2), work(3)])).toEqual([1, 2, 3]);
  });
});
