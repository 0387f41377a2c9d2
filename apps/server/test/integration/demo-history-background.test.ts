import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BranchContext } from "../../src/core/branch-context.ts";
import { discardDay, makeDemoHistory, planDemoHistory } from "../../src/demo/history-background.ts";
import { type DemoSummary, seedDemoOffice } from "../../src/demo/seed.ts";
import { firstBranch } from "../../src/queue/branches.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * The demo history is made after the server listens: live requests answer meanwhile, the status
 * route tells its progress, and a run stopped in the middle of a day goes on at the next start
 * with the same days, nothing twice. Four days before Tuesday 10 March 2026 (Moscow): Friday,
 * Saturday, Sunday (closed) and Monday.
 */
const DAYS = ["2026-03-06", "2026-03-07", "2026-03-08", "2026-03-09"];
const UNTIL = new Date("2026-03-10T09:00:00Z");
const RUN = { holdSession: false, ticketsPerDay: 30, seed: 11 };

async function demoOffice(): Promise<{ ctx: TestContext; branch: BranchContext; demo: DemoSummary }> {
  const ctx = await createTestContext({ realClock: true });
  const branch = (await firstBranch(ctx.database.db))!;
  const demo = await ctx.database.db.transaction().execute((tx) => seedDemoOffice(tx, branch.id));
  await planDemoHistory(ctx.database.db, branch, DAYS.length, UNTIL);
  return { ctx, branch, demo };
}

/** A demo operator asks to work at window 1. */
async function takeWindowOne(ctx: TestContext, demo: DemoSummary) {
  const operator = demo.staff.find((s) => s.role === "operator")!;
  const cookie = await ctx.login(operator.login, demo.staffPassword);
  const ws = await ctx.database.db
    .selectFrom("workstations")
    .select("id")
    .where("number", "=", "1")
    .executeTakeFirstOrThrow();
  return ctx.request("POST", "/api/v1/operator/workstation", { cookie, body: { workstationId: ws.id } });
}

async function ticketsPerDay(ctx: TestContext) {
  const rows = await ctx.database.db
    .selectFrom("tickets")
    .select([
      "business_day",
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.count<number>(eb.fn("distinct", ["label"])).as("labels"),
    ])
    .groupBy("business_day")
    .orderBy("business_day")
    .execute();
  return rows.map((r) => [String(r.business_day), Number(r.n), Number(r.labels)]);
}

const status = async (ctx: TestContext) =>
  (await ctx.request("GET", "/api/v1/reports/history-status", { cookie: ctx.adminCookie })).body;

let whole: Awaited<ReturnType<typeof demoOffice>>;
const seen: string[] = [];
const readyzMs: number[] = [];
let expected: (string | number)[][];

beforeAll(async () => {
  whole = await demoOffice();
  const { ctx, branch } = whole;
  seen.push(JSON.stringify(await status(ctx)));
  let running = true;
  const made = makeDemoHistory(ctx.database.db, branch, RUN).finally(() => {
    running = false;
  });
  // Live requests while the history is made: the readiness probe and the progress.
  while (running) {
    const began = performance.now();
    const res = await ctx.request("GET", "/readyz");
    readyzMs.push(performance.now() - began);
    expect(res.status).toBe(200);
    const s = JSON.stringify(await status(ctx));
    if (seen.at(-1) !== s) seen.push(s);
    await new Promise((r) => setTimeout(r, 20));
  }
  await made;
  seen.push(JSON.stringify(await status(ctx)));
  expected = await ticketsPerDay(ctx);
}, 240_000);

afterAll(() => whole?.ctx.close());

describe("demo history in the background", () => {
  it("answers live requests meanwhile and tells its progress day by day", async () => {
    const sorted = [...readyzMs].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)]!;
    console.log(
      `readyz during history: ${sorted.length} requests, p95 ${p95.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
    );
    expect(p95).toBeLessThan(1000);
    const states = [...new Set(seen)].map((s) => JSON.parse(s));
    expect(states[0]).toEqual({ state: "preparing", daysDone: 0, days: 4 });
    expect(states.at(-1)).toEqual({ state: "ready", daysDone: 4, days: 4 });
    // Each day done in turn, none skipped (a quick day may pass between two polls).
    const done = states.map((s) => s.daysDone);
    expect(done).toEqual([...done].sort());
    expect(states.slice(0, -1).every((s) => s.state === "preparing")).toBe(true);
  });

  it("makes the planned days, Sunday closed, each ticket once", async () => {
    expect(expected.map(([day]) => day)).toEqual(["2026-03-06", "2026-03-07", "2026-03-09"]);
    for (const [, n, labels] of expected) {
      expect(n).toBeGreaterThan(10);
      expect(labels).toBe(n);
    }
    const plan = await whole.ctx.database.db
      .selectFrom("demo_history_days")
      .selectAll()
      .orderBy("day")
      .execute();
    const byDay = new Map(expected.map(([day, n]) => [day, n]));
    expect(plan.map((p) => [String(p.day), p.done, p.tickets])).toEqual(
      DAYS.map((d) => [d, true, byDay.get(d) ?? 0]),
    );
    const open = await whole.ctx.database.db
      .selectFrom("tickets")
      .select("id")
      .where("status", "in", ["waiting", "called", "serving"])
      .execute();
    expect(open).toEqual([]);
  });

  it("a run stopped in the middle of a day goes on at the next start with the same days, nothing twice", async () => {
    const { ctx, branch, demo } = await demoOffice();
    try {
      const stop = new AbortController();
      // Stop once the second day (Saturday) has committed some of its tickets.
      const watch = setInterval(async () => {
        const n = await ctx.database.db
          .selectFrom("tickets")
          .select("id")
          .where("business_day", "=", "2026-03-07")
          .execute();
        if (n.length > 3) stop.abort();
      }, 5);
      await expect(
        makeDemoHistory(ctx.database.db, branch, { ...RUN, signal: stop.signal }),
      ).rejects.toThrow();
      clearInterval(watch);
      const half = await ticketsPerDay(ctx);
      expect(half[0]).toEqual(expected[0]);
      expect(half[1]![0]).toBe("2026-03-07");
      expect(half[1]![1]).toBeGreaterThan(3);
      expect(await status(ctx)).toEqual({ state: "preparing", daysDone: 1, days: 4 });
      // Meanwhile no live operator sits where the simulated staff work.
      const early = await takeWindowOne(ctx, demo);
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe("demo_history_preparing");
      expect(early.body.error.details).toEqual({ daysDone: 1, days: 4 });

      // The next start: the half-made Saturday is thrown away and made again, whole.
      await makeDemoHistory(ctx.database.db, branch, RUN);
      expect(await ticketsPerDay(ctx)).toEqual(expected);
      expect(await status(ctx)).toEqual({ state: "ready", daysDone: 4, days: 4 });
      expect((await takeWindowOne(ctx, demo)).status).toBe(200);
      const events = await ctx.database.db
        .selectFrom("events")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("type", "=", "ticket.issued")
        .executeTakeFirstOrThrow();
      expect(Number(events.n)).toBe(expected.reduce((sum, [, n]) => sum + Number(n), 0));
    } finally {
      await ctx.close();
    }
  }, 240_000);

  it("throwing a day away leaves the next day alone: it may be today, with live work in it", async () => {
    const { ctx, branch } = await demoOffice();
    try {
      const db = ctx.database.db;
      // Monday 9 March 2026 is the last planned day; Tuesday 10 March, 01:00 Moscow, is "today".
      const live = (at: string, action: string) =>
        db
          .insertInto("audit_log")
          .values({
            branch_id: branch.id,
            actor_kind: "employee",
            actor_name: "admin",
            action,
            entity: "service",
            data: JSON.stringify({}),
            created_at: new Date(at),
          })
          .execute();
      await live("2026-03-09T09:00:00Z", "simulated.monday");
      await live("2026-03-09T22:00:00Z", "live.tuesday-night");
      await discardDay(db, branch, "2026-03-09");
      const left = await db
        .selectFrom("audit_log")
        .select("action")
        .where("action", "like", "%day%")
        .execute();
      expect(left.map((r) => r.action)).toEqual(["live.tuesday-night"]);
    } finally {
      await ctx.close();
    }
  });

  it("says none for an office without a demo history", async () => {
    const ctx = await createTestContext();
    try {
      expect(await status(ctx)).toEqual({ state: "none", daysDone: 0, days: 0 });
      const operatorLess = await ctx.request("GET", "/api/v1/reports/history-status");
      expect(operatorLess.status).toBe(401);
    } finally {
      await ctx.close();
    }
  });
});
