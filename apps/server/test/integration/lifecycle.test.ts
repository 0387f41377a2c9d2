import { describe, expect, it } from "vitest";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const closeDay = () => ctx.request("POST", "/api/v1/queue/close-day", { cookie: ctx.adminCookie });

describe("a ticket's whole visit", () => {
  it("goes issued → called → recalled → serving → redirected → served and keeps its label", async () => {
    const { anna, boris } = office.operators;
    const ticket = await issue(ctx, office, office.services.buy);
    expect(ticket).toMatchObject({ label: "A001", status: "waiting", position: 0, segment: 1 });

    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    ctx.clock.advance(60);
    const called = await ctx.request("POST", "/api/v1/operator/call-next", { cookie: anna.cookie });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({
      id: ticket.id,
      status: "called",
      callCount: 1,
      workstationId: office.workstations.w1,
    });

    const recalled = await ctx.request("POST", `/api/v1/operator/tickets/${ticket.id}/recall`, {
      cookie: anna.cookie,
    });
    expect(recalled.body).toMatchObject({ status: "called", callCount: 2 });

    const started = await ctx.request("POST", `/api/v1/operator/tickets/${ticket.id}/start`, {
      cookie: anna.cookie,
    });
    expect(started.body.status).toBe("serving");

    const redirected = await ctx.request("POST", `/api/v1/operator/tickets/${ticket.id}/redirect`, {
      cookie: anna.cookie,
      body: { serviceId: office.services.refund, note: "needs a refund too" },
    });
    expect(redirected.status).toBe(200);
    expect(redirected.body).toMatchObject({
      label: "A001",
      status: "waiting",
      serviceId: office.services.refund,
      segment: 2,
    });

    await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
    const second = await ctx.request("POST", "/api/v1/operator/call-next", { cookie: boris.cookie });
    expect(second.body).toMatchObject({ id: ticket.id, label: "A001", status: "called" });
    await ctx.request("POST", `/api/v1/operator/tickets/${ticket.id}/start`, { cookie: boris.cookie });
    const finished = await ctx.request("POST", `/api/v1/operator/tickets/${ticket.id}/finish`, {
      cookie: boris.cookie,
      body: { note: "refunded" },
    });
    expect(finished.body).toMatchObject({ status: "served", note: "refunded" });

    const events = await ctx.database.db
      .selectFrom("events")
      .select("type")
      .where("ticket_id", "=", ticket.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      "ticket.issued",
      "ticket.called",
      "ticket.recalled",
      "ticket.started",
      "ticket.redirected",
      "ticket.called",
      "ticket.started",
      "ticket.served",
    ]);
  });
});

describe("numbering", () => {
  it("restarts every business day in the branch's timezone, per service", async () => {
    // Europe/Moscow is UTC+3: 20:59 UTC is 23:59 there, 21:00 UTC is the next day.
    ctx.clock.now = new Date("2026-03-10T20:58:00Z");
    const late = [
      await issue(ctx, office, office.services.corporate),
      await issue(ctx, office, office.services.corporate),
    ];
    const other = await issue(ctx, office, office.services.buy);
    expect(late.map((t) => [t.label, t.businessDay])).toEqual([
      ["K001", "2026-03-10"],
      ["K002", "2026-03-10"],
    ]);
    expect(other.label).toBe("A001");
    ctx.clock.now = new Date("2026-03-10T21:00:00Z");
    const next = await issue(ctx, office, office.services.corporate);
    expect([next.label, next.businessDay]).toEqual(["K001", "2026-03-11"]);
  });
});

describe("labels and notes", () => {
  it("numbers past 999 get more digits instead of repeating a label", async () => {
    ctx.clock.now = new Date("2026-03-12T08:00:00Z");
    const first = await issue(ctx, office, office.services.refund);
    await ctx.database.db
      .updateTable("ticket_counters")
      .set({ last_number: 999 })
      .where("service_id", "=", office.services.refund)
      .where("business_day", "=", first.businessDay)
      .execute();
    const labels = [
      (await issue(ctx, office, office.services.refund)).label,
      (await issue(ctx, office, office.services.refund)).label,
    ];
    expect(labels).toEqual(["B1000", "B1001"]);
  });

  it("finishing without an outcome note keeps the note of the colleague who redirected", async () => {
    const { anna, boris } = office.operators;
    ctx.clock.now = new Date("2026-03-13T08:00:00Z");
    await closeDay();
    const t = await issue(ctx, office, office.services.buy);
    const act = (cookie: string, action: string, body?: unknown) =>
      ctx.request("POST", `/api/v1/operator/tickets/${t.id}/${action}`, { cookie, body });
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    await ctx.request("POST", `/api/v1/operator/tickets/${t.id}/call`, { cookie: anna.cookie });
    await act(anna.cookie, "start");
    await act(anna.cookie, "redirect", { serviceId: office.services.refund, note: "passport checked" });
    await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
    expect((await ctx.request("POST", "/api/v1/operator/call-next", { cookie: boris.cookie })).body.id).toBe(
      t.id,
    );
    await act(boris.cookie, "start");
    const done = await act(boris.cookie, "finish");
    expect(done.body).toMatchObject({ status: "served", note: "passport checked" });
  });
});

describe("estimates", () => {
  it("tickets closed by the end of the day do not count as service times", async () => {
    const { vera } = office.operators;
    ctx.clock.now = new Date("2026-03-16T07:00:00Z");
    await closeDay();
    await takeWorkstation(ctx, vera.cookie, office.workstations.w3);
    const t = await issue(ctx, office, office.services.corporate);
    await ctx.request("POST", "/api/v1/operator/call-next", { cookie: vera.cookie });
    await ctx.request("POST", `/api/v1/operator/tickets/${t.id}/start`, { cookie: vera.cookie });
    // Left serving all day: the day is closed ten hours later, which records it as served.
    ctx.clock.advance(10 * 3600);
    await closeDay();
    const served = await ctx.request("GET", `/api/v1/tickets/${t.code}`);
    expect(served.body.status).toBe("served");
    // The next client's estimate still comes from the expected 10 minutes, not from ten hours.
    ctx.clock.now = new Date("2026-03-17T07:00:00Z");
    await takeWorkstation(ctx, vera.cookie, office.workstations.w3);
    await issue(ctx, office, office.services.corporate);
    const second = await issue(ctx, office, office.services.corporate);
    expect(second.position).toBe(1);
    expect(second.estimatedWait.maxMinutes).toBeLessThanOrEqual(30);
  });
});
