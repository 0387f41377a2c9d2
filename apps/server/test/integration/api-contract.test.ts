import { describe, expect, it } from "vitest";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { SseClient } from "../helpers/sse.ts";
import { ADMIN, type TestContext } from "../helpers/test-app.ts";

/** The API contract (the OpenAPI document and README), point by point, with exact statuses and fields. Runs on PGlite and PostgreSQL. */
let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

describe("health", () => {
  it("healthz and readyz answer 200", async () => {
    expect((await ctx.request("GET", "/healthz")).status).toBe(200);
    expect((await ctx.request("GET", "/readyz")).status).toBe(200);
  });
});

describe("auth", () => {
  it("login returns the user and an HttpOnly SameSite=Lax session cookie", async () => {
    const res = await ctx.request("POST", "/api/v1/auth/login", { body: ADMIN });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: expect.any(String), login: "admin", name: "Администратор", role: "admin" },
    });
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^dq_session=[\w-]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
  });

  it("wrong password and unknown login get the same 401", async () => {
    const wrong = await ctx.request("POST", "/api/v1/auth/login", {
      body: { login: "admin", password: "nope-nope" },
    });
    const unknown = await ctx.request("POST", "/api/v1/auth/login", {
      body: { login: "nobody", password: "nope-nope" },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.error.code).toBe("invalid_credentials");
  });

  it("me answers with the user or 401; logout is 204 and ends the session", async () => {
    const cookie = await ctx.login(ADMIN.login, ADMIN.password);
    expect((await ctx.request("GET", "/api/v1/auth/me", { cookie })).body.user.login).toBe("admin");
    expect((await ctx.request("GET", "/api/v1/auth/me")).status).toBe(401);
    expect((await ctx.request("POST", "/api/v1/auth/logout", { cookie })).status).toBe(204);
    expect((await ctx.request("GET", "/api/v1/auth/me", { cookie })).status).toBe(401);
    // A device is not a signed-in employee either.
    const device = await ctx.request("GET", "/api/v1/auth/me", { token: office.kioskToken });
    expect(device.status).toBe(401);
  });

  it("failed sign-ins are limited per address too, whatever login is tried", async () => {
    await ctx.database.db.deleteFrom("sign_in_failures").execute();
    // X-Forwarded-For is not believed (no trusted proxy), so rotating it changes nothing.
    let last = 0;
    for (let i = 0; i < 31; i++) {
      last = (
        await ctx.request("POST", "/api/v1/auth/login", {
          body: { login: `spray-${i}`, password: "guess-guess" },
          headers: { "x-forwarded-for": `198.51.100.${i}` },
        })
      ).status;
      if (i < 30) expect(last, `attempt ${i + 1}`).toBe(401);
    }
    expect(last).toBe(429);
    // A correct password from that address waits too: the limit is checked first.
    const blocked = await ctx.request("POST", "/api/v1/auth/login", { body: ADMIN });
    expect(blocked.status).toBe(429);
    await ctx.database.db.deleteFrom("sign_in_failures").execute();
  });

  it("a stale bearer token does not lock anyone out of public routes or of signing in", async () => {
    const stale = { authorization: "Bearer dqd_revoked-or-garbage" };
    expect((await ctx.request("GET", "/api/v1/board", { headers: stale })).status).toBe(200);
    const login = await ctx.request("POST", "/api/v1/auth/login", { body: ADMIN, headers: stale });
    expect(login.status).toBe(200);
    // Where a token is needed it is still refused.
    const issue = await ctx.request("POST", "/api/v1/tickets", {
      headers: stale,
      body: { serviceId: office.services.buy },
    });
    expect(issue.status).toBe(401);
  });

  it("sign-in attempts are limited per address and login", async () => {
    const attempt = (login: string) =>
      ctx.request("POST", "/api/v1/auth/login", { body: { login, password: "guess-guess" } });
    for (let i = 0; i < 10; i++) expect((await attempt("victim")).status).toBe(401);
    const limited = await attempt("victim");
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe("rate_limited");
    expect(limited.body.error.message).toMatch(/^too many failed sign-ins; try again in \d+ s$/);
    const wait = limited.body.error.details.retryAfterSeconds;
    expect(wait).toBeGreaterThan(0);
    // The same wait in the header every HTTP client and proxy understands.
    expect(limited.headers["retry-after"]).toBe(String(wait));
    // Another login from the same address is not locked out by it.
    expect((await attempt("someone-else")).status).toBe(401);
  });

  it("responses carry security headers", async () => {
    const res = await ctx.request("GET", "/api/v1/board");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("SAMEORIGIN");
    expect(String(res.headers["content-security-policy"])).toContain("default-src 'self'");
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
  });

  it("state-changing requests from another origin or marked cross-site are 403", async () => {
    const body = { serviceId: office.services.buy };
    const evil = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body,
      headers: { origin: "https://evil.example" },
    });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe("cross_origin_forbidden");
    const crossSite = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body,
      headers: { "sec-fetch-site": "cross-site" },
    });
    expect(crossSite.status).toBe(403);
    const same = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body,
      headers: { origin: "http://localhost:80", "sec-fetch-site": "same-origin" },
    });
    expect(same.status).toBe(201);
    // Reads are not state-changing.
    expect(
      (await ctx.request("GET", "/api/v1/board", { headers: { origin: "https://evil.example" } })).status,
    ).toBe(200);
  });
});

describe("directories", () => {
  it("list, create, get, patch and delete; the password is never returned; a device token once", async () => {
    const admin = { cookie: ctx.adminCookie };
    const created = await ctx.request("POST", "/api/v1/categories", {
      ...admin,
      body: { name: "С ребёнком", priority: 1 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: "С ребёнком", priority: 1 });
    const id = created.body.id;
    expect((await ctx.request("GET", `/api/v1/categories/${id}`, admin)).body.name).toBe("С ребёнком");
    expect(
      (await ctx.request("PATCH", `/api/v1/categories/${id}`, { ...admin, body: { priority: 4 } })).body
        .priority,
    ).toBe(4);
    expect((await ctx.request("DELETE", `/api/v1/categories/${id}`, admin)).status).toBe(204);
    expect((await ctx.request("GET", `/api/v1/categories/${id}`, admin)).status).toBe(404);
    const names = (await ctx.request("GET", "/api/v1/categories", admin)).body.items.map(
      (c: { name: string }) => c.name,
    );
    expect(names).toEqual(["Ветеран", "Инвалид"]);

    const employee = await ctx.request("POST", "/api/v1/employees", {
      ...admin,
      body: {
        login: "gleb",
        name: "Глеб",
        role: "operator",
        password: "secret-password",
        serviceIds: [office.services.buy, office.services.refund],
      },
    });
    expect(employee.status).toBe(201);
    expect(employee.body.competencies).toEqual([
      { serviceId: office.services.buy, rank: 1 },
      { serviceId: office.services.refund, rank: 1 },
    ]);
    const all = JSON.stringify([employee.body, (await ctx.request("GET", "/api/v1/employees", admin)).body]);
    expect(all).not.toMatch(/password/i);

    const device = await ctx.request("POST", "/api/v1/devices", {
      ...admin,
      body: { kind: "counter", name: "Над окном 1" },
    });
    expect(device.status).toBe(201);
    expect(device.body.token).toMatch(/^dqd_/);
    const listed = await ctx.request("GET", "/api/v1/devices", admin);
    expect(JSON.stringify(listed.body)).not.toContain(device.body.token);
    expect((await ctx.request("DELETE", `/api/v1/devices/${device.body.id}`, admin)).status).toBe(204);
    // A revoked token is refused where a device is needed; public pages stay public.
    expect((await ctx.request("GET", "/api/v1/branch", { token: device.body.token })).status).toBe(401);
    expect((await ctx.request("GET", "/api/v1/board", { token: device.body.token })).status).toBe(200);
  });
});

describe("PATCH changes only the fields it names", () => {
  it("a service keeps its order and priority when renamed", async () => {
    const admin = { cookie: ctx.adminCookie };
    const created = await ctx.request("POST", "/api/v1/services", {
      ...admin,
      body: { name: "Справки", prefix: "С", sortOrder: 7, priority: 5, dailyLimit: 40 },
    });
    const id = created.body.id;
    const renamed = await ctx.request("PATCH", `/api/v1/services/${id}`, {
      ...admin,
      body: { name: "Справки и выписки" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: "Справки и выписки",
      sortOrder: 7,
      priority: 5,
      dailyLimit: 40,
    });
    expect((await ctx.request("DELETE", `/api/v1/services/${id}`, admin)).status).toBe(204);
  });

  it("office settings keep what is not sent; the calling policy merges field by field", async () => {
    const admin = { cookie: ctx.adminCookie };
    const patch = (settings: unknown) =>
      ctx.request("PATCH", "/api/v1/branch", { ...admin, body: { settings } });
    await patch({ runningText: "Добро пожаловать", boardCalls: 5, callingPolicy: { slaGuard: false } });
    await patch({ boardShowWaiting: false, callingPolicy: { ratio: { normal: 2, priority: 1 } } });
    const branch = (await ctx.request("GET", "/api/v1/branch", admin)).body;
    expect(branch.settings).toMatchObject({
      runningText: "Добро пожаловать",
      boardCalls: 5,
      boardShowWaiting: false,
      callingPolicy: { slaGuard: false, ratio: { normal: 2, priority: 1 } },
    });
    await patch({
      runningText: "",
      boardCalls: 8,
      boardShowWaiting: true,
      callingPolicy: { slaGuard: true, ratio: null },
    });
  });
});

describe("tickets", () => {
  it("issue: 201 with the ticket; 400 for an unknown service; 422 when closed or over the limit", async () => {
    const res = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body: { serviceId: office.services.corporate, categoryId: office.categories.veteran },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      code: expect.stringMatching(/^[a-km-np-z2-9]{8}$/),
      label: "K001",
      serviceId: office.services.corporate,
      categoryId: office.categories.veteran,
      status: "waiting",
      issuedAt: ctx.clock.now.toISOString(),
      position: 0,
    });
    expect(
      (
        await ctx.request("POST", "/api/v1/tickets", {
          token: office.kioskToken,
          body: { serviceId: "424242" },
        })
      ).status,
    ).toBe(400);

    const sup = { cookie: office.supervisor.cookie };
    expect(
      (await ctx.request("POST", `/api/v1/queue/services/${office.services.corporate}/close`, sup)).status,
    ).toBe(204);
    const closed = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body: { serviceId: office.services.corporate },
    });
    expect(closed.status).toBe(422);
    expect(closed.body.error.code).toBe("service_closed");
    await ctx.request("POST", `/api/v1/queue/services/${office.services.corporate}/open`, sup);

    await ctx.request("PATCH", `/api/v1/services/${office.services.corporate}`, {
      cookie: ctx.adminCookie,
      body: { dailyLimit: 2 },
    });
    expect((await issue(ctx, office, office.services.corporate)).label).toBe("K002");
    const over = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body: { serviceId: office.services.corporate },
    });
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe("daily_limit_reached");
    await ctx.request("PATCH", `/api/v1/services/${office.services.corporate}`, {
      cookie: ctx.adminCookie,
      body: { dailyLimit: 3 },
    });
    expect((await issue(ctx, office, office.services.corporate)).label).toBe("K003");
  });

  it("Idempotency-Key: the same key within 24 hours returns the same ticket", async () => {
    const send = () =>
      ctx.request("POST", "/api/v1/tickets", {
        token: office.kioskToken,
        body: { serviceId: office.services.refund },
        headers: { "idempotency-key": "tap-42" },
      });
    const first = await send();
    const again = await send();
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    // The same key for another request is a client bug, not a retry: refused, nothing issued.
    const other = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body: { serviceId: office.services.buy },
      headers: { "idempotency-key": "tap-42" },
    });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    ctx.clock.advance(24 * 3600 + 1);
    const later = await send();
    expect(later.body.id).not.toBe(first.body.id);
  });

  it("a kiosk configured with some services issues only those (and the services of listed groups)", async () => {
    const admin = { cookie: ctx.adminCookie };
    const kiosk = await ctx.request("POST", "/api/v1/devices", {
      ...admin,
      body: { kind: "kiosk", name: "Только билеты", config: { serviceIds: [office.services.group] } },
    });
    const token = kiosk.body.token;
    const inGroup = await ctx.request("POST", "/api/v1/tickets", {
      token,
      body: { serviceId: office.services.buy },
    });
    expect(inGroup.status).toBe(201);
    const outside = await ctx.request("POST", "/api/v1/tickets", {
      token,
      body: { serviceId: office.services.corporate },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details).toEqual([
      { field: "serviceId", code: "notOffered", message: "this kiosk does not offer this service" },
    ]);
  });

  it("by code: people ahead, then the window when called; rating only after service, once", async () => {
    // Start from an empty queue: close what earlier tests left open.
    expect(
      (await ctx.request("POST", "/api/v1/queue/close-day", { cookie: office.supervisor.cookie })).status,
    ).toBe(200);
    const { anna } = office.operators;
    const a = await issue(ctx, office, office.services.buy);
    const b = await issue(ctx, office, office.services.buy);
    const before = await ctx.request("GET", `/api/v1/tickets/${b.code}`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      label: b.label,
      status: "waiting",
      serviceId: office.services.buy,
      position: 1,
      workstation: null,
    });
    // Nobody serves the service yet: no wait is promised.
    expect(before.body.estimatedWait).toBeNull();

    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
    expect((await ctx.request("POST", "/api/v1/operator/call-next", { cookie: anna.cookie })).body.id).toBe(
      a.id,
    );
    expect((await ctx.request("GET", `/api/v1/tickets/${b.code}`)).body.position).toBe(0);
    const calledView = await ctx.request("GET", `/api/v1/tickets/${a.code}`);
    expect(calledView.body).toMatchObject({
      status: "called",
      position: null,
      workstation: { name: "Окно 1", number: "1" },
    });
    expect(calledView.body).not.toHaveProperty("id");

    const early = await ctx.request("POST", `/api/v1/tickets/${a.code}/rating`, { body: { score: 5 } });
    expect(early.status).toBe(409);
    await ctx.request("POST", `/api/v1/operator/tickets/${a.id}/start`, { cookie: anna.cookie });
    await ctx.request("POST", `/api/v1/operator/tickets/${a.id}/finish`, { cookie: anna.cookie });
    expect(
      (await ctx.request("POST", `/api/v1/tickets/${a.code}/rating`, { body: { score: 6 } })).status,
    ).toBe(400);
    expect(
      (
        await ctx.request("POST", `/api/v1/tickets/${a.code}/rating`, {
          body: { score: 4, comment: "Быстро" },
        })
      ).status,
    ).toBe(204);
    const twice = await ctx.request("POST", `/api/v1/tickets/${a.code}/rating`, { body: { score: 1 } });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe("already_rated");
    expect((await ctx.request("GET", `/api/v1/tickets/${a.code}`)).body.rating).toEqual({
      score: 4,
      comment: "Быстро",
    });
    expect((await ctx.request("GET", "/api/v1/tickets/zzzzzzzzzzzz")).status).toBe(404);
  });
});

describe("operator", () => {
  it("call-next 204 when nobody waits, 409 while holding a ticket; impossible transitions 409", async () => {
    const { vera } = office.operators;
    await takeWorkstation(ctx, vera.cookie, office.workstations.w3);
    // Vera serves only "corporate".
    const first = await issue(ctx, office, office.services.corporate);
    await issue(ctx, office, office.services.corporate);
    await issue(ctx, office, office.services.corporate);
    const k = await ctx.request("POST", "/api/v1/operator/call-next", { cookie: vera.cookie });
    expect(k.status).toBe(200);
    expect(k.body).toMatchObject({
      id: first.id,
      status: "called",
      workstationId: office.workstations.w3,
      callCount: 1,
    });
    const busy = await ctx.request("POST", "/api/v1/operator/call-next", { cookie: vera.cookie });
    expect(busy.status).toBe(409);
    expect(busy.body.error.code).toBe("operator_busy");
    const finishCalled = await ctx.request("POST", `/api/v1/operator/tickets/${k.body.id}/finish`, {
      cookie: vera.cookie,
    });
    expect(finishCalled.status).toBe(409);
    expect(finishCalled.body.error.code).toBe("invalid_transition");
    const notMine = await ctx.request("POST", `/api/v1/operator/tickets/${k.body.id}/start`, {
      cookie: office.operators.boris.cookie,
    });
    expect(notMine.status).toBe(409);
    expect(notMine.body.error.code).toBe("not_your_ticket");
    expect(
      (await ctx.request("POST", `/api/v1/operator/tickets/${k.body.id}/no-show`, { cookie: vera.cookie }))
        .body.status,
    ).toBe("no_show");
    for (let i = 0; i < 2; i++) {
      const next = await ctx.request("POST", "/api/v1/operator/call-next", { cookie: vera.cookie });
      await ctx.request("POST", `/api/v1/operator/tickets/${next.body.id}/return`, {
        cookie: vera.cookie,
        body: { toEnd: false },
      });
      await ctx.request("POST", `/api/v1/queue/tickets/${next.body.id}/cancel`, {
        cookie: office.supervisor.cookie,
      });
    }
    const none = await ctx.request("POST", "/api/v1/operator/call-next", { cookie: vera.cookie });
    expect(none.status).toBe(204);
    expect(none.body).toBe("");
  });
});

describe("board and live events", () => {
  it("the board lists current calls newest first and the waiting tickets", async () => {
    const { anna, boris } = office.operators;
    await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
    for (const cookie of [anna.cookie, boris.cookie]) {
      await issue(ctx, office, office.services.buy);
      ctx.clock.advance(5);
      expect((await ctx.request("POST", "/api/v1/operator/call-next", { cookie })).status).toBe(200);
    }
    const waiting = await issue(ctx, office, office.services.refund);
    const board = await ctx.request("GET", "/api/v1/board");
    expect(board.status).toBe(200);
    expect(board.body.calls.map((c: { workstation: { number: string } }) => c.workstation.number)).toEqual([
      "2",
      "1",
    ]);
    for (const call of board.body.calls) {
      expect(call).toMatchObject({
        label: expect.any(String),
        workstation: { name: expect.any(String), number: expect.any(String) },
      });
    }
    const times = board.body.calls.map((c: { calledAt: string }) => c.calledAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(board.body.waiting).toContainEqual({ label: waiting.label, serviceId: office.services.refund });
    expect(board.body.serverTime).toBe(ctx.clock.now.toISOString());
    expect(board.body.display).toEqual({
      language: null,
      voice: true,
      showWaiting: true,
      calls: 8,
      workstationNumbers: [],
    });
  });

  it("a recall puts the ticket back at the top of the board, whatever the number of calls shown", async () => {
    const { anna, boris } = office.operators;
    await ctx.request("POST", "/api/v1/queue/close-day", { cookie: ctx.adminCookie });
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { boardCalls: 1 } },
    });
    const first = await issue(ctx, office, office.services.buy);
    const second = await issue(ctx, office, office.services.buy);
    expect((await ctx.request("POST", "/api/v1/operator/call-next", { cookie: anna.cookie })).body.id).toBe(
      first.id,
    );
    ctx.clock.advance(10);
    expect((await ctx.request("POST", "/api/v1/operator/call-next", { cookie: boris.cookie })).body.id).toBe(
      second.id,
    );
    const top = async () =>
      (await ctx.request("GET", "/api/v1/board")).body.calls.map((c: { label: string }) => c.label);
    expect(await top()).toEqual([second.label]);
    ctx.clock.advance(10);
    await ctx.request("POST", `/api/v1/operator/tickets/${first.id}/recall`, { cookie: anna.cookie });
    const board = (await ctx.request("GET", "/api/v1/board")).body;
    expect(board.calls).toMatchObject([
      { label: first.label, callCount: 2, lastCalledAt: ctx.clock.now.toISOString() },
    ]);
    expect(board.calls[0].calledAt).not.toBe(board.calls[0].lastCalledAt);
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { boardCalls: 8 } },
    });
  });

  it("SSE: each event has the log id, its type and {ticketId, label, status}; Last-Event-ID replays the rest", async () => {
    const base = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    const live = await SseClient.connect(`${base}/api/v1/events?channel=board`);
    const t = await issue(ctx, office, office.services.refund);
    await live.waitFor((events) => events.some((e) => e.data.ticketId === t.id));
    const issued = live.events.find((e) => e.data.ticketId === t.id)!;
    expect(issued.event).toBe("ticket.issued");
    expect(issued.data).toMatchObject({ ticketId: t.id, label: t.label, status: "waiting" });
    const row = await ctx.database.db
      .selectFrom("events")
      .select("id")
      .where("ticket_id", "=", t.id)
      .executeTakeFirstOrThrow();
    expect(issued.id).toBe(row.id);
    await live.close();

    await ctx.request("POST", `/api/v1/tickets/${t.code}/cancel`);
    const replay = await SseClient.connect(`${base}/api/v1/events?channel=board`, {
      "last-event-id": issued.id,
    });
    await replay.waitFor((events) => events.some((e) => e.event === "ticket.cancelled"));
    expect(replay.events.map((e) => [e.event, e.data.ticketId])).toEqual([["ticket.cancelled", t.id]]);
    await replay.close();
  });

  it("the staff channel of another branch is refused to an operator who does not work there", async () => {
    const address = ctx.app.server.address();
    const base =
      address && typeof address === "object"
        ? `http://127.0.0.1:${address.port}`
        : await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    const other = await ctx.request("POST", "/api/v1/branches", {
      cookie: ctx.adminCookie,
      body: { name: "Другой офис" },
    });
    expect(other.status).toBe(201);
    const cookie = { cookie: office.operators.anna.cookie };
    const foreign = await SseClient.connect(
      `${base}/api/v1/events?channel=staff&branchId=${other.body.id}`,
      cookie,
    );
    expect(foreign.status).toBe(403);
    await foreign.close();
    const own = await SseClient.connect(`${base}/api/v1/events?channel=staff`, cookie);
    expect(own.status).toBe(200);
    await own.close();
  });
});

describe("the OpenAPI document", () => {
  it("says who may call each route, which statuses it answers, and that errors have one shape", async () => {
    const doc = (await ctx.request("GET", "/api/openapi.json")).body;
    const op = (method: string, path: string) => doc.paths[path][method];

    expect(op("delete", "/api/v1/services/{id}").responses["204"]).toEqual({ description: "No content" });
    expect(op("delete", "/api/v1/services/{id}").responses["200"]).toBeUndefined();
    expect(op("post", "/api/v1/auth/logout").responses["204"]).toBeDefined();
    expect(op("post", "/api/v1/tickets/{code}/rating").responses["204"]).toBeDefined();

    expect(op("get", "/api/v1/board").security).toEqual([]);
    expect(op("post", "/api/v1/services").security).toEqual([{ session: [] }, { bearer: [] }]);
    expect(op("post", "/api/v1/operator/call-next").security).toEqual([{ session: [] }]);
    expect(op("post", "/api/v1/tickets").description).toContain("devices: kiosk");

    const conflict = op("post", "/api/v1/operator/call-next").responses["409"];
    expect(conflict.content["application/json"].schema.properties.error.required).toEqual([
      "code",
      "message",
    ]);
    expect(Object.keys(op("get", "/api/v1/events").responses["200"].content)).toEqual(["text/event-stream"]);
  });
});
