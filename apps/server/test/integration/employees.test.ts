import { describe, expect, it } from "vitest";
import { type Office, OPERATOR_PASSWORD, setUpOffice } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/** What an administrator may and may not do to employees, with exact answers. */
let ctx: TestContext;
let office: Office;
const admin = () => ({ cookie: ctx.adminCookie });

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

describe("employees", () => {
  it("an administrator cannot demote, deactivate or delete himself", async () => {
    const me = (await ctx.request("GET", "/api/v1/auth/me", admin())).body.user.id;
    for (const body of [{ role: "supervisor" }, { active: false }]) {
      const res = await ctx.request("PATCH", `/api/v1/employees/${me}`, { ...admin(), body });
      expect(res.status).toBe(409);
      expect(res.body.error).toEqual({
        code: "cannot_demote_self",
        message: "you cannot remove your own administrator rights",
      });
    }
    const deleted = await ctx.request("DELETE", `/api/v1/employees/${me}`, admin());
    expect(deleted.status).toBe(409);
    expect(deleted.body.error).toEqual({ code: "cannot_delete_self", message: "you cannot delete yourself" });
  });

  it("competencies: serviceIds or competencies, each service once", async () => {
    const base = { login: "olga", name: "Ольга", role: "operator", password: "olga-password-1" };
    const both = await ctx.request("POST", "/api/v1/employees", {
      ...admin(),
      body: {
        ...base,
        serviceIds: [office.services.buy],
        competencies: [{ serviceId: office.services.buy, rank: 1 }],
      },
    });
    expect(both.status).toBe(400);
    expect(both.body.error.details).toEqual([
      { field: "competencies", code: "bothWays", message: "give serviceIds or competencies, not both" },
    ]);
    const twice = await ctx.request("POST", "/api/v1/employees", {
      ...admin(),
      body: {
        ...base,
        competencies: [
          { serviceId: office.services.buy, rank: 1 },
          { serviceId: office.services.buy, rank: 2 },
        ],
      },
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details).toEqual([
      {
        field: "competencies",
        code: "listedTwice",
        params: { id: office.services.buy },
        message: `service ${office.services.buy} is listed twice`,
      },
    ]);
    const created = await ctx.request("POST", "/api/v1/employees", {
      ...admin(),
      body: { ...base, serviceIds: [office.services.refund, office.services.buy] },
    });
    expect(created.status).toBe(201);
    expect(created.body.competencies).toEqual(
      [office.services.refund, office.services.buy].sort().map((serviceId) => ({ serviceId, rank: 1 })),
    );
  });

  it("a password reset signs the employee out everywhere and is audited without the password", async () => {
    const { boris } = office.operators;
    expect((await ctx.request("GET", "/api/v1/auth/me", { cookie: boris.cookie })).status).toBe(200);
    const reset = await ctx.request("PATCH", `/api/v1/employees/${boris.id}`, {
      ...admin(),
      body: { password: "a-brand-new-password" },
    });
    expect(reset.status).toBe(200);
    expect((await ctx.request("GET", "/api/v1/auth/me", { cookie: boris.cookie })).status).toBe(401);
    const old = await ctx.request("POST", "/api/v1/auth/login", {
      body: { login: "boris", password: OPERATOR_PASSWORD },
    });
    expect(old.status).toBe(401);
    const audited = await ctx.request("GET", "/api/v1/audit-log?entity=employee", admin());
    const entry = audited.body.items.find(
      (e: { action: string; entityId: string }) => e.action === "employee.update" && e.entityId === boris.id,
    );
    expect(entry.data).toEqual({ passwordReset: true });
    expect(JSON.stringify(audited.body)).not.toContain("a-brand-new-password");
  });
});
