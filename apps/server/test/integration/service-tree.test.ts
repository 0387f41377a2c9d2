import { describe, expect, it } from "vitest";
import { issue, type Office, setUpOffice } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/** The rules of the service tree an administrator edits: where things may go, what may be archived. */
let ctx: TestContext;
let office: Office;
const admin = () => ({ cookie: ctx.adminCookie });

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const fieldError = (field: string, code: string, message: string) => ({
  code: "validation_error",
  message: `${field}: ${message}`,
  details: [{ field, code, message }],
});

describe("the service tree", () => {
  it("a parent must be an existing group, and a group may not go inside itself", async () => {
    const outer = await ctx.request("POST", "/api/v1/services", {
      ...admin(),
      body: { name: "Внешняя", isGroup: true },
    });
    const inner = await ctx.request("POST", "/api/v1/services", {
      ...admin(),
      body: { name: "Внутренняя", isGroup: true, parentId: outer.body.id },
    });
    expect(inner.status).toBe(201);

    const loop = await ctx.request("PATCH", `/api/v1/services/${outer.body.id}`, {
      ...admin(),
      body: { parentId: inner.body.id },
    });
    expect(loop.status).toBe(400);
    expect(loop.body.error).toEqual(fieldError("parentId", "cycle", "would put the group inside itself"));

    const underService = await ctx.request("POST", "/api/v1/services", {
      ...admin(),
      body: { name: "Под услугой", prefix: "Ю", parentId: office.services.buy },
    });
    expect(underService.body.error).toEqual(
      fieldError("parentId", "notAGroup", "must be a group, not a service"),
    );

    const nowhere = await ctx.request("POST", "/api/v1/services", {
      ...admin(),
      body: { name: "Нигде", prefix: "Э", parentId: "999999" },
    });
    expect(nowhere.body.error).toEqual(fieldError("parentId", "noSuchGroup", "no such service group"));

    const noPrefix = await ctx.request("PATCH", `/api/v1/services/${office.services.refund}`, {
      ...admin(),
      body: { prefix: null },
    });
    expect(noPrefix.status).toBe(400);
    expect(noPrefix.body.error).toEqual(
      fieldError("prefix", "prefixRequired", "a service needs a ticket prefix"),
    );
  });

  it("a group with services, or a service with open tickets, is not archived", async () => {
    const group = await ctx.request("POST", "/api/v1/services", {
      ...admin(),
      body: { name: "Архив", isGroup: true },
    });
    const child = await ctx.request("POST", "/api/v1/services", {
      ...admin(),
      body: { name: "Справки", prefix: "С", parentId: group.body.id },
    });
    const notEmpty = await ctx.request("DELETE", `/api/v1/services/${group.body.id}`, admin());
    expect(notEmpty.status).toBe(409);
    expect(notEmpty.body.error).toEqual({
      code: "group_not_empty",
      message: "move or delete the services of this group first",
    });

    const ticket = await issue(ctx, office, child.body.id);
    const open = await ctx.request("DELETE", `/api/v1/services/${child.body.id}`, admin());
    expect(open.status).toBe(409);
    expect(open.body.error).toEqual({
      code: "service_has_open_tickets",
      message: "the service still has open tickets",
    });

    await ctx.request("POST", `/api/v1/queue/tickets/${ticket.id}/cancel`, admin());
    expect((await ctx.request("DELETE", `/api/v1/services/${child.body.id}`, admin())).status).toBe(204);
    expect((await ctx.request("DELETE", `/api/v1/services/${group.body.id}`, admin())).status).toBe(204);
    expect((await ctx.request("GET", `/api/v1/services/${group.body.id}`, admin())).status).toBe(404);
  });
});
