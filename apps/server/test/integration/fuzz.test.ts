import { mkdtempSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Office, setUpOffice } from "../helpers/office.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * Every operation of the OpenAPI document gets malformed input as an anonymous visitor, an
 * operator and an administrator: wrong types, missing and extra fields, 1 MB strings, NUL bytes,
 * invalid ids, empty PATCH bodies, broken JSON, the wrong content type — and, through a real
 * socket, a 5,000-character path parameter and a 100 KB query string. No answer may be a 5xx, and
 * every error must be exactly `{error: {code, message, details?}}`. (`ctx.request` also checks each
 * answer against the document.)
 */
let ctx: TestContext;
let office: Office;
let operatorCookie: string;

interface Operation {
  method: string;
  path: string;
  query: string[];
  body?: JsonSchema;
}
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; anyOf?: JsonSchema[] };

setUpOffice((c, o) => {
  ctx = c;
  office = o;
  operatorCookie = office.operators.anna.cookie;
});

function operations(): Operation[] {
  const doc = ctx.app.swagger() as { paths: Record<string, Record<string, any>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      query: (op.parameters ?? []).filter((p: any) => p.in === "query").map((p: any) => p.name),
      body: op.requestBody?.content?.["application/json"]?.schema,
    })),
  );
}

const MEGABYTE = "x".repeat(1024 * 1024);
const BAD_IDS = [
  "abc",
  "-1",
  "0",
  "1.5",
  "99999999999999999999999",
  "%00",
  "1e3",
  "'or'1'='1",
  "%F0%9F%98%80",
];

/** Values of the wrong type for a field of this schema (and odd ones of the right type). */
function wrongValues(schema: JsonSchema | undefined): unknown[] {
  const types = new Set([schema?.type ?? [], ...(schema?.anyOf ?? []).map((s) => s.type ?? [])].flat());
  return [
    types.has("string") ? 12345 : "text",
    types.has("number") || types.has("integer") ? "12" : 1e20,
    types.has("boolean") ? "yes" : true,
    types.has("array") ? { not: "an array" } : [1, 2],
    types.has("object") ? ["not", "an object"] : { nested: {} },
    null,
    "nul\u0000inside",
    "x".repeat(300),
  ];
}

function properties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  if (!schema) return {};
  return { ...schema.properties, ...Object.assign({}, ...(schema.anyOf ?? []).map(properties)) };
}

function expectOneErrorShape(status: number, body: any, what: string) {
  expect(status, `${what} → ${status} ${JSON.stringify(body)?.slice(0, 300)}`).toBeLessThan(500);
  if (status < 400) return;
  expect(Object.keys(body ?? {}), `${what}: top-level keys`).toEqual(["error"]);
  const keys = Object.keys(body.error).sort();
  expect(["code,message", "code,details,message"], `${what}: error keys ${keys}`).toContain(keys.join(","));
  expect(body.error.code, what).toMatch(/^[a-z_]+$/);
  expect(typeof body.error.message, what).toBe("string");
}

describe("fuzzing every operation", () => {
  it("as anonymous, operator and administrator: never a 5xx, always the one error shape", async () => {
    const roles = [
      { name: "anonymous", cookie: undefined },
      { name: "operator", cookie: () => operatorCookie },
      { name: "admin", cookie: () => ctx.adminCookie },
    ];
    const statuses = new Map<number, number>();
    const send = async (
      role: (typeof roles)[number],
      method: string,
      url: string,
      options: { body?: unknown; headers?: Record<string, string> } = {},
    ) => {
      const res = await ctx.request(method as "GET", url, { cookie: role.cookie?.(), ...options });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expectOneErrorShape(res.status, res.body, `${role.name} ${method} ${url.slice(0, 120)}`);
      return res;
    };

    // Signing out ends the session the other cases use: it goes last.
    const all = operations().sort(
      (a, b) => Number(a.path.endsWith("/logout")) - Number(b.path.endsWith("/logout")),
    );
    for (const role of roles) {
      for (const op of all) {
        if (op.path === "/api/v1/events") continue; // a stream; its bad input is below
        const url = op.path
          .replace(/\{id\}/g, "999999")
          .replace(/\{code\}/g, "zzzzzzzzzzzz")
          .replace(/\{number\}/g, "1");
        const hasBody = ["POST", "PATCH", "PUT"].includes(op.method);
        for (const bad of op.path.includes("{") ? [...BAD_IDS, "y".repeat(5000)] : []) {
          await send(
            role,
            op.method,
            op.path.replace(/\{\w+\}/g, encodeURIComponent(bad)),
            hasBody ? { body: {} } : {},
          );
        }
        for (const name of op.query) {
          for (const value of ["", "%00", "-1", "abc", "2026-13-45", encodeURIComponent(MEGABYTE)]) {
            await send(role, op.method, `${url}?${name}=${value}`, hasBody ? { body: {} } : {});
          }
        }
        if (!hasBody) continue;
        // Missing fields (an empty body; for PATCH: nothing to change), extra fields, wrong types.
        await send(role, op.method, url, { body: {} });
        await send(role, op.method, url, { body: { unexpectedField: "x", __proto__: { admin: true } } });
        for (const [field, schema] of Object.entries(properties(op.body))) {
          for (const value of wrongValues(schema))
            await send(role, op.method, url, { body: { [field]: value } });
          await send(role, op.method, url, { body: { [field]: MEGABYTE } });
        }
        // Not JSON, not an object, no body, another content type.
        for (const raw of ["{", '{"a":', "[]", '"text"', "null", "\u0000"]) {
          await send(role, op.method, url, { body: raw, headers: { "content-type": "application/json" } });
        }
        await send(role, op.method, url, {
          body: "a=b",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        });
        await send(role, op.method, url, { body: "<a/>", headers: { "content-type": "text/xml" } });
      }
    }
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(`fuzz: ${total} requests; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(total).toBeGreaterThan(5000);
    expect([...statuses.keys()].filter((s) => s >= 500)).toEqual([]);
  }, 300_000);

  it("the event stream refuses bad parameters in the error shape", async () => {
    for (const query of [
      "channel=everything",
      "lastEventId=abc",
      "heartbeat=loud",
      "branchId=x",
      `token=${"t".repeat(300)}`,
    ]) {
      const res = await ctx.request("GET", `/api/v1/events?${query}`);
      expect(res.status, query).toBe(400);
      expectOneErrorShape(res.status, res.body, query);
    }
  });
});

// With the web app built, its catch-all route takes URLs the API's routes do not: the answers
// must be the same either way.
describe.each([
  ["without the web app", false],
  ["with the web app built", true],
])("what the HTTP layer refuses before a route runs, %s", (_name, withWebApp) => {
  let port: number;
  let http: TestContext;
  beforeAll(async () => {
    const webDist = mkdtempSync(join(tmpdir(), "dq-web-"));
    if (withWebApp) writeFileSync(join(webDist, "index.html"), "<!doctype html><title>DigitalQueue</title>");
    http = await createTestContext({ config: { webDist } });
    await http.app.listen({ port: 0, host: "127.0.0.1" });
    port = (http.app.server.address() as AddressInfo).port;
  });
  afterAll(() => http.close());

  /** A raw request over a socket, as any client would send it (no inject shortcuts). */
  function raw(path: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: any }>((resolve, reject) => {
      const req = httpRequest({ host: "127.0.0.1", port, path, headers }, (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: JSON.parse(text) }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("a 5,000-character path parameter is 414 uri_too_long, on every operation with one", async () => {
    const templated = operations().filter((o) => o.path.includes("{") && o.method === "GET");
    expect(templated.length).toBeGreaterThan(5);
    for (const op of templated) {
      const res = await raw(op.path.replace(/\{\w+\}/g, "y".repeat(5000)), { cookie: http.adminCookie });
      expect(res.status, op.path).toBe(414);
      expect(res.body).toEqual({
        error: { code: "uri_too_long", message: "a path segment is longer than 100 characters" },
      });
    }
  });

  it("a 100 KB query string is 431 headers_too_large, and the connection is closed", async () => {
    for (const op of operations().filter((o) => o.method === "GET")) {
      const res = await raw(`${op.path.replace(/\{\w+\}/g, "1")}?q=${"q".repeat(100 * 1024)}`);
      expect(res.status, op.path).toBe(431);
      expect(res.headers.connection).toBe("close");
      expect(res.body.error.code).toBe("headers_too_large");
      expect(Object.keys(res.body.error).sort()).toEqual(["code", "message"]);
    }
  });

  it("a broken percent-escape is 400 bad_request; an unknown route and method are 404 in the shape", async () => {
    const broken = await raw("/api/v1/services/%E0%A4%A");
    expect(broken.status).toBe(400);
    expect(broken.body.error.code).toBe("bad_request");
    const unknown = await raw("/api/v1/nothing-here?x=1");
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      error: { code: "not_found", message: "no route GET /api/v1/nothing-here" },
    });
  });

  it("pages of the web app are still served (or, without it, are 404 in the shape)", async () => {
    const page = await new Promise<{ status: number; text: string }>((resolve, reject) =>
      httpRequest({ host: "127.0.0.1", port, path: "/operator" }, (res) => {
        let text = "";
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      })
        .on("error", reject)
        .end(),
    );
    if (withWebApp) {
      expect(page).toEqual({ status: 200, text: "<!doctype html><title>DigitalQueue</title>" });
    } else {
      expect(page.status).toBe(404);
      expect(JSON.parse(page.text)).toEqual({
        error: { code: "not_found", message: "no route GET /operator" },
      });
    }
  });
});
