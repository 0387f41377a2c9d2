import { FIELD_ISSUE_CODES } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/**
 * Bad input never yields a 500: every route gets malformed ids, bodies of the wrong types, huge
 * values, broken JSON and the wrong content type, and must answer a 4xx in the one error shape.
 */
let ctx: TestContext;
let office: Office;

setUpOffice(async (c, o) => {
  ctx = c;
  office = o;
  await takeWorkstation(ctx, office.supervisor.cookie, office.workstations.w2);
});

const HUGE = "x".repeat(10_000);
const WRONG_VALUES: unknown[] = [
  "text",
  1e20,
  -1,
  1.5,
  true,
  null,
  [],
  {},
  HUGE,
  "",
  "1; drop table tickets",
  "nul\u0000inside",
  "half an emoji \ud83d",
  { "key\u0000": "x" },
  ["ok", "nul\u0000"],
];
const BAD_IDS = ["abc", "-1", "0", "99999999999999999999999", "1.5", "%27", "1e3"];

function routes(): { method: string; path: string; bodyFields: string[] }[] {
  const doc = ctx.app.swagger() as {
    paths: Record<
      string,
      Record<string, { requestBody?: { content?: Record<string, { schema?: { properties?: object } }> } }>
    >;
  };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      bodyFields: Object.keys(op.requestBody?.content?.["application/json"]?.schema?.properties ?? {}),
    })),
  );
}

function expectClientError(res: { status: number; body: any }, what: string) {
  expect(
    res.status,
    `${what} → ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`,
  ).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(typeof res.body?.error?.code, `${what}: error shape`).toBe("string");
  expect(typeof res.body?.error?.message, `${what}: error shape`).toBe("string");
  if (res.body.error.code === "validation_error") {
    expect(Array.isArray(res.body.error.details), `${what}: details name the fields`).toBe(true);
    expect(res.body.error.details.length).toBeGreaterThan(0);
    for (const d of res.body.error.details) {
      expect(FIELD_ISSUE_CODES, `${what}: ${d.field} has a known code`).toContain(d.code);
    }
  }
}

describe("bad input on every route", () => {
  it("gets a 4xx in the error shape, never a 500", async () => {
    let requests = 0;
    const send = async (
      method: string,
      url: string,
      options: { body?: unknown; headers?: Record<string, string> } = {},
    ) => {
      requests++;
      // The supervisor may use both the operator routes and queue management; admin the rest.
      const cookie = url.includes("/operator/") ? office.supervisor.cookie : ctx.adminCookie;
      return ctx.request(method as "GET", url, { cookie, ...options });
    };
    for (const route of routes()) {
      if (route.path === "/api/v1/events" || route.path === "/api/v1/auth/logout") continue;
      const template = route.path;
      const params = template.match(/\{(\w+)\}/g) ?? [];
      // Malformed path parameters.
      for (const bad of BAD_IDS) {
        if (!params.length) break;
        const url = template.replace(/\{\w+\}/g, encodeURIComponent(bad));
        const res = await send(
          route.method,
          url,
          route.method === "GET" || route.method === "DELETE" ? {} : { body: {} },
        );
        if (res.status < 400) continue; // e.g. a counter number "abc" is a valid workstation number that does not exist → 404 below
        expectClientError(res, `${route.method} ${url}`);
      }
      if (route.method !== "POST" && route.method !== "PATCH") continue;
      const url = template
        .replace(/\{id\}/g, "999999")
        .replace(/\{code\}/g, "aaaaaaaaaaaa")
        .replace(/\{number\}/g, "1");
      // Every body field with every wrong value (on an id that does not exist, so valid values change nothing).
      for (const field of route.bodyFields) {
        for (const value of WRONG_VALUES) {
          const res = await send(route.method, url, { body: { [field]: value } });
          if (res.status < 400) continue; // some wrong-looking values are valid for some fields
          expectClientError(res, `${route.method} ${url} {${field}: ${JSON.stringify(value)?.slice(0, 20)}}`);
        }
      }
      // Not an object, broken JSON, the wrong content type, and an oversized body.
      for (const raw of ["[]", '"text"', "42", "null", "{", '{"a":'] as const) {
        const res = await send(route.method, url, {
          body: raw,
          headers: { "content-type": "application/json" },
        });
        if (res.status < 400) continue;
        expectClientError(res, `${route.method} ${url} body ${raw}`);
      }
      const plain = await send(route.method, url, {
        body: "hello",
        headers: { "content-type": "text/plain" },
      });
      if (plain.status >= 400) expectClientError(plain, `${route.method} ${url} text/plain`);
      const big = await send(route.method, url, { body: { name: "x".repeat(300_000) } });
      expectClientError(big, `${route.method} ${url} 300 kB body`);
    }
    expect(requests).toBeGreaterThan(1000);
  });

  it("query strings of the wrong type are 400s naming the parameter", async () => {
    for (const url of [
      "/api/v1/queue/tickets?limit=abc",
      "/api/v1/queue/tickets?limit=100000",
      "/api/v1/queue/tickets?status=lost",
      "/api/v1/queue/tickets?day=yesterday",
      "/api/v1/queue/tickets?day=2026-13-45",
      "/api/v1/queue/tickets?day=2026-02-29",
      "/api/v1/queue/tickets?q=%00",
      "/api/v1/queue/tickets?serviceId=x",
      "/api/v1/audit-log?beforeId=-5",
      "/api/v1/events?channel=everything",
      "/api/v1/services?branchId=abc",
    ]) {
      const res = await ctx.request("GET", url, { cookie: ctx.adminCookie });
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe("validation_error");
      const param = new URL(url, "http://x").searchParams.keys().next().value!;
      expect(JSON.stringify(res.body.error.details), url).toContain(param);
    }
  });
});

describe("errors name the field", () => {
  it("a ticket for a number instead of an id string", async () => {
    const res = await ctx.request("POST", "/api/v1/tickets", {
      token: office.kioskToken,
      body: { serviceId: 5 },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      { field: "serviceId", code: "invalid", message: "Invalid input: expected string, received number" },
    ]);
  });

  it("a service with an empty name and a bad prefix names both", async () => {
    const res = await ctx.request("POST", "/api/v1/services", {
      cookie: ctx.adminCookie,
      body: { name: "", prefix: "a1" },
    });
    expect(res.status).toBe(400);
    const issues = res.body.error.details.map((d: { field: string; code: string }) => [d.field, d.code]);
    expect(issues.sort()).toEqual([
      ["name", "empty"],
      ["prefix", "prefix"],
    ]);
  });

  it("a bound zod checks names its number; the server's own checks have codes too", async () => {
    const tooHigh = await ctx.request("POST", "/api/v1/categories", {
      cookie: ctx.adminCookie,
      body: { name: "VIP", priority: 500 },
    });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.error.details).toEqual([
      { field: "priority", code: "max", params: { n: 100 }, message: "Too big: expected number to be <=100" },
    ]);
    const orphan = await ctx.request("POST", "/api/v1/services", {
      cookie: ctx.adminCookie,
      body: { name: "Lost", prefix: "L", parentId: "999999" },
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.error.details).toEqual([
      { field: "parentId", code: "noSuchGroup", message: "no such service group" },
    ]);
  });

  it("an unknown role", async () => {
    const res = await ctx.request("PATCH", `/api/v1/employees/${office.operators.anna.id}`, {
      cookie: ctx.adminCookie,
      body: { role: "root" },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe("role");
  });

  it("a duplicate prefix is a 409 naming prefix", async () => {
    const res = await ctx.request("POST", "/api/v1/services", {
      cookie: ctx.adminCookie,
      body: { name: "Again", prefix: "A" },
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual([
      { field: "prefix", code: "taken", message: "this value is already used" },
    ]);
  });
});

describe("text and bodies the database could not take", () => {
  it("a NUL character or a lone surrogate is a 400 naming the field, even before sign-in", async () => {
    const nul = await ctx.request("POST", "/api/v1/auth/login", {
      body: { login: "a\u0000b", password: "whatever-1" },
    });
    expect(nul.status).toBe(400);
    expect(nul.body.error.details).toEqual([
      { field: "login", code: "nulCharacter", message: "must not contain the NUL character (\\u0000)" },
    ]);
    const surrogate = await ctx.request("POST", "/api/v1/services", {
      cookie: ctx.adminCookie,
      body: { name: "ok", prefix: "Q", translations: { en: "half \ud83d" } },
    });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error.details).toEqual([
      {
        field: "translations.en",
        code: "loneSurrogate",
        message: "must be valid Unicode text (it contains a lone surrogate)",
      },
    ]);
    const query = await ctx.request("GET", "/api/v1/audit-log?entity=%00", { cookie: ctx.adminCookie });
    expect(query.status).toBe(400);
    expect(query.body.error.details[0].field).toBe("query.entity");
  });

  it("broken JSON names the body; another content type is a 415 naming it", async () => {
    const broken = await ctx.request("POST", "/api/v1/services", {
      cookie: ctx.adminCookie,
      body: '{"name":',
      headers: { "content-type": "application/json" },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("validation_error");
    expect(broken.body.error.details[0]).toMatchObject({ field: "body", code: "malformed" });
    const proto = await ctx.request("POST", "/api/v1/services", {
      cookie: ctx.adminCookie,
      body: '{"name":"x","prefix":"Q","__proto__":{"admin":true}}',
      headers: { "content-type": "application/json" },
    });
    expect(proto.status).toBe(400);
    expect(proto.body.error.details[0].field).toBe("body");
    const plain = await ctx.request("POST", "/api/v1/services", {
      cookie: ctx.adminCookie,
      body: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(plain.status).toBe(415);
    expect(plain.body.error.code).toBe("unsupported_media_type");
    expect(plain.body.error.details[0].field).toBe("content-type");
  });

  it("a JSON content type with an empty body is no body, not an error", async () => {
    const res = await ctx.request("POST", "/api/v1/operator/call-next", {
      cookie: office.supervisor.cookie,
      body: "",
      headers: { "content-type": "application/json" },
    });
    expect([200, 204]).toContain(res.status);
    if (res.status === 200) {
      const back = await ctx.request("POST", `/api/v1/operator/tickets/${res.body.id}/return`, {
        cookie: office.supervisor.cookie,
        body: "",
        headers: { "content-type": "application/json" },
      });
      expect(back.status).toBe(200);
      expect(back.body.status).toBe("waiting");
    }
    // A route that needs a body says so, naming it.
    const missing = await ctx.request("POST", "/api/v1/categories", {
      cookie: ctx.adminCookie,
      body: "",
      headers: { "content-type": "application/json" },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe("body");
  });
});
