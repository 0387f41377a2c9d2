import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "../../src/demo/history.ts";
import { seedDemoOffice } from "../../src/demo/seed.ts";
import { firstBranch } from "../../src/queue/branches.ts";
import { localTime } from "../../src/queue/calendar.ts";
import { closeDay } from "../../src/queue/management.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * The history generator drives the real engine, so what it leaves must obey the engine's rules:
 * every past ticket finished, segments in time order, operators gone home, reports that add up.
 * Three working days before Saturday 7 March 2026 (Moscow): Wednesday to Friday.
 */
let ctx: TestContext;
let result: { tickets: number; days: number };
const reported: [string, number][] = [];
const RANGE = "from=2026-03-04&to=2026-03-06";

beforeAll(async () => {
  ctx = await createTestContext({ realClock: true });
  const db = ctx.database.db;
  const branch = (await firstBranch(db))!;
  await db.transaction().execute((tx) => seedDemoOffice(tx, branch.id));
  result = await generateHistory(db, branch, {
    days: 3,
    ticketsPerDay: 40,
    seed: 7,
    until: new Date("2026-03-07T09:00:00Z"),
    onDay: (day, tickets) => reported.push([day, tickets]),
  });
}, 120_000);

afterAll(() => ctx?.close());

describe("demo office", () => {
  it("starts with alert rules shown in the app", async () => {
    const rules = await ctx.request("GET", "/api/v1/alert-rules", { cookie: ctx.adminCookie });
    expect(
      rules.body.items.map((r: any) => [r.kind, r.threshold, r.serviceId, r.channels, r.active]),
    ).toEqual([
      ["wait_time", 15, null, [{ type: "in_app" }], true],
      ["queue_length", 10, null, [{ type: "in_app" }], true],
      ["long_pause", 30, null, [{ type: "in_app" }], true],
    ]);
  });
});

describe("demo history", () => {
  it("makes the asked working days, with the tickets it reports", async () => {
    expect(reported.map(([day]) => day)).toEqual(["2026-03-04", "2026-03-05", "2026-03-06"]);
    expect(result.days).toBe(3);
    const rows = await ctx.database.db
      .selectFrom("tickets")
      .select(["status", "business_day", "category_id"])
      .execute();
    expect(rows.length).toBe(result.tickets);
    // A few arrivals may find their service closed; nearly all of those planned get a ticket.
    const planned = reported.reduce((sum, [, n]) => sum + n, 0);
    expect(result.tickets).toBeGreaterThan(planned * 0.8);
    expect(result.tickets).toBeLessThanOrEqual(planned);
    expect(new Set(rows.map((r) => String(r.business_day)))).toEqual(
      new Set(["2026-03-04", "2026-03-05", "2026-03-06"]),
    );
    // A few clients have a priority category.
    const withCategory = rows.filter((r) => r.category_id !== null).length;
    expect(withCategory).toBeGreaterThan(0);
    expect(withCategory).toBeLessThan(rows.length * 0.2);
    // Past days are over: nothing is left waiting, called or being served.
    for (const r of rows) expect(["served", "no_show", "cancelled"]).toContain(r.status);
  });

  it("leaves segments in time order, within office hours, served by someone", async () => {
    const segments = await ctx.database.db.selectFrom("ticket_segments").selectAll().execute();
    expect(segments.length).toBeGreaterThanOrEqual(result.tickets);
    const time = (d: Date | string | null) => (d === null ? null : new Date(d).getTime());
    for (const s of segments) {
      const [entered, called, started, finished] = [
        time(s.enqueued_at)!,
        time(s.first_called_at),
        time(s.started_at),
        time(s.finished_at),
      ];
      if (called !== null) expect(called).toBeGreaterThanOrEqual(entered);
      if (started !== null) expect(started).toBeGreaterThanOrEqual(called!);
      expect(finished).not.toBeNull();
      expect(finished!).toBeGreaterThanOrEqual(started ?? called ?? entered);
      expect(s.outcome).not.toBeNull();
      if (s.outcome === "served") expect(s.employee_id).not.toBeNull();
      const { minutes } = localTime(new Date(entered), "Europe/Moscow");
      expect(minutes).toBeGreaterThanOrEqual(9 * 60);
      expect(minutes).toBeLessThan(18 * 60);
    }
    expect(segments.some((s) => s.segment === 2)).toBe(true);
  });

  it("sends every operator home and gives the reports something to show", async () => {
    const seated = await ctx.database.db
      .selectFrom("operator_states")
      .select("employee_id")
      .where("workstation_id", "is not", null)
      .execute();
    expect(seated).toEqual([]);

    const summary = await ctx.request("GET", `/api/v1/reports/summary?${RANGE}`, { cookie: ctx.adminCookie });
    expect(summary.status).toBe(200);
    const k = summary.body;
    expect(k.issued).toBe(result.tickets);
    expect(k.served).toBeGreaterThan(result.tickets * 0.8);
    expect(k.noShow).toBeGreaterThan(0);
    expect(k.cancelled).toBeGreaterThan(0);
    expect(k.ratings.count).toBeGreaterThan(0);
    expect(k.serviceLevel).toBeGreaterThan(0);
    expect(k.waitSeconds.avg).toBeGreaterThan(0);

    const operators = await ctx.request("GET", `/api/v1/reports/operators?${RANGE}`, {
      cookie: ctx.adminCookie,
    });
    const working = operators.body.items.filter((o: any) => o.served > 0);
    expect(working.length).toBeGreaterThanOrEqual(3);
    for (const o of working) {
      expect(o.seconds.signedIn).toBeGreaterThan(3 * 8 * 3600);
      // Lunch every weekday, half an hour to three quarters.
      const lunch = o.seconds.pausedByReason.Обед;
      expect(lunch).toBeGreaterThanOrEqual(3 * 30 * 60 - 1);
      expect(lunch).toBeLessThanOrEqual(3 * 45 * 60 + 1);
    }
  });

  it("keeps the end-of-day job off the past days it is still making", async () => {
    const db = ctx.database.db;
    const branch = (await firstBranch(db))!;
    // The server's job, every few milliseconds while a Monday is made (its clock is today's).
    let making = true;
    const closed: number[] = [];
    const job = (async () => {
      while (making) {
        const run = await closeDay({ db, clock: () => new Date() }, branch, { all: false }, {});
        closed.push(run.closed);
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    const monday = await generateHistory(db, branch, {
      days: 1,
      ticketsPerDay: 40,
      seed: 8,
      until: new Date("2026-03-10T09:00:00Z"),
    }).finally(() => {
      making = false;
    });
    await job;
    expect(monday.days).toBe(1);
    expect(closed.length).toBeGreaterThan(0);
    expect(closed.filter((n) => n > 0)).toEqual([]);
    // Only the generator's own closing ran: whoever was left at the end, after its overtime.
    const forced = await db
      .selectFrom("tickets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("business_day", "=", "2026-03-09" as never)
      .where("close_reason", "=", "day_closed")
      .executeTakeFirstOrThrow();
    expect(Number(forced.n)).toBeLessThan(monday.tickets * 0.1);
  });
});
