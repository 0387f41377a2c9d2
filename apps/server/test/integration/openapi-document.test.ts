import SwaggerParser from "@apidevtools/swagger-parser";
import { Spectral } from "@stoplight/spectral-core";
import { oas } from "@stoplight/spectral-rulesets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * The OpenAPI document is the API's contract for integrators: it must be valid, pass Spectral's
 * `spectral:oas` ruleset without a warning, and say what each operation can answer.
 */
let ctx: TestContext;
let doc: Record<string, any>;

beforeAll(async () => {
  ctx = await createTestContext();
  const res = await ctx.request("GET", "/api/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body;
});
afterAll(() => ctx.close());

const operations = () =>
  Object.entries<Record<string, any>>(doc.paths).flatMap(([path, item]) =>
    Object.entries<any>(item).map(([method, op]) => ({ path, method, op })),
  );

describe("the OpenAPI document", () => {
  it("is valid OpenAPI 3.1 (swagger-parser)", async () => {
    expect(doc.openapi).toBe("3.1.0");
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it("passes Spectral's spectral:oas ruleset with no errors or warnings", async () => {
    const spectral = new Spectral();
    spectral.setRuleset({ extends: [oas as never] });
    const results = await spectral.run(JSON.stringify(doc));
    const findings = results.map((r) => `${r.code} ${r.path.join(".")}: ${r.message}`);
    expect(findings).toEqual([]);
  });

  it("names and tags every operation, and declares its tags, servers and contact", () => {
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === "string" && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const declared = new Set(doc.tags.map((t: { name: string }) => t.name));
    for (const { op } of operations()) expect(declared.has(op.tags[0])).toBe(true);
    expect(doc.tags.every((t: { description?: string }) => t.description)).toBe(true);
    expect(doc.servers).toEqual([{ url: "/", description: "This server" }]);
    expect(doc.info.contact.name).toBeTruthy();
  });

  it("lists the failures each kind of operation can answer", () => {
    const responses = (method: string, path: string) => Object.keys(doc.paths[path][method].responses);
    expect(responses("get", "/healthz")).toEqual(["200"]);
    expect(responses("get", "/readyz")).toEqual(["200", "503"]);
    expect(responses("get", "/api/v1/auth/me")).toEqual(["200", "400", "401", "403", "404", "503"]);
    expect(responses("patch", "/api/v1/devices/{id}")).toEqual([
      "200",
      "400",
      "401",
      "403",
      "404",
      "413",
      "414",
      "415",
      "503",
    ]);
    expect(responses("post", "/api/v1/auth/login")).toEqual(
      expect.arrayContaining(["200", "401", "403", "413", "415", "429", "503"]),
    );
    expect(responses("post", "/api/v1/tickets")).toEqual(expect.arrayContaining(["201", "409", "422"]));
    expect(responses("get", "/api/v1/events")).toEqual(expect.arrayContaining(["200", "401", "429", "503"]));
    // Every error status refers to the one error shape.
    for (const { op } of operations()) {
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content["application/json"].schema.required).toEqual(["error"]);
      }
    }
  });

  it("allows null in nullable enums (the kiosk's and the board's language)", () => {
    const kiosk = doc.paths["/api/v1/kiosk"].get.responses["200"].content["application/json"].schema;
    const device = kiosk.properties.device.anyOf.find((s: { type: string }) => s.type === "object");
    expect(device.properties.language).toEqual({
      anyOf: [{ type: "string", enum: ["ru", "en"] }, { type: "null" }],
    });
  });

  it("describes the heartbeat as a comment line and the exports' content types", () => {
    const events = doc.paths["/api/v1/events"].get;
    expect(events.responses["200"].description).toContain("`: heartbeat`");
    expect(events.parameters.map((p: { name: string }) => p.name)).toContain("heartbeat");
    const exportTypes = Object.keys(doc.paths["/api/v1/reports/tickets"].get.responses["200"].content);
    expect(exportTypes).toEqual([
      "application/json",
      "text/csv",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]);
    const branch = doc.paths["/api/v1/services"].get.parameters.find(
      (p: { name: string }) => p.name === "x-branch-id",
    );
    expect(branch.in).toBe("header");
  });
});
