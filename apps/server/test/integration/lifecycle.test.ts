import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOffice, issue, type Office, takeWorkstation } from "../helpers/office.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

let ctx: TestContext;
let office: Office;

beforeAll(async () => {
  ctx = await createTestContext();
  office = await buildOffice(ctx);
});
afterAll(() => ctx.close());

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
