import { describe, expect, it } from "vitest";
import type { App } from "../../src/http/types.ts";
import { type Office, setUpOffice } from "../helpers/office.ts";
import { inject, type Response, type TestContext } from "../helpers/test-app.ts";

/**
 * PostgreSQL only: remote joins through two app instances on one database. The visitor-hash key is
 * made once however many instances start at once, and the caps hold across instances.
 */
let ctx: TestContext;
let office: Office;
let second: App;

setUpOffice({ config: { trustProxy: ["loopback"] } }, async (c, o) => {
  ctx = c;
  office = o;
  second = await ctx.secondInstance();
  await ctx.request("PATCH", "/api/v1/branch", {
    cookie: ctx.adminCookie,
    body: { settings: { remoteJoin: { perPhoneDaily: 2, maxSharePercent: 100, refuseAfterClosing: false } } },
  });
});

let address = 0;
function join(app: App, body: Record<string, unknown>): Promise<Response> {
  address++;
  return inject(app, "POST", "/api/v1/remote-tickets", {
    body,
    headers: { "x-forwarded-for": `203.0.113.${address}` },
  });
}

describe("remote join on two instances", () => {
  it("the same phone through both at once: the daily cap of 2 lets exactly 2 in", async () => {
    const body = { serviceId: office.services.buy, phone: "+79161230001" };
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => join(i % 2 === 0 ? ctx.app : second, body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
    // Both instances hashed the phone with the one key: the two tickets carry the same hash.
    const rows = await ctx.database.db
      .selectFrom("tickets")
      .select("phone_hash")
      .where("origin", "=", "remote")
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]!.phone_hash).toBe(rows[1]!.phone_hash);
    const keys = await ctx.database.db.selectFrom("server_state").select("name").execute();
    expect(keys.filter((k) => k.name === "visitor_hash_key")).toHaveLength(1);
  });
});
