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
    bookedFor: null,
    ...over,
  };
}

/** An appointment ticket booked for `start`, checked in at `checkedIn`: queued from the later. */
function appointment(id: string, start: Date, checkedIn: Date, over: Partial<Candidate> = {}): Candidate {
  const enqueuedAt = new Date(Math.max(start.getTime(), checkedIn.getTime()));
  return candidate(id, { bookedFor: start, enqueuedAt, ...over });
}

const minutesFromNow = (m: number) => new Date(NOW.getTime() + m * 60_000);

const ids = (cs: Candidate[]) => cs.map((c) => c.id);

describe("calling policy", () => {
  it("returns null when nobody waits", () => {
    expect(pickNext([], { policy: noRatio, now: NOW, recentCalls: [] })).toBeNull();
  });

  it("passes over a remote ticket awaiting its holder's arrival, however long it waited", () => {
    const away = candidate("1", { enqueuedAt: minutesAgo(60), categoryPriority: 3, awaitingArrival: true });
    const here = candidate("2", { enqueuedAt: minutesAgo(1) });
    const ctx = { policy: noRatio, now: NOW, recentCalls: [] };
    expect(ids(rankCandidates([away, here], ctx))).toEqual(["2"]);
    expect(pickNext([away], ctx)).toBeNull();
    expect(pickNext([{ ...away, awaitingArrival: false }, here], ctx)?.id).toBe("1");
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

describe("appointments in the calling order", () => {
  const guarded = { policy: { slaGuard: true, ratio: null }, now: NOW, recentCalls: [] as CallClass[] };
  const unguarded = { ...guarded, policy: { slaGuard: false, ratio: null } };

  it("overdue, then appointments whose start has come, then the rest; early ones wait", () => {
    const list = [
      candidate("1", { enqueuedAt: minutesAgo(30) }), // overdue walk-in
      candidate("2", { enqueuedAt: minutesAgo(10), categoryPriority: 3 }), // priority walk-in
      candidate("3", { enqueuedAt: minutesAgo(12) }), // ordinary walk-in
      appointment("4", minutesAgo(0), minutesAgo(5)), // due now, checked in early
      appointment("5", minutesAgo(2), minutesAgo(1)), // came 1 min late, within grace
      appointment("6", minutesFromNow(5), minutesAgo(3)), // checked in early: not callable yet
      appointment("7", minutesAgo(20), minutesAgo(20)), // appointment overdue itself
    ];
    // 7 and 1 are both overdue: among overdue tickets the appointment goes first.
    expect(ids(rankCandidates(list, guarded))).toEqual(["7", "1", "5", "4", "2", "3"]);
    // Without the guard appointments come first, in the rest of the key's order.
    expect(ids(rankCandidates(list, unguarded))).toEqual(["7", "5", "4", "2", "1", "3"]);
  });

  it("an appointment becomes callable exactly at its start", () => {
    const early = appointment("8", minutesFromNow(3), minutesAgo(2));
    const walkIn = candidate("9", { enqueuedAt: minutesAgo(27), targetWaitMinutes: 60 });
    expect(pickNext([early, walkIn], guarded)?.id).toBe("9");
    expect(pickNext([early], guarded)).toBeNull();
    const atStart = { ...guarded, now: minutesFromNow(3) };
    expect(pickNext([early, walkIn], atStart)?.id).toBe("8");
    expect(
      pickNext([early, walkIn], { ...guarded, now: new Date(minutesFromNow(3).getTime() - 1) })?.id,
    ).toBe("9");
  });

  it("among appointments: the ratio class, category priority, rank, service priority, arrival, id", () => {
    const list = [
      appointment("20", minutesAgo(4), minutesAgo(6)),
      appointment("21", minutesAgo(4), minutesAgo(6), { categoryPriority: 1, rank: 2 }),
      appointment("22", minutesAgo(2), minutesAgo(3), { categoryPriority: 1 }),
      appointment("23", minutesAgo(8), minutesAgo(9), { rank: 2 }),
      appointment("24", minutesAgo(1), minutesAgo(1), { servicePriority: 4 }),
      appointment("19", minutesAgo(4), minutesAgo(5)),
    ];
    expect(ids(rankCandidates(list, unguarded))).toEqual(["22", "21", "24", "19", "20", "23"]);
    const wantsNormal = { policy: { slaGuard: false, ratio: { normal: 1, priority: 1 } }, now: NOW };
    expect(ids(rankCandidates(list, { ...wantsNormal, recentCalls: ["priority"] }))).toEqual([
      "24",
      "19",
      "20",
      "23",
      "22",
      "21",
    ]);
  });

  it("the ratio rule does not put a walk-in of the wanted class before an appointment", () => {
    const list = [candidate("30", { categoryPriority: 2 }), appointment("31", minutesAgo(1), minutesAgo(1))];
    const ctx = { policy: { slaGuard: true, ratio: { normal: 2, priority: 1 } }, now: NOW, recentCalls: [] };
    expect(preferredClass(ctx.policy, [])).toBe("priority");
    expect(ids(rankCandidates(list, ctx))).toEqual(["31", "30"]);
  });
});
