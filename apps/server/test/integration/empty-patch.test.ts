import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "../../src/db/schema.ts";
import { issue, type Office, setUpOffice } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/**
 * A PATCH that names nothing to change answers 200 with the object as a GET shows it, and writes
 * nothing: no row touched (updated_at stays), no audit entry, no event. An unknown id is still 404
 * and the wrong caller still 401/403.
 */
let ctx: TestContext;
let office: Office;

setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const admin = () => ({ cookie: ctx.adminCookie });

interface Target {
  /** The resource's URL: GET reads it, PATCH changes it. */
  url: string;
  /** Where it is stored, to see that the row stays as it was. */
  table: keyof DB;
  id: string;
  /** The same kind of URL with an id that does not exist (none for the branch: it is the caller's). */
  missingUrl: string | null;
  /** A caller whose role is too low. */
  tooLow: () => string;
  /** A patch that does change something, to check the route still writes then. */
  change: Record<string, unknown>;
}

const MISSING = "999999999";

async function created(url: string, body: unknown): Promise<{ id: string }> {
  const res = await ctx.request("POST", url, { ...admin(), body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

/** One target per PATCH route the app has. */
const TARGETS: Record<string, () => Promise<Target>> = {
  device: async () => {
    const d = await created("/api/v1/devices", { kind: "board", name: "Табло в зале" });
    return {
      url: `/api/v1/devices/${d.id}`,
      table: "devices",
      id: d.id,
      missingUrl: `/api/v1/devices/${MISSING}`,
      tooLow: () => office.supervisor.cookie,
      change: { name: "Табло у входа" },
    };
  },
  employee: async () => ({
    url: `/api/v1/employees/${office.operators.vera.id}`,
    table: "employees",
    id: office.operators.vera.id,
    missingUrl: `/api/v1/employees/${MISSING}`,
    tooLow: () => office.supervisor.cookie,
    change: { name: "Вера" },
  }),
  ticket: async () => {
    const t = await issue(ctx, office, office.services.corporate);
    return {
      url: `/api/v1/queue/tickets/${t.id}`,
      table: "tickets",
      id: t.id,
      missingUrl: `/api/v1/queue/tickets/${MISSING}`,
      tooLow: () => office.operators.anna.cookie,
      change: { categoryId: office.categories.veteran },
    };
  },
  service: async () => ({
    url: `/api/v1/services/${office.services.refund}`,
    table: "services",
    id: office.services.refund,
    missingUrl: `/api/v1/services/${MISSING}`,
    tooLow: () => office.supervisor.cookie,
    change: { description: "Возврат и обмен" },
  }),
  workstation: async () => ({
    url: `/api/v1/workstations/${office.workstations.w3}`,
    table: "workstations",
    id: office.workstations.w3,
    missingUrl: `/api/v1/workstations/${MISSING}`,
    tooLow: () => office.supervisor.cookie,
    change: { spokenName: "окно номер три" },
  }),
  category: async () => ({
    url: `/api/v1/categories/${office.categories.disabled}`,
    table: "categories",
    id: office.categories.disabled,
    missingUrl: `/api/v1/categories/${MISSING}`,
    tooLow: () => office.supervisor.cookie,
    change: { sortOrder: 5 },
  }),
  "pause reason": async () => {
    const p = await created("/api/v1/pause-reasons", { name: "Обучение" });
    return {
      url: `/api/v1/pause-reasons/${p.id}`,
      table: "pause_reasons",
      id: p.id,
      missingUrl: `/api/v1/pause-reasons/${MISSING}`,
      tooLow: () => office.supervisor.cookie,
      change: { name: "Учёба" },
    };
  },
  "branch settings": async () => {
    const branch = (await ctx.request("GET", "/api/v1/branch", admin())).body;
    return {
      url: "/api/v1/branch",
      table: "branches",
      id: branch.id,
      missingUrl: null,
      tooLow: () => office.supervisor.cookie,
      change: { settings: { runningText: "Добро пожаловать" } },
    };
  },
  "alert rule": async () => {
    const r = await created("/api/v1/alert-rules", {
      kind: "queue_length",
      threshold: 10,
      serviceId: office.services.buy,
      channels: [{ type: "in_app" }],
    });
    return {
      url: `/api/v1/alert-rules/${r.id}`,
      table: "alert_rules",
      id: r.id,
      missingUrl: `/api/v1/alert-rules/${MISSING}`,
      tooLow: () => office.supervisor.cookie,
      change: { name: "Очередь за билетами" },
    };
  },
};

async function count(table: "audit_log" | "events"): Promise<number> {
  const row = await ctx.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The stored row as it is now (updated_at included). */
async function storedRow(table: keyof DB, id: string) {
  return ctx.database.db
    .selectFrom(table)
    .selectAll()
    .where("id" as never, "=", id as never)
    .executeTakeFirstOrThrow();
}

describe("PATCH with nothing to change", () => {
  it("covers every PATCH route the app has", () => {
    const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const patched = Object.entries(doc.paths)
      .filter(([, methods]) => "patch" in methods)
      .map(([path]) => path)
      .sort();
    expect(patched).toEqual(
      [
        "/api/v1/alert-rules/{id}",
        "/api/v1/branch",
        "/api/v1/categories/{id}",
        "/api/v1/devices/{id}",
        "/api/v1/employees/{id}",
        "/api/v1/pause-reasons/{id}",
        "/api/v1/queue/tickets/{id}",
        "/api/v1/services/{id}",
        "/api/v1/workstations/{id}",
      ].sort(),
    );
    expect(Object.keys(TARGETS)).toHaveLength(patched.length);
  });

  for (const [name, setUp] of Object.entries(TARGETS)) {
    describe(name, () => {
      let target: Target;
      beforeAll(async () => {
        target = await setUp();
      });

      it("answers 200 with the object as GET shows it, and writes nothing", async () => {
        const before = await ctx.request("GET", target.url, admin());
        expect(before.status).toBe(200);
        const row = await storedRow(target.table, target.id);
        const audits = await count("audit_log");
        const events = await count("events");

        const res = await ctx.request("PATCH", target.url, { ...admin(), body: {} });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body).toEqual(before.body);

        const after = await ctx.request("GET", target.url, admin());
        expect(after.body).toEqual(before.body);
        expect(await storedRow(target.table, target.id)).toEqual(row);
        expect(await count("audit_log")).toBe(audits);
        expect(await count("events")).toBe(events);
      });

      it("is still 404 for an unknown id, and 401/403 for the wrong caller", async () => {
        if (target.missingUrl) {
          const missing = await ctx.request("PATCH", target.missingUrl, { ...admin(), body: {} });
          expect(missing.status).toBe(404);
        }
        expect((await ctx.request("PATCH", target.url, { body: {} })).status).toBe(401);
        expect((await ctx.request("PATCH", target.url, { cookie: target.tooLow(), body: {} })).status).toBe(
          403,
        );
      });

      it("still writes and audits a patch that does name a change", async () => {
        const audits = await count("audit_log");
        const res = await ctx.request("PATCH", target.url, { ...admin(), body: target.change });
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        expect(res.body).toMatchObject(target.change);
        const after = await ctx.request("GET", target.url, admin());
        expect(after.body).toEqual(res.body);
        // The ticket's change is not audited (a queue action, recorded as an event); the rest are.
        if (target.table !== "tickets") expect(await count("audit_log")).toBe(audits + 1);
      });
    });
  }
});
