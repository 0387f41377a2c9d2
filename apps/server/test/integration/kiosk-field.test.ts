import { formatTicketCode } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { project } from "../../src/events/projection.ts";
import { issue, type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/** Issue 15 #3 and #13 (kiosk): the typed tracking code, live service changes, no estimate nobody keeps. */
let ctx: TestContext;
let office: Office;
// Monday 2026-03-02, 12:00 in Moscow.
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));

setUpOffice({ clock }, (c, o) => {
  ctx = c;
  office = o;
});

const admin = () => ({ cookie: ctx.adminCookie });
const menuItem = async (serviceId: string) => {
  const res = await ctx.request("GET", "/api/v1/kiosk", { token: office.kioskToken });
  expect(res.status).toBe(200);
  return res.body.services.find((s: { id: string }) => s.id === serviceId);
};

describe("the tracking code as typed", () => {
  it("finds a ticket by its printed form, K7QM-4XPA, in any case, with spaces, and cancels by it", async () => {
    const t = await issue(ctx, office, office.services.refund);
    expect(t.code).toMatch(/^[a-km-np-z2-9]{8}$/);
    const printed = formatTicketCode(t.code);
    expect(printed).toMatch(/^[A-KM-NP-Z2-9]{4}-[A-KM-NP-Z2-9]{4}$/);
    for (const typed of [
      printed,
      printed.toLowerCase(),
      printed.replace("-", " "),
      printed.replace("-", ""),
    ]) {
      const res = await ctx.request("GET", `/api/v1/tickets/${encodeURIComponent(typed)}`);
      expect(res.status, typed).toBe(200);
      expect(res.body).toMatchObject({ code: t.code, label: t.label, status: "waiting" });
    }
    const cancelled = await ctx.request("POST", `/api/v1/tickets/${printed}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ code: t.code, status: "cancelled" });
  });

  it("keeps finding a ticket issued with an older 12-symbol code, however it is typed", async () => {
    const t = await issue(ctx, office, office.services.refund);
    await ctx.database.db
      .updateTable("tickets")
      .set({ code: "abcdefghjkmn" })
      .where("id", "=", t.id)
      .execute();
    for (const typed of ["abcdefghjkmn", "ABCD-EFGH-JKMN"]) {
      const res = await ctx.request("GET", `/api/v1/tickets/${typed}`);
      expect(res.status, typed).toBe(200);
      expect(res.body.label).toBe(t.label);
    }
  });

  it("refuses a code of the wrong shape with 400 on the code field; an unknown one is 404", async () => {
    const bad = await ctx.request("GET", "/api/v1/tickets/K7QM-4XP0");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([
      expect.objectContaining({ field: "params.code", code: "ticketCode" }),
    ]);
    expect((await ctx.request("GET", "/api/v1/tickets/ZZZZ-ZZZZ")).status).toBe(404);
  });

  it("limits lookups by code per client address: the 601st in a minute is 429, other addresses go on", async () => {
    const lookup = (remoteAddress: string) =>
      ctx.app.inject({ method: "GET", url: "/api/v1/tickets/ZZZZ-ZZZ2", remoteAddress });
    for (let i = 0; i < 600; i++) {
      const res = await lookup("198.51.100.7");
      if (res.statusCode !== 404) throw new Error(`lookup ${i}: ${res.statusCode}`);
    }
    const limited = await lookup("198.51.100.7");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("rate_limited");
    expect((await lookup("198.51.100.8")).statusCode).toBe(404);
  });
});

describe("a service change reaches running kiosks", () => {
  const serviceEvents = () =>
    ctx.database.db
      .selectFrom("events")
      .selectAll()
      .where("type", "=", "service.updated")
      .orderBy("id")
      .execute();

  it("creating, renaming, switching off and archiving a service each append a service.updated event", async () => {
    const before = (await serviceEvents()).length;
    const created = await ctx.request("POST", "/api/v1/services", {
      ...admin(),
      body: { name: "Справка", prefix: "S" },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const patch = (body: unknown) => ctx.request("PATCH", `/api/v1/services/${id}`, { ...admin(), body });
    expect((await patch({ name: "Справка о доходах" })).status).toBe(200);
    expect((await patch({ active: false })).status).toBe(200);
    expect((await ctx.request("DELETE", `/api/v1/services/${id}`, admin())).status).toBe(204);
    const events = (await serviceEvents()).slice(before);
    expect(events.map((e) => e.data)).toEqual([
      { serviceId: id, change: "created" },
      { serviceId: id, change: "updated" },
      { serviceId: id, change: "updated" },
      { serviceId: id, change: "archived" },
    ]);
    // The public channel a kiosk follows carries which service changed, and when.
    expect(project("board", events[0]!)).toEqual({
      serviceId: id,
      at: clock.now.toISOString(),
    });
  });

  it("a refused change announces nothing", async () => {
    const before = (await serviceEvents()).length;
    const res = await ctx.request("PATCH", `/api/v1/services/${office.services.buy}`, {
      ...admin(),
      body: { parentId: office.services.buy },
    });
    expect(res.status).toBe(400);
    expect((await serviceEvents()).length).toBe(before);
  });
});

describe("no estimate for a service nobody serves", () => {
  it("the kiosk says nobody serves and promises no minutes until an operator is there, and again on his break", async () => {
    const { corporate } = office.services;
    await issue(ctx, office, corporate);
    const first = await issue(ctx, office, corporate);
    // Nobody is signed in: the ticket can be taken, with its place, but no wait.
    expect(first).toMatchObject({ status: "waiting", position: 1, estimatedWait: null });
    expect(await menuItem(corporate)).toMatchObject({
      state: "open",
      waiting: 2,
      serving: false,
      estimatedWait: null,
    });
    const view = await ctx.request("GET", `/api/v1/tickets/${first.code}`);
    expect(view.body).toMatchObject({ position: 1, estimatedWait: null });

    // Vera serves it at window 3: she calls the first at once, then the second after one service,
    // a new ticket after two (no history yet: about 10 minutes each, spread like an exponential).
    const { vera } = office.operators;
    await takeWorkstation(ctx, vera.cookie, office.workstations.w3);
    const menu = await menuItem(corporate);
    expect(menu).toMatchObject({ waiting: 2, serving: true });
    const promised = menu.estimatedWait;
    expect(promised.expectedMinutes).toBeGreaterThan(17);
    expect(promised.expectedMinutes).toBeLessThan(23);
    expect(promised.minMinutes).toBeLessThan(promised.expectedMinutes);
    expect(promised.maxMinutes).toBeGreaterThan(promised.expectedMinutes + 10);
    // The ticket taken next is promised exactly what the kiosk showed, and the promise is stored.
    const third = await issue(ctx, office, corporate);
    expect(third.estimatedWait).toEqual(promised);
    const stored = await ctx.database.db
      .selectFrom("tickets")
      .select(["quoted_min_minutes", "quoted_max_minutes", "quoted_expected_minutes"])
      .where("id", "=", third.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      quoted_min_minutes: promised.minMinutes,
      quoted_max_minutes: promised.maxMinutes,
      quoted_expected_minutes: promised.expectedMinutes,
    });

    await operatorAction(ctx, vera.cookie, "pause", { reason: "Обед" });
    expect(await menuItem(corporate)).toMatchObject({ waiting: 3, serving: false, estimatedWait: null });
    // A group serves nobody itself.
    expect(await menuItem(office.services.group)).toMatchObject({ serving: false, estimatedWait: null });
  });
});
