import { describe, expect, it } from "vitest";
import {
  type CallClass,
  type Candidate,
  pickNext,
  preferredClass,
  rankCandidates,
} from "../../src/queue/policy.ts";

const NOW = new Date("2026-03-02T10:00:00Z");
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000);
const noRatio = { slaGuard: true, ratio: null };

function candidate(id: string, over: Partial<Candidate> = {}): Candidate {
  return {
    id,
    categoryPriority: 0,
    rank: 1,
    servicePriority: 0,
    enqueuedAt: minutesAgo(1),
    targetWaitMinutes: 15,
    ...over,
  };
}

const ids = (cs: Candidate[]) => cs.map((c) => c.id);

describe("calling policy", () => {
  it("returns null when nobody waits", () => {
    expect(pickNext([], { policy: noRatio, now: NOW, recentCalls: [] })).toBeNull();
  });

  it("orders by category priority, then operator rank, then service priority, then arrival", () => {
    const list = [
      candidate("1", { enqueuedAt: minutesAgo(5) }),
      candidate("2", { enqueuedAt: minutesAgo(9) }),
      candidate("3", { servicePriority: 5, enqueuedAt: minutesAgo(1) }),
      candidate("4", { rank: 2, servicePriority: 9, enqueuedAt: minutesAgo(10) }),
      candidate("5", { categoryPriority: 1, rank: 3, enqueuedAt: minutesAgo(0) }),
    ];
    expect(ids(rankCandidates(list, { policy: noRatio, now: NOW, recentCalls: [] }))).toEqual([
      "5",
      "3",
      "2",
      "1",
      "4",
    ]);
  });

  it("breaks exact ties by id so the order is total", () => {
    const at = minutesAgo(2);
    const list = [candidate("10", { enqueuedAt: at }), candidate("9", { enqueuedAt: at })];
    expect(ids(rankCandidates(list, { policy: noRatio, now: NOW, recentCalls: [] }))).toEqual(["9", "10"]);
  });

  it("SLA guard: an overdue ordinary client goes before a newer priority client", () => {
    const list = [
      candidate("101", { categoryPriority: 3 }),
      candidate("102", { enqueuedAt: minutesAgo(16) }),
    ];
    expect(pickNext(list, { policy: noRatio, now: NOW, recentCalls: [] })?.id).toBe("102");
    expect(pickNext(list, { policy: { slaGuard: false, ratio: null }, now: NOW, recentCalls: [] })?.id).toBe(
      "101",
    );
  });

  it("SLA guard: exactly at the target is not overdue yet; a millisecond later it is", () => {
    const vip = candidate("101", { categoryPriority: 1 });
    const at = candidate("103", { enqueuedAt: minutesAgo(15) });
    expect(pickNext([vip, at], { policy: noRatio, now: NOW, recentCalls: [] })?.id).toBe("101");
    const later = new Date(NOW.getTime() + 1);
    expect(pickNext([vip, at], { policy: noRatio, now: later, recentCalls: [] })?.id).toBe("103");
  });

  it("SLA guard ignores services without a target", () => {
    const list = [
      candidate("101", { categoryPriority: 1 }),
      candidate("102", { enqueuedAt: minutesAgo(600), targetWaitMinutes: null }),
    ];
    expect(pickNext(list, { policy: noRatio, now: NOW, recentCalls: [] })?.id).toBe("101");
  });

  it("among overdue tickets the usual order applies", () => {
    const list = [
      candidate("104", { enqueuedAt: minutesAgo(40) }),
      candidate("105", { enqueuedAt: minutesAgo(20), categoryPriority: 2 }),
    ];
    expect(pickNext(list, { policy: noRatio, now: NOW, recentCalls: [] })?.id).toBe("105");
  });
});

describe("ratio rule", () => {
  const ratio = { slaGuard: false, ratio: { normal: 2, priority: 1 } };

  it("chooses the class from the last N+P-1 calls", () => {
    expect(preferredClass(ratio, [])).toBe("priority");
    expect(preferredClass(ratio, ["priority"])).toBe("normal");
    expect(preferredClass(ratio, ["normal", "priority"])).toBe("normal");
    expect(preferredClass(ratio, ["normal", "normal", "priority"])).toBe("priority");
    expect(preferredClass({ slaGuard: true, ratio: null }, ["normal"])).toBeNull();
  });

  function simulate(policy: typeof ratio, calls: number, pool: () => Candidate[]): CallClass[] {
    const recent: CallClass[] = [];
    for (let i = 0; i < calls; i++) {
      const next = pickNext(pool(), { policy, now: NOW, recentCalls: recent })!;
      recent.unshift(next.categoryPriority > 0 ? "priority" : "normal");
    }
    return recent.reverse();
  }

  it("gives 2 normal : 1 priority while both kinds wait", () => {
    const pool = () => [
      candidate("201", { categoryPriority: 2, enqueuedAt: minutesAgo(1) }),
      candidate("202", { enqueuedAt: minutesAgo(3) }),
    ];
    expect(simulate(ratio, 9, pool)).toEqual([
      "priority",
      "normal",
      "normal",
      "priority",
      "normal",
      "normal",
      "priority",
      "normal",
      "normal",
    ]);
  });

  it("gives exactly P priority calls in every N+P for other ratios", () => {
    const pool = () => [candidate("201", { categoryPriority: 1 }), candidate("202")];
    const seq = simulate({ slaGuard: false, ratio: { normal: 3, priority: 2 } }, 25, pool);
    for (let start = 0; start + 5 <= seq.length; start++) {
      expect(seq.slice(start, start + 5).filter((c) => c === "priority").length).toBe(2);
    }
  });

  it("takes the other class when the preferred one is empty", () => {
    const onlyNormal = [candidate("301"), candidate("302", { enqueuedAt: minutesAgo(2) })];
    expect(pickNext(onlyNormal, { policy: ratio, now: NOW, recentCalls: [] })?.id).toBe("302");
  });
});
