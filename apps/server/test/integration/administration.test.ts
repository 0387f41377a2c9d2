import { describe, expect, it } from "vitest";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/** What supervisors and administrators read and do: the live dashboard, sending a client, the audit log. */
let ctx: TestContext;
let office: Office;
// Monday 2026-03-02, 12:00 in Moscow.
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));

setUpOffice({ clock }, (c, o) => {
  ctx = c;
  office = o;
});

const sup = () => ({ cookie: office.supervisor.cookie });

describe("the live dashboard", () => {
  it("per service and per workstation, with exact figures", async () => {
    const { anna, boris } = office.operators;
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
    const a = await issue(ctx, office, office.services.buy);
    clock.advance(60);
    const b = await issue(ctx, office, office.services.buy);
    clock.advance(120);
    // a waited 180 s until called.
    expect((await ctx.request("POST", "/api/v1/operator/call-next", { cookie: anna.cookie })).body.id).toBe(
      a.id,
    );
    await ctx.request("POST", `/api/v1/operator/tickets/${a.id}/start`, { cookie: anna.cookie });
    await ctx.request("POST", `/api/v1/operator/tickets/${a.id}/finish`, { cookie: anna.cookie });
    await ctx.request("POST", "/api/v1/operator/pause", { cookie: boris.cookie, body: { reason: "Обед" } });
    clock.advance(16 * 60); // b has now waited 18 min: past the 15-minute target
    const res = await ctx.request("GET", "/api/v1/dashboard", sup());
    expect(res.status).toBe(200);
    const buy = res.body.services.find((s: { serviceId: string }) => s.serviceId === office.services.buy);
    expect(buy).toMatchObject({
      waiting: 1,
      longestWaitSeconds: 18 * 60,
      overdue: 1,
      servedToday: 1,
      averageWaitSecondsToday: 180,
      targetWaitMinutes: 15,
      state: "open",
    });
    const byNumber = Object.fromEntries(res.body.workstations.map((w: { number: string }) => [w.number, w]));
    expect(byNumber["1"]).toMatchObject({ employee: { id: anna.id }, status: "free", ticket: null });
    expect(byNumber["2"]).toMatchObject({
      employee: { id: boris.id },
      status: "paused",
      pauseReason: "Обед",
    });
    expect(byNumber["3"]).toMatchObject({ employee: null, status: "offline" });
    expect(b.label).toBe("A002");
    // Operators do not see it.
    expect((await ctx.request("GET", "/api/v1/dashboard", { cookie: anna.cookie })).status).toBe(403);
  });
});

describe("sending a client to a given workstation", () => {
  it("calls him there for its operator; refused when the operator is busy or the window does not serve it", async () => {
    const { anna } = office.operators;
    const waiting = (await ctx.request("GET", "/api/v1/queue/tickets", sup())).body.items[0];
    const sent = await ctx.request("POST", `/api/v1/queue/tickets/${waiting.id}/send`, {
      ...sup(),
      body: { workstationId: office.workstations.w1 },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({
      id: waiting.id,
      status: "called",
      workstationId: office.workstations.w1,
      employeeId: anna.id,
    });
    const state = (await ctx.request("GET", "/api/v1/operator/state", { cookie: anna.cookie })).body;
    expect(state.ticket.id).toBe(waiting.id);
    const other = await issue(ctx, office, office.services.buy);
    const busy = await ctx.request("POST", `/api/v1/queue/tickets/${other.id}/send`, {
      ...sup(),
      body: { workstationId: office.workstations.w1 },
    });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe("operator_busy");
    const nobody = await ctx.request("POST", `/api/v1/queue/tickets/${other.id}/send`, {
      ...sup(),
      body: { workstationId: office.workstations.w3 },
    });
    expect(nobody.body.error.code).toBe("workstation_free");
    const corporate = await issue(ctx, office, office.services.corporate);
    await ctx.request("POST", `/api/v1/operator/tickets/${waiting.id}/start`, { cookie: anna.cookie });
    await ctx.request("POST", `/api/v1/operator/tickets/${waiting.id}/finish`, { cookie: anna.cookie });
    const wrong = await ctx.request("POST", `/api/v1/queue/tickets/${corporate.id}/send`, {
      ...sup(),
      body: { workstationId: office.workstations.w1 },
    });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe("not_eligible");
  });
});

describe("the audit log", () => {
  it("lists who changed what, filtered by day and by kind of object", async () => {
    const admin = { cookie: ctx.adminCookie };
    await ctx.request("PATCH", `/api/v1/services/${office.services.refund}`, {
      ...admin,
      body: { name: "Возврат билетов" },
    });
    // The audit log records real time (it is not part of the queue's clock).
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Moscow" }).format(new Date());
    const all = await ctx.request("GET", `/api/v1/audit-log?entity=service&from=${today}&to=${today}`, admin);
    expect(all.status).toBe(200);
    expect(all.body.items[0]).toMatchObject({
      action: "service.update",
      entity: "service",
      entityId: office.services.refund,
      actor: { kind: "employee", name: "admin" },
    });
    const before = await ctx.request("GET", "/api/v1/audit-log?entity=service&to=2026-01-01", admin);
    expect(before.body.items).toEqual([]);
    expect((await ctx.request("GET", "/api/v1/audit-log?from=2026-02-30", admin)).status).toBe(400);
    expect((await ctx.request("GET", "/api/v1/audit-log", sup())).status).toBe(403);
  });
});
