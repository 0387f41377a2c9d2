import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import { loadConfig } from "../../src/core/config.ts";
import type { App } from "../../src/http/types.ts";
import { issue, type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { SseClient } from "../helpers/sse.ts";
import { TestClock, type TestContext, testConfig } from "../helpers/test-app.ts";

/**
 * /metrics after one scripted morning whose every figure was worked out by hand (Monday 2 March
 * 2026, Moscow; minutes from 08:00 local = 05:00 UTC):
 *
 *   yesterday: Y1 buy issued, called after 60 s, served 60 s; Y2 corporate issued and still waiting
 *   A1 buy     issued 0  called 1 (anna)   start 2   finish 12            wait 60    service 600
 *   A2 buy     issued 0  called 12 (anna)  start 13  redirected 15        wait 720
 *   A2 refund  queued 15 called 16 (boris, from the list) start 18  finish 48            wait 60    service 1800
 *   B1 refund  issued 0  called 4 (boris)  start 5   finish 15            wait 240   service 600
 *   A3 buy     issued 0  called 25 (anna)  no-show 27                     wait 1500
 *   K1 corp.   issued 20, waiting
 *   A4 buy     issued 30, waiting;  B2 refund issued 30, cancelled 31
 *
 * Today per service:   issued  called  served  waiting   waits (s)          service times (s)
 *   buy                  4       3       1       1       60, 720, 1500      600
 *   refund               2       2       2       0       240, 60            600, 1800
 *   corporate            1       0       0       2 (Y2 and K1)
 */
let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T05:00:00Z"));
const at = (minute: number) => {
  clock.now = new Date(Date.parse("2026-03-02T05:00:00Z") + minute * 60_000);
};
let codes: string[] = [];

// No web app: a request that matches no route is then a plain 404, wherever the tests run.
setUpOffice({ clock, config: { webDist: "/nonexistent" } }, async (c, o) => {
  ctx = c;
  office = o;
  const { anna, boris } = office.operators;
  const { buy, refund, corporate } = office.services;
  const op = (cookie: string, path: string, body?: unknown) => operatorAction(ctx, cookie, path, body);

  // Yesterday, 09:00 local.
  clock.now = new Date("2026-03-01T06:00:00Z");
  await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
  const y1 = await issue(ctx, office, buy);
  clock.advance(60);
  expect((await op(anna.cookie, "call-next")).id).toBe(y1.id);
  await op(anna.cookie, `tickets/${y1.id}/start`);
  clock.advance(60);
  await op(anna.cookie, `tickets/${y1.id}/finish`);
  const y2 = await issue(ctx, office, corporate);
  await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: anna.cookie });

  at(0);
  await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
  await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
  const a1 = await issue(ctx, office, buy);
  const a2 = await issue(ctx, office, buy);
  const b1 = await issue(ctx, office, refund);
  const a3 = await issue(ctx, office, buy);
  at(1);
  expect((await op(anna.cookie, "call-next")).id).toBe(a1.id);
  at(2);
  await op(anna.cookie, `tickets/${a1.id}/start`);
  at(4);
  expect((await op(boris.cookie, "call-next")).id).toBe(b1.id);
  at(5);
  await op(boris.cookie, `tickets/${b1.id}/start`);
  at(12);
  await op(anna.cookie, `tickets/${a1.id}/finish`);
  expect((await op(anna.cookie, "call-next")).id).toBe(a2.id);
  at(13);
  await op(anna.cookie, `tickets/${a2.id}/start`);
  at(15);
  await op(boris.cookie, `tickets/${b1.id}/finish`);
  await op(anna.cookie, `tickets/${a2.id}/redirect`, { serviceId: refund });
  at(16);
  // Chosen from the list (call-next would take A3, waiting longer).
  expect((await op(boris.cookie, `tickets/${a2.id}/call`)).id).toBe(a2.id);
  at(18);
  await op(boris.cookie, `tickets/${a2.id}/start`);
  at(20);
  const k1 = await issue(ctx, office, corporate);
  at(25);
  expect((await op(anna.cookie, "call-next")).id).toBe(a3.id);
  at(27);
  await op(anna.cookie, `tickets/${a3.id}/no-show`);
  at(30);
  const a4 = await issue(ctx, office, buy);
  const b2 = await issue(ctx, office, refund);
  at(31);
  expect((await ctx.request("POST", `/api/v1/tickets/${b2.code}/cancel`)).status).toBe(200);
  at(48);
  await op(boris.cookie, `tickets/${a2.id}/finish`);
  at(50);
  codes = [y1, y2, a1, a2, a3, a4, b1, b2, k1].map((t) => t.code as string);
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The exposition text as samples; fails on a line that is not a comment or a sample. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(app: App = ctx.app) {
  const res = await app.inject({ method: "GET", url: "/metrics" });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers["content-type"]).toBe("text/plain; version=0.0.4; charset=utf-8");
  return { text: res.body, samples: parse(res.body) };
}

/** The one sample with exactly these labels (undefined when there is none). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter(
    (s) =>
      s.name === name &&
      Object.keys(s.labels).length === Object.keys(labels).length &&
      Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0]?.value;
}

/** A histogram's buckets as {le: count}, with its sum and count. */
function histogram(samples: Sample[], name: string, labels: Record<string, string>) {
  const buckets: Record<string, number> = {};
  for (const s of samples) {
    if (s.name !== `${name}_bucket`) continue;
    const { le, ...rest } = s.labels;
    if (
      Object.entries(labels).every(([k, v]) => rest[k] === v) &&
      Object.keys(rest).length === Object.keys(labels).length
    )
      buckets[le!] = s.value;
  }
  return {
    buckets,
    sum: value(samples, `${name}_sum`, labels),
    count: value(samples, `${name}_count`, labels),
  };
}

const WAIT_LE = ["30", "60", "120", "300", "600", "900", "1200", "1800", "2700", "3600", "7200", "+Inf"];
const SERVICE_LE = ["60", "120", "180", "300", "600", "900", "1200", "1800", "2700", "3600", "+Inf"];
const zip = (les: string[], counts: number[]) => Object.fromEntries(les.map((le, i) => [le, counts[i]]));

describe("the queue's figures after the scripted morning", () => {
  it("tickets issued, called, served today and waiting now, per service", async () => {
    const { samples } = await scrape();
    const s = (service: string) => ({ branch: "1", service });
    const { buy, refund, corporate } = office.services;
    const figures = (service: string) => ({
      issued: value(samples, "dq_tickets_issued_today", s(service)),
      called: value(samples, "dq_tickets_called_today", s(service)),
      served: value(samples, "dq_tickets_served_today", s(service)),
      waiting: value(samples, "dq_tickets_waiting", s(service)),
    });
    expect(figures(buy)).toEqual({ issued: 4, called: 3, served: 1, waiting: 1 });
    expect(figures(refund)).toEqual({ issued: 2, called: 2, served: 2, waiting: 0 });
    expect(figures(corporate)).toEqual({ issued: 1, called: 0, served: 0, waiting: 2 });
    // The group is not a queue.
    expect(value(samples, "dq_tickets_waiting", s(office.services.group))).toBeUndefined();
    expect(value(samples, "dq_service_info", { ...s(buy), name: "Купить билет" })).toBe(1);
    expect(samples.find((x) => x.name === "dq_branch_info")?.labels).toMatchObject({
      branch: "1",
      timezone: "Europe/Moscow",
    });
    expect(value(samples, "dq_database_up")).toBe(1);
  });

  it("wait-time histogram: buckets, sum and count of today's calls", async () => {
    const { samples } = await scrape();
    const { buy, refund, corporate } = office.services;
    expect(histogram(samples, "dq_ticket_wait_seconds", { branch: "1", service: buy })).toEqual({
      // 60, 720, 1500
      buckets: zip(WAIT_LE, [0, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 3]),
      sum: 2280,
      count: 3,
    });
    expect(histogram(samples, "dq_ticket_wait_seconds", { branch: "1", service: refund })).toEqual({
      // 240, 60
      buckets: zip(WAIT_LE, [0, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2]),
      sum: 300,
      count: 2,
    });
    expect(histogram(samples, "dq_ticket_wait_seconds", { branch: "1", service: corporate })).toEqual({
      buckets: zip(WAIT_LE, Array(12).fill(0)),
      sum: 0,
      count: 0,
    });
  });

  it("service-time histogram: buckets, sum and count of today's services", async () => {
    const { samples } = await scrape();
    const { buy, refund } = office.services;
    expect(histogram(samples, "dq_ticket_service_seconds", { branch: "1", service: buy })).toEqual({
      buckets: zip(SERVICE_LE, [0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1]),
      sum: 600,
      count: 1,
    });
    expect(histogram(samples, "dq_ticket_service_seconds", { branch: "1", service: refund })).toEqual({
      // 600, 1800 (exactly a bound counts in it)
      buckets: zip(SERVICE_LE, [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2]),
      sum: 2400,
      count: 2,
    });
  });

  it("follow the office's day: tomorrow starts from zero, the waiting stay", async () => {
    const saved = clock.now;
    clock.now = new Date("2026-03-03T05:00:00Z");
    try {
      const { samples } = await scrape();
      const { buy, corporate } = office.services;
      expect(value(samples, "dq_tickets_issued_today", { branch: "1", service: buy })).toBe(0);
      expect(value(samples, "dq_ticket_wait_seconds_count", { branch: "1", service: buy })).toBe(0);
      expect(value(samples, "dq_tickets_waiting", { branch: "1", service: corporate })).toBe(2);
    } finally {
      clock.now = saved;
    }
  });

  it("every instance on the database reports the same figures; its own requests only", async () => {
    // Another app on the same database: a second server behind the proxy.
    const second =
      ctx.testDb.kind === "postgres"
        ? await ctx.secondInstance()
        : await buildApp({ config: ctx.config, database: ctx.database, clock: clock.fn, logger: false });
    try {
      const queueSeries = (samples: Sample[]) =>
        samples.filter((x) => x.name.startsWith("dq_ticket") || x.name.startsWith("dq_service_info"));
      const mine = queueSeries((await scrape()).samples);
      expect(mine.length).toBeGreaterThan(50);
      expect(queueSeries((await scrape(second)).samples)).toEqual(mine);
      const callNext = { method: "POST", route: "/api/v1/operator/call-next", status_code: "200" };
      expect(value((await scrape(second)).samples, "dq_http_request_duration_seconds_count", callNext)).toBe(
        undefined,
      );
    } finally {
      if (ctx.testDb.kind !== "postgres") await second.close();
    }
  });

  it("a second office gets its own series, counted in its own timezone's day", async () => {
    const admin = { cookie: ctx.adminCookie };
    // 05:50 UTC on 2 March is still 1 March in Los Angeles: that office's today.
    const branch = await ctx.request("POST", "/api/v1/branches", {
      ...admin,
      body: { name: "West", timezone: "America/Los_Angeles" },
    });
    expect(branch.status).toBe(201);
    const headers = { "x-branch-id": branch.body.id };
    const service = await ctx.request("POST", "/api/v1/services", {
      ...admin,
      headers,
      body: { name: "Справки", prefix: "S" },
    });
    expect(service.status).toBe(201);
    const ticket = await ctx.request("POST", "/api/v1/tickets", {
      ...admin,
      headers,
      body: { serviceId: service.body.id },
    });
    expect(ticket.status).toBe(201);
    codes.push(ticket.body.code);
    const { samples } = await scrape();
    const west = { branch: branch.body.id, service: service.body.id };
    expect(value(samples, "dq_tickets_issued_today", west)).toBe(1);
    expect(value(samples, "dq_tickets_waiting", west)).toBe(1);
    expect(
      value(samples, "dq_branch_info", {
        branch: branch.body.id,
        name: "West",
        timezone: "America/Los_Angeles",
      }),
    ).toBe(1);
    // The first office's figures are untouched.
    expect(value(samples, "dq_tickets_issued_today", { branch: "1", service: office.services.buy })).toBe(4);
  });
});

describe("the instance's own metrics", () => {
  it("HTTP durations by method, route template and status", async () => {
    const missing = await ctx.request("GET", "/no/such/page/12345");
    expect(missing.status).toBe(404);
    const { samples, text } = await scrape();
    // anna called next 4 times (one yesterday), boris once.
    const callNext = { method: "POST", route: "/api/v1/operator/call-next", status_code: "200" };
    expect(value(samples, "dq_http_request_duration_seconds_count", callNext)).toBe(5);
    expect(histogram(samples, "dq_http_request_duration_seconds", callNext).buckets["+Inf"]).toBe(5);
    const start = { method: "POST", route: "/api/v1/operator/tickets/:id/start", status_code: "200" };
    expect(value(samples, "dq_http_request_duration_seconds_count", start)).toBe(5);
    expect(value(samples, "dq_http_request_duration_seconds_sum", start)).toBeGreaterThan(0);
    expect(
      value(samples, "dq_http_request_duration_seconds_count", { ...callNext, le: "10" }),
    ).toBeUndefined();
    expect(
      value(samples, "dq_http_request_duration_seconds_count", {
        method: "GET",
        route: "unmatched",
        status_code: "404",
      }),
    ).toBe(1);
    // Templates only: no ids, ticket codes or tokens in any label.
    const routes = new Set(samples.filter((x) => x.labels.route).map((x) => x.labels.route!));
    for (const route of routes) expect(route).toMatch(/^(unmatched|\/[a-z0-9/:*_-]*)$/);
    for (const route of routes) expect(route).not.toMatch(/\/\d+(\/|$)/);
    expect(routes).toContain("/api/v1/tickets/:code/cancel");
    for (const secret of [...codes, office.kioskToken, office.boardToken, ctx.adminCookie.split("=")[1]!]) {
      expect(text).not.toContain(secret);
    }
  });

  it("SSE clients: the streams open on this instance", async () => {
    const base = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    const sse = async () => value((await scrape()).samples, "dq_sse_clients");
    expect(await sse()).toBe(0);
    const a = await SseClient.connect(`${base}/api/v1/events?channel=board`);
    const b = await SseClient.connect(`${base}/api/v1/events?channel=board`, {
      authorization: `Bearer ${office.boardToken}`,
    });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await sse()).toBe(2);
    await a.close();
    await expect.poll(sse).toBe(1);
    await b.close();
    await expect.poll(sse).toBe(0);
    // A stream's lifetime is no request's latency: streams are not timed.
    const { samples } = await scrape();
    const streams = { method: "GET", route: "/api/v1/events", status_code: "200" };
    expect(value(samples, "dq_http_request_duration_seconds_count", streams)).toBeUndefined();
  });

  it("database pools on PostgreSQL; none on PGlite", async () => {
    const { samples } = await scrape();
    const pool = (name: string) => ({
      max: value(samples, "dq_db_pool_max_connections", { pool: name }),
      total: value(samples, "dq_db_pool_connections", { pool: name }),
      idle: value(samples, "dq_db_pool_idle_connections", { pool: name }),
      waiting: value(samples, "dq_db_pool_waiting_requests", { pool: name }),
    });
    if (ctx.testDb.kind === "postgres") {
      // The test database opens the queue's pool with 30 connections; reports always have 2.
      const queue = pool("queue");
      expect(queue.max).toBe(30);
      expect(queue.total).toBeGreaterThanOrEqual(1);
      expect(queue.idle).toBeLessThanOrEqual(queue.total!);
      expect(queue.waiting).toBe(0);
      const reports = pool("reports");
      expect(reports.max).toBe(2);
      // This very scrape read the queue's figures through the reports' pool.
      expect(reports.total).toBeGreaterThanOrEqual(1);
      expect(reports.waiting).toBe(0);
    } else {
      expect(samples.filter((x) => x.name.startsWith("dq_db_pool_"))).toEqual([]);
    }
  });

  it("the process: event-loop lag, CPU, memory", async () => {
    const { samples, text } = await scrape();
    expect(text).toContain("# TYPE nodejs_eventloop_lag_seconds gauge");
    expect(value(samples, "nodejs_eventloop_lag_seconds")).toBeGreaterThanOrEqual(0);
    expect(value(samples, "nodejs_eventloop_lag_p99_seconds")).toBeGreaterThanOrEqual(0);
    expect(value(samples, "process_cpu_seconds_total")).toBeGreaterThan(0);
    expect(value(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
    // Every name appears once: the process's registry and the app's do not overlap.
    const types = text.split("\n").filter((l) => l.startsWith("# TYPE "));
    expect(new Set(types).size).toBe(types.length);
  });
});

describe("who may read /metrics", () => {
  const TOKEN = "metrics-token-0123456789abcdef";
  let withToken: App;
  let behindProxy: App;

  beforeAll(async () => {
    const build = (config: Parameters<typeof testConfig>[0]) =>
      buildApp({ config: testConfig(config), database: ctx.database, clock: clock.fn, logger: false });
    withToken = await build({ metricsToken: TOKEN });
    behindProxy = await build({ trustProxy: ["loopback"] });
  });
  afterAll(async () => {
    await withToken?.close();
    await behindProxy?.close();
  });

  const get = (app: App, remoteAddress: string, headers: Record<string, string> = {}) =>
    app.inject({ method: "GET", url: "/metrics", remoteAddress, headers });

  it("with DQ_METRICS_TOKEN: the bearer token, from anywhere; 401 without it or with another", async () => {
    for (const authorization of [
      undefined,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      "Bearer x",
      `Basic ${TOKEN}`,
      TOKEN,
    ]) {
      for (const remoteAddress of ["127.0.0.1", "203.0.113.7"]) {
        const res = await get(withToken, remoteAddress, authorization ? { authorization } : {});
        expect(res.statusCode, `${authorization} from ${remoteAddress}`).toBe(401);
        expect(res.headers["www-authenticate"]).toBe('Bearer realm="metrics"');
        const body = res.json();
        expect(body).toEqual({
          error: { code: "unauthenticated", message: expect.stringContaining("DQ_METRICS_TOKEN") },
        });
        expect(res.body).not.toContain(TOKEN);
      }
    }
    for (const remoteAddress of ["127.0.0.1", "203.0.113.7"]) {
      const res = await get(withToken, remoteAddress, { authorization: `Bearer ${TOKEN}` });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain("dq_tickets_issued_today");
      expect(res.body).not.toContain(TOKEN);
    }
    expect((await get(withToken, "203.0.113.7", { authorization: `bearer ${TOKEN}` })).statusCode).toBe(200);
  });

  it("without it: loopback clients only, and 403 naming DQ_METRICS_TOKEN for the others", async () => {
    for (const remoteAddress of ["127.0.0.1", "::1", "::ffff:127.0.0.1"]) {
      expect((await get(ctx.app, remoteAddress)).statusCode, remoteAddress).toBe(200);
    }
    for (const remoteAddress of ["203.0.113.7", "10.0.0.5", "::ffff:192.168.1.20", "2001:db8::1"]) {
      const res = await get(ctx.app, remoteAddress);
      expect(res.statusCode, remoteAddress).toBe(403);
      expect(res.json()).toEqual({
        error: { code: "forbidden", message: expect.stringContaining("DQ_METRICS_TOKEN") },
      });
    }
    // A proxy on this host that the app does not trust forwards for someone else.
    expect((await get(ctx.app, "127.0.0.1", { "x-forwarded-for": "203.0.113.7" })).statusCode).toBe(403);
    expect((await get(ctx.app, "127.0.0.1", { forwarded: "for=203.0.113.7" })).statusCode).toBe(403);
  });

  it("behind a trusted proxy, the client's own address decides", async () => {
    expect((await get(behindProxy, "127.0.0.1", { "x-forwarded-for": "203.0.113.7" })).statusCode).toBe(403);
    // A client cannot pretend to be local: the proxy appends the address it saw.
    expect(
      (await get(behindProxy, "127.0.0.1", { "x-forwarded-for": "127.0.0.1, 203.0.113.7" })).statusCode,
    ).toBe(403);
    expect((await get(behindProxy, "127.0.0.1", { "x-forwarded-for": "127.0.0.1" })).statusCode).toBe(200);
    expect((await get(behindProxy, "127.0.0.1")).statusCode).toBe(200);
  });

  it("DQ_METRICS_TOKEN is checked at start-up without being echoed", () => {
    const base = { DQ_ADMIN_PASSWORD: "admin-password-1" };
    expect(loadConfig({ ...base, DQ_METRICS_TOKEN: TOKEN }).metricsToken).toBe(TOKEN);
    expect(loadConfig(base).metricsToken).toBeUndefined();
    expect(loadConfig({ ...base, DQ_METRICS_TOKEN: "" }).metricsToken).toBeUndefined();
    for (const bad of ["short-secret-1", "a token with spaces in it"]) {
      let message = "";
      try {
        loadConfig({ ...base, DQ_METRICS_TOKEN: bad });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/DQ_METRICS_TOKEN: must/);
      expect(message).not.toContain(bad);
    }
  });
});
