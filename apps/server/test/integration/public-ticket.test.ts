import { describe, expect, it } from "vitest";
import { issue, type Office, setUpOffice } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

describe("the public tracking view of a ticket", () => {
  it("names the ticket's office as it is named now, in English too", async () => {
    const ticket = await issue(ctx, office, office.services.buy);
    const renamed = await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { name: "МФЦ «Центральный»", settings: { nameTranslations: { en: "Central Service Centre" } } },
    });
    expect(renamed.status).toBe(200);

    const view = await ctx.request("GET", `/api/v1/tickets/${ticket.code}`);
    expect(view.status).toBe(200);
    expect(view.body.branchName).toBe("МФЦ «Центральный»");
    expect(view.body.branchTranslations).toEqual({ en: "Central Service Centre" });
    expect(view.body.branchId).toBe(renamed.body.id);
  });
});
