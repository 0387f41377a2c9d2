import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateHistory } from "../../src/demo/history.ts";
import { rng } from "../../src/demo/history-office.ts";
import { poissonHours, TEXTBOOK_DAY } from "../../src/demo/history-realism.ts";
import { firstBranch } from "../../src/queue/branches.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * The textbook profile the wait-estimate benchmark uses for its M/M/s office: Poisson arrivals,
 * exponential service times, and none of a real office's habits. One 8-minute service, three
 * operators, Friday 6 March 2026 (Moscow), about 120 clients.
 */
let ctx: TestContext;
let made: { tickets: number; days: number };

beforeAll(async () => {
  ctx = await createTestContext({ realClock: true });
  const a = { cookie: ctx.adminCookie };
  const service = await ctx.request("POST", "/api/v1/services", {
    ...a,
    body: { name: "Кассы", prefix: "A", targetWaitMinutes: 20, expectedServiceMinutes: 8 },
  });
  // A category the profile must leave unused (its share is 0).
  await ctx.request("POST", "/api/v1/categories", { ...a, body: { name: "Льготник", priority: 1 } });
  for (const i of [1, 2, 3]) {
    await ctx.request("POST", "/api/v1/workstations", {
      ...a,
      body: { name: `Окно ${i}`, number: String(i), serviceIds: [service.body.id] },
    });
    await ctx.request("POST", "/api/v1/employees", {
      ...a,
      body: {
        login: `op${i}`,
        name: `Оператор ${i}`,
        role: "operator",
        password: "operator-pass",
        competencies: [{ serviceId: service.body.id, rank: 1 }],
      },
    });
  }
  const branch = (await firstBranch(ctx.database.db))!;
  made = await generateHistory(ctx.database.db, branch, {
    days: 1,
    ticketsPerDay: 120,
    seed: 3,
    until: new Date("2026-03-07T09:00:00Z"),
    realism: TEXTBOOK_DAY,
    waitPredictor: "legacy",
  });
}, 60_000);

afterAll(() => ctx?.close());

describe("history profile: Poisson arrivals, exponential service, no noise", () => {
  it("serves every client once, first call, no category, no rating, nobody leaving or sent on", async () => {
    const tickets = await ctx.database.db.selectFrom("tickets").selectAll().execute();
    expect(made.days).toBe(1);
    expect(tickets.length).toBe(made.tickets);
    expect(made.tickets).toBeGreaterThan(85);
    expect(made.tickets).toBeLessThan(155);
    // Clients still waiting when the operators go home are closed by the day's end: only those.
    const unserved = tickets.filter((t) => t.status !== "served");
    expect(unserved.every((t) => t.status === "cancelled" && t.called_at === null)).toBe(true);
    expect(tickets.filter((t) => t.status === "served").every((t) => t.call_count === 1)).toBe(true);
    expect(tickets.filter((t) => t.category_id !== null || t.rating_score !== null)).toEqual([]);
    const segments = await ctx.database.db.selectFrom("ticket_segments").select("segment").execute();
    expect(segments.every((s) => s.segment === 1)).toBe(true);
    const paused = await ctx.database.db
      .selectFrom("operator_status_log")
      .select("status")
      .where("status", "=", "paused")
      .execute();
    expect(paused).toEqual([]);
  });

  it("draws service times with a coefficient of variation near 1 around the expected 8 minutes", async () => {
    const rows = await ctx.database.db
      .selectFrom("ticket_segments")
      .select(["service_seconds", "wait_seconds"])
      .where("outcome", "=", "served")
      .execute();
    const minutes = rows.map((r) => r.service_seconds! / 60);
    const mean = minutes.reduce((a, x) => a + x, 0) / minutes.length;
    const sd = Math.sqrt(minutes.reduce((a, x) => a + (x - mean) ** 2, 0) / (minutes.length - 1));
    expect(mean).toBeGreaterThan(8 * 0.85);
    expect(mean).toBeLessThan(8 * 1.15);
    expect(sd / mean).toBeGreaterThan(0.85);
    expect(sd / mean).toBeLessThan(1.15);
    // No walk to the window and no one noticing late: a client who finds an operator free waits 0 s.
    expect(rows.some((r) => r.wait_seconds === 0)).toBe(true);
  });
});

describe("Poisson arrival hours", () => {
  it("come at a constant rate: about as many in each half of the day, in order, within the hours", () => {
    const random = rng(11);
    const days = Array.from({ length: 200 }, () => poissonHours(random, 100, 9, 18));
    const counts = days.map((h) => h.length);
    const mean = counts.reduce((a, x) => a + x, 0) / counts.length;
    const variance = counts.reduce((a, x) => a + (x - mean) ** 2, 0) / (counts.length - 1);
    expect(Math.abs(mean - 100)).toBeLessThan(3);
    // A Poisson count: its variance equals its mean.
    expect(variance / mean).toBeGreaterThan(0.75);
    expect(variance / mean).toBeLessThan(1.3);
    const all = days.flat();
    expect(all.every((h) => h >= 9 && h < 18)).toBe(true);
    expect(days.every((h) => h.every((x, i) => i === 0 || x >= h[i - 1]!))).toBe(true);
    const morning = all.filter((h) => h < 13.5).length;
    expect(Math.abs(morning / all.length - 0.5)).toBeLessThan(0.02);
  });
});
