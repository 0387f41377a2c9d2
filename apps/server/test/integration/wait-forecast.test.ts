import { beforeEach, describe, expect, it } from "vitest";
import { issue, type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/**
 * The wait forecast from the live state (docs/estimates.md), on scripted offices: what the queue's
 * position alone cannot know — clients of a priority category who will come and go first, an
 * operator who serves a service only when his first-rank queue is empty.
 */

let ctx: TestContext;
let office: Office;
setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const closeDay = () => ctx.request("POST", "/api/v1/queue/close-day", { cookie: ctx.adminCookie });
const dd = (n: number) => String(n).padStart(2, "0");
const view = async (code: string) => (await ctx.request("GET", `/api/v1/tickets/${code}`)).body;

describe("an operator shared between two services by rank", () => {
  beforeEach(async () => {
    ctx.clock.now = new Date("2026-03-02T07:00:00Z"); // Monday 10:00 in Moscow
    await closeDay();
  });

  it("quotes the rank-2 service from the rank-1 queue he serves first, and from a second operator when one comes", async () => {
    const { anna, boris } = office.operators;
    // Anna serves «Купить билет» first (rank 1) and «Возврат» second (rank 2), at window 1.
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    const refund = await issue(ctx, office, office.services.refund);
    const buy1 = await issue(ctx, office, office.services.buy);
    const buy2 = await issue(ctx, office, office.services.buy);
    // First in its own queue, yet called only after both «Купить билет» clients: two services of
    // about 10 minutes (no history: the expected time, spread like an exponential).
    const r = await view(refund.code);
    expect(r.position).toBe(0);
    expect(r.estimatedWait.expectedMinutes).toBeGreaterThan(17);
    expect(r.estimatedWait.expectedMinutes).toBeLessThan(23);
    expect(r.estimatedWait.minMinutes).toBeGreaterThanOrEqual(4);
    expect((await view(buy1.code)).estimatedWait).toEqual({
      minMinutes: 0,
      maxMinutes: 1,
      expectedMinutes: 0,
    });
    const b2 = (await view(buy2.code)).estimatedWait;
    expect(b2.expectedMinutes).toBeGreaterThan(8);
    expect(b2.expectedMinutes).toBeLessThan(12);
    // Boris serves «Возврат» first: he calls it at once; «Купить билет» gains his second rank too.
    await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
    expect((await view(refund.code)).estimatedWait).toEqual({
      minMinutes: 0,
      maxMinutes: 1,
      expectedMinutes: 0,
    });
    const shared = (await view(buy2.code)).estimatedWait;
    expect(shared.expectedMinutes).toBeLessThan(b2.expectedMinutes);
  });
});

describe("clients of a priority category who will arrive", () => {
  it("are in the wait of an ordinary client they will overtake", async () => {
    const { anna, boris, vera } = office.operators;
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: boris.cookie });
    // The past week: every weekday six veterans came to «Корпоративные» between 10:00 and 11:00,
    // and nobody else came anywhere.
    for (let day = 9; day <= 13; day++) {
      for (let i = 0; i < 6; i++) {
        ctx.clock.now = new Date(`2026-03-${dd(day)}T07:${dd(i * 10)}:00Z`);
        await issue(ctx, office, office.services.corporate, { categoryId: office.categories.veteran });
      }
      ctx.clock.now = new Date(`2026-03-${dd(day)}T16:00:00Z`);
      await closeDay();
    }
    // Monday 10:00: two equal queues of three ordinary clients, one operator each, no service
    // history (10 minutes expected in both). Only «Корпоративные» expects veterans.
    ctx.clock.now = new Date("2026-03-16T07:00:00Z");
    await closeDay();
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    await takeWorkstation(ctx, vera.cookie, office.workstations.w3);
    const buy: { code: string }[] = [];
    const corporate: { code: string }[] = [];
    for (let i = 0; i < 3; i++) {
      buy.push(await issue(ctx, office, office.services.buy));
      corporate.push(await issue(ctx, office, office.services.corporate));
    }
    const plain = (await view(buy[2]!.code)).estimatedWait;
    const overtaken = (await view(corporate[2]!.code)).estimatedWait;
    expect((await view(buy[2]!.code)).position).toBe((await view(corporate[2]!.code)).position);
    // About 20 minutes for two clients ahead, in both.
    expect(plain.expectedMinutes).toBeGreaterThan(17);
    expect(plain.expectedMinutes).toBeLessThan(23);
    // A veteran every 10 minutes, each served first: several more services before the third
    // ordinary client (fewer than an unlimited stream would bring: past 20 minutes the SLA guard
    // puts him first).
    expect(overtaken.expectedMinutes).toBeGreaterThan(plain.expectedMinutes + 6);
    expect(overtaken.maxMinutes).toBeGreaterThan(plain.maxMinutes + 6);
    // The kiosk's quote for the next ordinary client says the same.
    const menu = (await ctx.request("GET", "/api/v1/kiosk", { token: office.kioskToken })).body;
    const tile = (id: string) => menu.services.find((s: { id: string }) => s.id === id).estimatedWait;
    expect(tile(office.services.corporate).expectedMinutes).toBeGreaterThan(
      tile(office.services.buy).expectedMinutes + 6,
    );
  });
});

describe("every promise recorded", () => {
  it("stores the quote given at issue, and the latest one the visitor saw before the call", async () => {
    const { anna, boris } = office.operators;
    ctx.clock.now = new Date("2026-03-23T07:00:00Z"); // Monday 10:00 in Moscow
    await closeDay();
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: boris.cookie });
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    const first = await issue(ctx, office, office.services.buy);
    const second = await issue(ctx, office, office.services.buy);
    // The issuing answer shows the promise that was stored, with the call time in Moscow time.
    const promised = second.estimatedWait;
    const callAt = new Date(Date.parse(second.issuedAt) + promised.expectedMinutes * 60_000);
    const moscow = new Date(callAt.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
    expect(second.expectedCallAt).toBe(`${moscow}+03:00`);
    const row = async () =>
      ctx.database.db
        .selectFrom("tickets")
        .select([
          "quoted_min_minutes",
          "quoted_max_minutes",
          "quoted_expected_minutes",
          "latest_quoted_min_minutes",
          "latest_quoted_max_minutes",
          "latest_quoted_expected_minutes",
          "latest_quoted_at",
        ])
        .where("id", "=", second.id)
        .executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({
      quoted_min_minutes: promised.minMinutes,
      quoted_max_minutes: promised.maxMinutes,
      quoted_expected_minutes: promised.expectedMinutes,
      latest_quoted_at: null,
    });

    // A minute on, the visitor looks at his page; then the first is called and finished.
    ctx.clock.advance(60);
    const seenAt = ctx.clock.now;
    const seen = (await view(second.code)).estimatedWait;
    expect(seen.expectedMinutes).toBeLessThan(promised.expectedMinutes);
    await operatorAction(ctx, anna.cookie, "call-next");
    await operatorAction(ctx, anna.cookie, `tickets/${first.id}/start`);
    ctx.clock.advance(300);
    await operatorAction(ctx, anna.cookie, `tickets/${first.id}/finish`);
    const called = await operatorAction(ctx, anna.cookie, "call-next");
    expect(called.id).toBe(second.id);
    expect(await row()).toMatchObject({
      quoted_expected_minutes: promised.expectedMinutes,
      latest_quoted_min_minutes: seen.minMinutes,
      latest_quoted_max_minutes: seen.maxMinutes,
      latest_quoted_expected_minutes: seen.expectedMinutes,
      latest_quoted_at: seenAt,
    });
  });
});

describe("tracking pages refreshing together after a call", () => {
  it("all get a quote at once: the new forecast, or while it is made the one just before", async () => {
    const { anna } = office.operators;
    ctx.clock.now = new Date("2026-03-30T07:00:00Z");
    await closeDay();
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    const tickets = [];
    for (let i = 0; i < 6; i++) tickets.push(await issue(ctx, office, office.services.buy));
    const last = tickets[5]!;
    const before = (await view(last.code)).estimatedWait;
    ctx.clock.advance(60);
    await operatorAction(ctx, anna.cookie, "call-next");
    // Twenty phones ask at the same moment; the first makes the new forecast.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => ctx.request("GET", `/api/v1/tickets/${last.code}`)),
    );
    const after = (await view(last.code)).estimatedWait;
    expect(after).not.toEqual(before);
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(a.body.position).toBe(4);
      expect([JSON.stringify(before), JSON.stringify(after)]).toContain(JSON.stringify(a.body.estimatedWait));
    }
    expect(answers.some((a) => JSON.stringify(a.body.estimatedWait) === JSON.stringify(after))).toBe(true);
  });
});

describe("an operator shown free who does not call", () => {
  it("is not taken to call this instant once a client of his has waited two minutes", async () => {
    const { anna, boris } = office.operators;
    ctx.clock.now = new Date("2026-04-06T07:00:00Z");
    await closeDay();
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: boris.cookie });
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    // Anna is free at window 1 and four clients of hers wait; she does not call.
    const tickets = [];
    for (let i = 0; i < 4; i++) tickets.push(await issue(ctx, office, office.services.buy));
    const last = tickets[3]!;
    // Just now: she is about to call, the fourth waits for three services.
    const fresh = (await view(last.code)).estimatedWait;
    expect(fresh.expectedMinutes).toBeGreaterThan(25);
    // Five minutes on, nobody called: she is away, not about to call; the quote does not shrink to
    // what three services from now would be, let alone "under a minute".
    ctx.clock.advance(300);
    const later = (await view(last.code)).estimatedWait;
    expect(later.minMinutes).toBeGreaterThan(fresh.minMinutes - 5 + 1);
    expect(later.expectedMinutes).toBeGreaterThan(fresh.expectedMinutes - 5 + 1);
    expect(later.maxMinutes).toBeGreaterThan(1);
  });
});
