import { describe, expect, it } from "vitest";
import { rng } from "../../src/demo/history-office.ts";
import { type CallClass, type Candidate, pickNext, preferredClass } from "../../src/queue/policy.ts";
import { claimNextWaiting } from "../../src/queue/repository.ts";
import { useTestDatabase } from "../helpers/test-database.ts";

/**
 * The calling policy exists twice: as the pure function in policy.ts and as the SQL that claims a
 * ticket. Random offices with many ties prove both pick the same ticket, every time — walk-ins and
 * appointment tickets, those whose start has come and those checked in early, remote tickets
 * before and after their holders say «Я на месте», as the clock moves.
 */

const database = useTestDatabase();

async function scenario(seed: number, crowded = false) {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const db = database().db;
  const start = new Date("2026-03-02T10:00:00.000Z");
  let now = start;
  const branch = await db
    .insertInto("branches")
    .values({ name: `b${seed}`, timezone: "UTC", settings: "{}" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const employee = await db
    .insertInto("employees")
    .values({ login: `op${seed}`, name: "op", role: "operator", password_hash: "x" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ws = await db
    .insertInto("workstations")
    .values({ branch_id: branch.id, number: "1", name: "1" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const services: {
    id: string;
    priority: number;
    target: number | null;
    rank: number | null;
    onWs: boolean;
  }[] = [];
  for (let i = 0; i < 4; i++) {
    const priority = pick([0, 0, 1, 5]);
    const target = pick([null, 5, 15]);
    const s = await db
      .insertInto("services")
      .values({
        branch_id: branch.id,
        name: `s${i}`,
        prefix: "ABCD"[i]!,
        translations: "{}",
        priority,
        target_wait_minutes: target,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // Some services the operator cannot serve, some the workstation does not serve.
    const rank = i === 3 ? null : crowded && i === 0 ? 1 : pick([1, 1, 2, 3]);
    const onWs = i !== 2 || random() < 0.5;
    if (rank !== null)
      await db
        .insertInto("competencies")
        .values({ employee_id: employee.id, service_id: s.id, branch_id: branch.id, rank })
        .execute();
    if (onWs)
      await db
        .insertInto("workstation_services")
        .values({ workstation_id: ws.id, service_id: s.id, branch_id: branch.id })
        .execute();
    services.push({ id: s.id, priority, target, rank, onWs });
  }
  const times = [1, 4, 4, 10, 16, 16, 30].map(
    (m) => new Date(now.getTime() - m * 60_000 - pick([0, 0, 1, 999])),
  );
  // Appointments: slots' starts past and to come (some the same as walk-ins' arrivals), checked in
  // before or after the start; queued from the later of the two.
  const slots = [-30, -15, -5, 0, 3, 8].map((m) => new Date(now.getTime() + m * 60_000));
  // Crowded: one service with more tickets of every kind than the claim's per-service pools hold.
  const count = crowded ? 90 : 40;
  for (let i = 0; i < count; i++) {
    const s = crowded && random() < 0.7 ? services[0]! : pick(services);
    const booked = random() < (crowded ? 0.4 : 0.25) ? pick(slots) : null;
    const checkIn = booked ? new Date(booked.getTime() + pick([-10, -4, 0, 2, 7]) * 60_000) : null;
    const at = booked && checkIn ? new Date(Math.max(booked.getTime(), checkIn.getTime())) : pick(times);
    await db
      .insertInto("tickets")
      .values({
        branch_id: branch.id,
        service_id: s.id,
        code: `c${seed}x${i}`.padEnd(12, "z"),
        number: i + 1,
        label: `T${i}`,
        business_day: "2026-03-02",
        status: "waiting",
        priority: pick([0, 0, 0, 1, 3]),
        issued_at: checkIn ?? at,
        enqueued_at: at,
        booked_for: booked,
        // Some remote walk-ins wait for «Я на месте»; call next passes over them until then.
        arrival_required: !booked && random() < 0.2,
      })
      .execute();
  }

  const policies = [
    { slaGuard: true, ratio: null },
    { slaGuard: false, ratio: null },
    { slaGuard: true, ratio: { normal: 2, priority: 1 } },
    { slaGuard: false, ratio: { normal: 1, priority: 2 } },
  ];
  let steps = 0;
  for (;;) {
    const waiting = await db
      .selectFrom("tickets")
      .selectAll()
      .where("branch_id", "=", branch.id)
      .where("status", "=", "waiting")
      .execute();
    const candidates: Candidate[] = waiting.flatMap((t) => {
      const s = services.find((x) => x.id === t.service_id)!;
      if (s.rank === null || !s.onWs) return [];
      return [
        {
          id: t.id,
          categoryPriority: t.priority,
          rank: s.rank,
          servicePriority: s.priority,
          enqueuedAt: t.enqueued_at,
          targetWaitMinutes: s.target,
          bookedFor: t.booked_for,
          awaitingArrival: t.arrival_required && t.arrived_at === null,
        },
      ];
    });
    const policy = pick(policies);
    const recentCalls = Array.from({ length: Math.floor(random() * 4) }, () =>
      pick<CallClass>(["priority", "normal"]),
    );
    const expected = pickNext(candidates, { policy, now, recentCalls });
    const claimed = await db.transaction().execute((tx) =>
      claimNextWaiting(tx, {
        branchId: branch.id,
        employeeId: employee.id,
        workstationId: ws.id,
        now,
        slaGuard: policy.slaGuard,
        preferred: preferredClass(policy, recentCalls),
      }),
    );
    expect(claimed, `seed ${seed}, step ${steps}`).toBe(expected?.id ?? null);
    if (!claimed) {
      // Nobody callable now: the remote visitors arrive, or on to the start of the next
      // appointment checked in early, if any.
      const away = candidates.filter((c) => c.awaitingArrival).map((c) => c.id);
      if (away.length > 0) {
        await db.updateTable("tickets").set({ arrived_at: now }).where("id", "in", away).execute();
        continue;
      }
      const later = candidates.map((c) => c.enqueuedAt.getTime()).filter((t) => t > now.getTime());
      if (later.length === 0) break;
      now = new Date(Math.min(...later));
      continue;
    }
    expect(candidates.find((c) => c.id === claimed)?.awaitingArrival).toBe(false);
    await db.updateTable("tickets").set({ status: "served" }).where("id", "=", claimed).execute();
    // Now and then one remote visitor arrives while others are being served.
    const arriving = candidates.find((c) => c.awaitingArrival && random() < 0.3);
    if (arriving)
      await db.updateTable("tickets").set({ arrived_at: now }).where("id", "=", arriving.id).execute();
    steps++;
    now = new Date(now.getTime() + pick([0, 10_000, 45_000]));
  }
  return steps;
}

describe("the SQL of call-next agrees with the pure calling policy", () => {
  it("on 12 random offices, at every step until the queue is empty", async () => {
    let total = 0;
    for (let seed = 1; seed <= 12; seed++) total += await scenario(seed);
    // Enough decisions were compared for the test to mean something.
    expect(total).toBeGreaterThan(200);
  });

  it("on 3 crowded offices, where one service holds more of each kind than the claim's pools", async () => {
    let total = 0;
    for (let seed = 101; seed <= 103; seed++) total += await scenario(seed, true);
    expect(total).toBeGreaterThan(150);
  });
});
