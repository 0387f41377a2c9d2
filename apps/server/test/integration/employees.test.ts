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

describe("sign-in lock", () => {
  const signIn = (password: string) =>
    ctx.request("POST", "/api/v1/auth/login", { body: { login: "vera", password } });
  const listed = async (id: string) =>
    (await ctx.request("GET", "/api/v1/employees", admin())).body.items.find(
      (e: { id: string }) => e.id === id,
    );

  it("ten wrong passwords lock the login; the employees list says until when", async () => {
    const { vera } = office.operators;
    expect((await listed(vera.id)).signInLockedUntil).toBeNull();
    for (let i = 0; i < 10; i++)
      expect((await signIn("wrong-password")).status, `attempt ${i + 1}`).toBe(401);
    const locked = await signIn(OPERATOR_PASSWORD);
    expect(locked.status).toBe(429);
    const row = await ctx.database.db
      .selectFrom("sign_in_failures")
      .select(["failures", "window_started_at"])
      .where("key", "like", "al:%:vera")
      .executeTakeFirstOrThrow();
    expect(row.failures).toBe(10);
    const until = new Date(row.window_started_at.getTime() + 15 * 60_000).toISOString();
    expect((await listed(vera.id)).signInLockedUntil).toBe(until);
    const one = await ctx.request("GET", `/api/v1/employees/${vera.id}`, admin());
    expect(one.body.signInLockedUntil).toBe(until);
  });

  it("only an administrator may unlock", async () => {
    const { vera, anna } = office.operators;
    for (const cookie of [office.supervisor.cookie, anna.cookie]) {
      const res = await ctx.request("POST", `/api/v1/employees/${vera.id}/unlock`, { cookie });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
    expect((await signIn(OPERATOR_PASSWORD)).status).toBe(429);
    const unknown = await ctx.request("POST", "/api/v1/employees/999999/unlock", admin());
    expect(unknown.status).toBe(404);
  });

  it("an administrator unlocks: the employee signs in again, and the unlock is audited", async () => {
    const { vera } = office.operators;
    const unlocked = await ctx.request("POST", `/api/v1/employees/${vera.id}/unlock`, admin());
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ id: vera.id, login: "vera", signInLockedUntil: null });
    expect((await listed(vera.id)).signInLockedUntil).toBeNull();
    expect((await signIn(OPERATOR_PASSWORD)).status).toBe(200);
    const audited = await ctx.request("GET", "/api/v1/audit-log?entity=employee", admin());
    const entries = audited.body.items.filter(
      (e: { action: string; entityId: string }) => e.action === "employee.unlock",
    );
    expect(
      entries.map((e: { entityId: string; actor: { name: string } }) => [e.entityId, e.actor.name]),
    ).toEqual([[vera.id, "admin"]]);
  });
});
