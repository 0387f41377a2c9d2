import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { up as addTicketCalls } from "../../src/db/migrations/0005_ticket_calls.ts";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/** The operator's day through the API: the calling policy, pauses, state and queue summaries. */
let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const call = async (cookie: string) => {
  const res = await ctx.request("POST", "/api/v1/operator/call-next", { cookie });
  expect(res.status).toBe(200);
  return res.body;
};
const done = async (cookie: string, id: string) => {
  expect((await ctx.request("POST", `/api/v1/operator/tickets/${id}/start`, { cookie })).status).toBe(200);
  expect((await ctx.request("POST", `/api/v1/operator/tickets/${id}/finish`, { cookie })).status).toBe(200);
};
const closeDay = () => ctx.request("POST", "/api/v1/queue/close-day", { cookie: office.supervisor.cookie });

describe("the calling policy through call-next", () => {
  it("category priority first, then the operator's rank, then arrival", async () => {
    const { anna } = office.operators;
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    const refundEarly = await issue(ctx, office, office.services.refund);
    ctx.clock.advance(60);
    const buy = await issue(ctx, office, office.services.buy);
    ctx.clock.advance(60);
    const veteranRefund = await issue(ctx, office, office.services.refund, {
      categoryId: office.categories.veteran,
    });
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const t = await call(anna.cookie);
      order.push(t.id);
      await done(anna.cookie, t.id);
    }
    // The veteran goes first; then Anna's rank-1 service (buy) before her rank-2 refund.
    expect(order).toEqual([veteranRefund.id, buy.id, refundEarly.id]);
  });

  it("SLA guard: an ordinary ticket past its target wait goes before a newer veteran", async () => {
    const { anna } = office.operators;
    const old = await issue(ctx, office, office.services.buy);
    ctx.clock.advance(16 * 60);
    const veteran = await issue(ctx, office, office.services.buy, { categoryId: office.categories.veteran });
    const first = await call(anna.cookie);
    expect(first.id).toBe(old.id);
    await done(anna.cookie, first.id);
    expect((await call(anna.cookie)).id).toBe(veteran.id);
    await done(anna.cookie, veteran.id);
  });

  it("ratio rule 2 normal : 1 priority while both kinds wait", async () => {
    const { anna } = office.operators;
    const patch = await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { callingPolicy: { slaGuard: false, ratio: { normal: 2, priority: 1 } } } },
    });
    expect(patch.status).toBe(200);
    expect(patch.body.settings.callingPolicy).toEqual({ slaGuard: false, ratio: { normal: 2, priority: 1 } });
    const kinds = new Map<string, string>();
    for (let i = 0; i < 6; i++) {
      kinds.set((await issue(ctx, office, office.services.buy)).id, "N");
      kinds.set(
        (await issue(ctx, office, office.services.buy, { categoryId: office.categories.disabled })).id,
        "P",
      );
    }
    const sequence: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = await call(anna.cookie);
      sequence.push(kinds.get(t.id)!);
      await done(anna.cookie, t.id);
    }
    // The last call before this test was a priority client (the veteran), so a normal one is due.
    expect(sequence.join("")).toBe("NNPNNP");
    // The rule reads each call's class from ticket_calls, written with the call.
    const latestClasses = async () =>
      (
        await ctx.database.db
          .selectFrom("ticket_calls")
          .select("call_class")
          .orderBy("id", "desc")
          .limit(6)
          .execute()
      ).map((r) => (r.call_class === "priority" ? "P" : "N"));
    expect((await latestClasses()).reverse().join("")).toBe("NNPNNP");
    // An upgraded installation carries its latest calls over from the event log.
    await sql`drop table ticket_calls`.execute(ctx.database.db);
    await addTicketCalls(ctx.database.db as never);
    expect((await latestClasses()).reverse().join("")).toBe("NNPNNP");
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { callingPolicy: { slaGuard: true, ratio: null } } },
    });
    await closeDay();
  });
});

describe("the workplace", () => {
  it("one operator per workstation, with a message naming who is there", async () => {
    const taken = await ctx.request("POST", "/api/v1/operator/workstation", {
      cookie: office.operators.boris.cookie,
      body: { workstationId: office.workstations.w1 },
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: "workstation_taken",
      message: "workstation 1 is taken by anna",
    });
  });

  it("pause with a reason and resume; no pause while holding a ticket", async () => {
    const { anna } = office.operators;
    const reason = await ctx.request("POST", "/api/v1/pause-reasons", {
      cookie: ctx.adminCookie,
      body: { name: "Обед" },
    });
    const t = await issue(ctx, office, office.services.buy);
    await call(anna.cookie);
    const busy = await ctx.request("POST", "/api/v1/operator/pause", {
      cookie: anna.cookie,
      body: { reasonId: reason.body.id },
    });
    expect(busy.status).toBe(409);
    await done(anna.cookie, t.id);
    ctx.clock.advance(30);
    const paused = await ctx.request("POST", "/api/v1/operator/pause", {
      cookie: anna.cookie,
      body: { reasonId: reason.body.id },
    });
    expect(paused.body).toMatchObject({
      status: "paused",
      pauseReason: "Обед",
      since: ctx.clock.now.toISOString(),
    });
    ctx.clock.advance(600);
    const resumed = await ctx.request("POST", "/api/v1/operator/resume", { cookie: anna.cookie });
    expect(resumed.body).toMatchObject({ status: "free", pauseReason: null });
    expect(
      (await ctx.request("POST", "/api/v1/operator/resume", { cookie: anna.cookie })).body.error.code,
    ).toBe("not_paused");
    const log = await ctx.database.db
      .selectFrom("operator_status_log")
      .select(["status", "reason", "started_at", "ended_at"])
      .where("employee_id", "=", anna.id)
      .where("status", "=", "paused")
      .execute();
    expect(log).toHaveLength(1);
    expect(log[0]!.reason).toBe("Обед");
    expect(log[0]!.ended_at!.getTime() - log[0]!.started_at.getTime()).toBe(600_000);
  });

  it("state and queue summaries with exact figures", async () => {
    const { anna } = office.operators;
    const first = await issue(ctx, office, office.services.buy);
    ctx.clock.advance(20 * 60);
    await issue(ctx, office, office.services.buy);
    await issue(ctx, office, office.services.refund);
    ctx.clock.advance(90);
    const queues = await ctx.request("GET", "/api/v1/operator/queues", { cookie: anna.cookie });
    expect(queues.body.items).toEqual([
      {
        serviceId: office.services.buy,
        name: "Купить билет",
        prefix: "A",
        rank: 1,
        waiting: 2,
        longestWaitSeconds: 1290,
        overdue: 1,
      },
      {
        serviceId: office.services.refund,
        name: "Возврат",
        prefix: "B",
        rank: 2,
        waiting: 1,
        longestWaitSeconds: 90,
        overdue: 0,
      },
    ]);
    await call(anna.cookie);
    const state = await ctx.request("GET", "/api/v1/operator/state", { cookie: anna.cookie });
    expect(state.body).toMatchObject({
      workstation: { id: office.workstations.w1, number: "1" },
      status: "calling",
      ticket: { id: first.id, status: "called" },
    });
    const leave = await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: anna.cookie });
    expect(leave.status).toBe(409);
    expect(leave.body.error.code).toBe("operator_busy");
  });

  it("return keeps the place unless sent to the end; redirect needs another service", async () => {
    const { anna } = office.operators;
    const held = (await ctx.request("GET", "/api/v1/operator/state", { cookie: anna.cookie })).body.ticket;
    const kept = await ctx.request("POST", `/api/v1/operator/tickets/${held.id}/return`, {
      cookie: anna.cookie,
    });
    expect(kept.body).toMatchObject({
      status: "waiting",
      enqueuedAt: held.enqueuedAt,
      workstationId: null,
      callCount: 0,
    });
    expect((await call(anna.cookie)).id).toBe(held.id);
    const toEnd = await ctx.request("POST", `/api/v1/operator/tickets/${held.id}/return`, {
      cookie: anna.cookie,
      body: { toEnd: true },
    });
    expect(toEnd.body.enqueuedAt).toBe(ctx.clock.now.toISOString());
    const next = await call(anna.cookie);
    expect(next.id).not.toBe(held.id);
    // Redirect is for a client being served (docs/PRODUCT.md §3), not for one who has not come yet.
    const early = await ctx.request("POST", `/api/v1/operator/tickets/${next.id}/redirect`, {
      cookie: anna.cookie,
      body: { serviceId: office.services.refund },
    });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: "invalid_transition", details: { status: "called" } });
    await ctx.request("POST", `/api/v1/operator/tickets/${next.id}/start`, { cookie: anna.cookie });
    // And a client being served is not returned to the queue: he is finished or redirected.
    const back = await ctx.request("POST", `/api/v1/operator/tickets/${next.id}/return`, {
      cookie: anna.cookie,
    });
    expect(back.status).toBe(409);
    const same = await ctx.request("POST", `/api/v1/operator/tickets/${next.id}/redirect`, {
      cookie: anna.cookie,
      body: { serviceId: next.serviceId },
    });
    expect(same.status).toBe(400);
    const group = await ctx.request("POST", `/api/v1/operator/tickets/${next.id}/redirect`, {
      cookie: anna.cookie,
      body: { serviceId: office.services.group },
    });
    expect(group.status).toBe(400);
    expect(group.body.error.details).toEqual([
      { field: "serviceId", code: "unknownService", message: "no such service" },
    ]);
  });
});

describe("queue management", () => {
  it("search, change category, move, cancel and close the day", async () => {
    await closeDay();
    const sup = { cookie: office.supervisor.cookie };
    const a = await issue(ctx, office, office.services.buy);
    const b = await issue(ctx, office, office.services.buy);
    const found = await ctx.request("GET", `/api/v1/queue/tickets?q=${b.label}`, sup);
    expect(found.body.items.map((t: { id: string }) => t.id)).toEqual([b.id]);

    const recategorised = await ctx.request("PATCH", `/api/v1/queue/tickets/${b.id}`, {
      ...sup,
      body: { categoryId: office.categories.disabled },
    });
    expect(recategorised.body.categoryId).toBe(office.categories.disabled);
    const listed = await ctx.request("GET", `/api/v1/queue/tickets?serviceId=${office.services.buy}`, sup);
    expect(listed.body.items.map((t: { id: string }) => t.id)).toEqual([b.id, a.id]);

    const moved = await ctx.request("PATCH", `/api/v1/queue/tickets/${a.id}`, {
      ...sup,
      body: { serviceId: office.services.refund },
    });
    expect(moved.body).toMatchObject({
      serviceId: office.services.refund,
      label: a.label,
      status: "waiting",
    });

    const cancelled = await ctx.request("POST", `/api/v1/queue/tickets/${a.id}/cancel`, sup);
    expect(cancelled.body).toMatchObject({ status: "cancelled", closeReason: "cancelled_by_staff" });
    expect((await ctx.request("POST", `/api/v1/queue/tickets/${a.id}/cancel`, sup)).status).toBe(409);

    const { boris } = office.operators;
    await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
    await issue(ctx, office, office.services.refund);
    // b's category (priority 3) outweighs Boris' rank (buy is his rank 2, refund his rank 1).
    expect((await call(boris.cookie)).id).toBe(b.id);
    const closed = await closeDay();
    expect(closed.body).toMatchObject({ closed: 2, cancelled: 1, noShow: 1, served: 0 });
    const after = await ctx.request("GET", `/api/v1/tickets/${b.code}`);
    expect(after.body.status).toBe("no_show");
  });
});

describe("an archived client category", () => {
  it("is given to no ticket, by a kiosk or by a supervisor; a ticket that has it keeps it", async () => {
    const sup = { cookie: office.supervisor.cookie };
    const admin = { cookie: ctx.adminCookie };
    const created = await ctx.request("POST", "/api/v1/categories", {
      ...admin,
      body: { name: "Временная", priority: 2 },
    });
    expect(created.status).toBe(201);
    const before = await issue(ctx, office, office.services.buy, { categoryId: created.body.id });
    const other = await issue(ctx, office, office.services.buy);
    const archived = await ctx.request("PATCH", `/api/v1/categories/${created.body.id}`, {
      ...admin,
      body: { active: false },
    });
    expect(archived.body.active).toBe(false);

    const kiosk = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body: { serviceId: office.services.buy, categoryId: created.body.id },
    });
    expect(kiosk.status).toBe(400);
    expect(kiosk.body.error.details).toEqual([
      { field: "categoryId", code: "noSuchCategory", message: "no such client category" },
    ]);

    const moved = await ctx.request("PATCH", `/api/v1/queue/tickets/${other.id}`, {
      ...sup,
      body: { categoryId: created.body.id },
    });
    expect(moved.status).toBe(400);
    expect(moved.body.error.details).toEqual([
      { field: "categoryId", code: "noSuchCategory", message: "no such client category" },
    ]);
    const unchanged = await ctx.request("GET", `/api/v1/queue/tickets?q=${other.label}`, sup);
    expect(unchanged.body.items.map((t: { categoryId: string | null }) => t.categoryId)).toEqual([null]);

    // Naming the category the ticket already has changes nothing and is not an error.
    const same = await ctx.request("PATCH", `/api/v1/queue/tickets/${before.id}`, {
      ...sup,
      body: { categoryId: created.body.id },
    });
    expect(same.status).toBe(200);
    expect(same.body.categoryId).toBe(created.body.id);
  });
});

describe("archiving a workstation", () => {
  it("is refused while someone works there, naming who; allowed once the workstation is free", async () => {
    const admin = { cookie: ctx.adminCookie };
    const created = await ctx.request("POST", "/api/v1/workstations", {
      ...admin,
      body: { name: "Окно 9", number: "9", serviceIds: [office.services.buy] },
    });
    expect(created.status).toBe(201);
    const { vera } = office.operators;
    const before = await ctx.request("GET", "/api/v1/operator/state", { cookie: vera.cookie });
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: vera.cookie });
    await takeWorkstation(ctx, vera.cookie, created.body.id);
    const refused = await ctx.request("DELETE", `/api/v1/workstations/${created.body.id}`, admin);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: "workstation_in_use",
      message: `${before.body.employee.name} works at this workstation now`,
    });
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: vera.cookie });
    expect((await ctx.request("DELETE", `/api/v1/workstations/${created.body.id}`, admin)).status).toBe(204);
    expect((await ctx.request("GET", `/api/v1/workstations/${created.body.id}`, admin)).status).toBe(404);
    if (before.body.workstation) await takeWorkstation(ctx, vera.cookie, before.body.workstation.id);
  });
});

describe("eligibility and stuck workplaces", () => {
  it("calling a particular ticket needs the operator's competency, not only the workstation's", async () => {
    await closeDay();
    const { vera } = office.operators;
    // Window 3 serves corporate and buy; Vera may serve corporate only.
    await takeWorkstation(ctx, vera.cookie, office.workstations.w3);
    const buy = await issue(ctx, office, office.services.buy);
    const res = await ctx.request("POST", `/api/v1/operator/tickets/${buy.id}/call`, { cookie: vera.cookie });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("not_eligible");
    expect((await ctx.request("GET", `/api/v1/tickets/${buy.code}`)).body.status).toBe("waiting");
  });

  it("a supervisor frees a workstation: a called client goes back in his place, then it is free for another", async () => {
    await closeDay();
    const { anna, boris } = office.operators;
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    const t = await issue(ctx, office, office.services.buy);
    expect((await call(anna.cookie)).id).toBe(t.id);
    const taken = await ctx.request("POST", "/api/v1/operator/workstation", {
      cookie: boris.cookie,
      body: { workstationId: office.workstations.w1 },
    });
    expect(taken.status).toBe(409);

    const sup = { cookie: office.supervisor.cookie };
    const released = await ctx.request(
      "POST",
      `/api/v1/queue/workstations/${office.workstations.w1}/release`,
      sup,
    );
    expect(released.status).toBe(200);
    expect(released.body).toMatchObject({
      employee: { id: anna.id, name: "anna" },
      ticket: { id: t.id, status: "waiting", enqueuedAt: t.enqueuedAt, workstationId: null },
    });
    // A second click finds nothing to do.
    const again = await ctx.request(
      "POST",
      `/api/v1/queue/workstations/${office.workstations.w1}/release`,
      sup,
    );
    expect(again.body).toEqual({ employee: null, ticket: null });
    expect((await ctx.request("GET", "/api/v1/operator/state", { cookie: anna.cookie })).body).toMatchObject({
      status: "offline",
      workstation: null,
      ticket: null,
    });
    await takeWorkstation(ctx, boris.cookie, office.workstations.w1);
    expect((await call(boris.cookie)).id).toBe(t.id);
    await done(boris.cookie, t.id);
  });

  it("deactivating an employee frees his workstation and records the client he was serving", async () => {
    await closeDay();
    const admin = { cookie: ctx.adminCookie };
    const created = await ctx.request("POST", "/api/v1/employees", {
      ...admin,
      body: {
        login: "temp",
        name: "Временный",
        role: "operator",
        password: "temp-password-1",
        serviceIds: [office.services.buy],
      },
    });
    const cookie = await ctx.login("temp", "temp-password-1");
    await takeWorkstation(ctx, cookie, office.workstations.w2);
    const t = await issue(ctx, office, office.services.buy);
    expect((await call(cookie)).id).toBe(t.id);
    await ctx.request("POST", `/api/v1/operator/tickets/${t.id}/start`, { cookie });
    const off = await ctx.request("PATCH", `/api/v1/employees/${created.body.id}`, {
      ...admin,
      body: { active: false },
    });
    expect(off.status).toBe(200);
    const after = (await ctx.request("GET", "/api/v1/queue/tickets?status=served", admin)).body.items.find(
      (x: { id: string }) => x.id === t.id,
    );
    expect(after).toMatchObject({ status: "served", closeReason: "released" });
    await takeWorkstation(ctx, office.operators.boris.cookie, office.workstations.w2);
  });
});

describe("today's figures and the supervisor's view", () => {
  it("counts the operator's own served, no-shows, redirections and average service time today", async () => {
    await closeDay();
    // A new day: nothing counted yet.
    ctx.clock.now = new Date("2026-04-01T07:00:00Z");
    const { boris } = office.operators;
    await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
    const before = (await ctx.request("GET", "/api/v1/operator/today", { cookie: boris.cookie })).body;
    expect(before).toEqual({ served: 0, noShows: 0, redirected: 0, averageServiceSeconds: null });
    const a = await issue(ctx, office, office.services.refund);
    const b = await issue(ctx, office, office.services.refund);
    const c = await issue(ctx, office, office.services.refund);
    const act = (id: string, action: string, body?: unknown) =>
      ctx.request("POST", `/api/v1/operator/tickets/${id}/${action}`, { cookie: boris.cookie, body });
    expect((await call(boris.cookie)).id).toBe(a.id);
    await act(a.id, "start");
    ctx.clock.advance(240);
    await act(a.id, "finish");
    expect((await call(boris.cookie)).id).toBe(b.id);
    await act(b.id, "no-show");
    expect((await call(boris.cookie)).id).toBe(c.id);
    await act(c.id, "start");
    ctx.clock.advance(120);
    await act(c.id, "redirect", { serviceId: office.services.buy });
    const today = (await ctx.request("GET", "/api/v1/operator/today", { cookie: boris.cookie })).body;
    // Service times 240 s (served) and 120 s (redirected): 180 s on average.
    expect(today).toEqual({ served: 1, noShows: 1, redirected: 1, averageServiceSeconds: 180 });
  });

  it("a supervisor watches any workstation read-only; an operator only his own", async () => {
    const { anna, boris } = office.operators;
    const sup = { cookie: office.supervisor.cookie };
    const w2 = office.workstations.w2;
    const state = await ctx.request("GET", `/api/v1/operator/state?workstationId=${w2}`, sup);
    expect(state.status).toBe(200);
    expect(state.body.employee).toEqual({ id: boris.id, name: "boris" });
    const queues = await ctx.request("GET", `/api/v1/operator/queues?workstationId=${w2}`, sup);
    expect(queues.body.items.map((q: { serviceId: string; rank: number }) => [q.serviceId, q.rank])).toEqual([
      [office.services.refund, 1],
      [office.services.buy, 2],
    ]);
    expect((await ctx.request("GET", `/api/v1/operator/today?workstationId=${w2}`, sup)).status).toBe(200);
    // An operator may not watch a colleague; his own workstation by id is fine.
    expect(
      (await ctx.request("GET", `/api/v1/operator/state?workstationId=${w2}`, { cookie: anna.cookie }))
        .status,
    ).toBe(403);
    expect(
      (await ctx.request("GET", `/api/v1/operator/state?workstationId=${w2}`, { cookie: boris.cookie }))
        .status,
    ).toBe(200);
    // A free workstation shows nobody, and the services it serves.
    await ctx.request("POST", `/api/v1/queue/workstations/${office.workstations.w3}/release`, sup);
    const free = await ctx.request(
      "GET",
      `/api/v1/operator/state?workstationId=${office.workstations.w3}`,
      sup,
    );
    expect(free.body).toMatchObject({
      employee: null,
      status: "offline",
      ticket: null,
      workstation: { number: "3" },
    });
    const served = await ctx.request(
      "GET",
      `/api/v1/operator/queues?workstationId=${office.workstations.w3}`,
      sup,
    );
    expect(served.body.items.map((q: { serviceId: string }) => q.serviceId).sort()).toEqual(
      [office.services.buy, office.services.corporate].sort(),
    );
    expect((await ctx.request("GET", "/api/v1/operator/state?workstationId=999999", sup)).status).toBe(404);
  });
});
