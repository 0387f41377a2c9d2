import { describe, expect, it } from "vitest";
import { type Office, OPERATOR_PASSWORD, setUpOffice } from "../helpers/office.ts";
import { SseClient } from "../helpers/sse.ts";
import { ADMIN, type RequestOptions, type TestContext } from "../helpers/test-app.ts";

/**
 * Every route, every kind of caller: who may pass the access check. The table must list exactly
 * the routes the app has, so a new route cannot ship without a decision about who may call it.
 */
type Who =
  | "anonymous"
  | "operator"
  | "supervisor"
  | "admin"
  | "kiosk"
  | "board"
  | "apiAdmin"
  | "apiSupervisor";
const EVERYONE: Who[] = [
  "anonymous",
  "operator",
  "supervisor",
  "admin",
  "kiosk",
  "board",
  "apiAdmin",
  "apiSupervisor",
];
const SESSIONS: Who[] = ["operator", "supervisor", "admin"];
const STAFF: Who[] = [...SESSIONS, "apiAdmin", "apiSupervisor"];
const SUPERVISORS: Who[] = ["supervisor", "admin", "apiAdmin", "apiSupervisor"];
const ADMINS: Who[] = ["admin", "apiAdmin"];

const TABLE: Record<string, Who[]> = {
  "GET /healthz": EVERYONE,
  "GET /readyz": EVERYONE,
  // Its own rule, not a role: loopback clients (inject's is 127.0.0.1), or DQ_METRICS_TOKEN when it
  // is set; metrics.test.ts checks both ways.
  "GET /metrics": EVERYONE,
  "POST /api/v1/auth/login": EVERYONE,
  "POST /api/v1/auth/logout": EVERYONE,
  "GET /api/v1/auth/me": SESSIONS,

  "GET /api/v1/services": [...STAFF, "kiosk", "board"],
  "GET /api/v1/services/{id}": [...STAFF, "kiosk", "board"],
  "POST /api/v1/services": ADMINS,
  "PATCH /api/v1/services/{id}": ADMINS,
  "DELETE /api/v1/services/{id}": ADMINS,
  "GET /api/v1/categories": [...STAFF, "kiosk"],
  "GET /api/v1/categories/{id}": [...STAFF, "kiosk"],
  "POST /api/v1/categories": ADMINS,
  "PATCH /api/v1/categories/{id}": ADMINS,
  "DELETE /api/v1/categories/{id}": ADMINS,
  "GET /api/v1/pause-reasons": STAFF,
  "GET /api/v1/pause-reasons/{id}": STAFF,
  "POST /api/v1/pause-reasons": ADMINS,
  "PATCH /api/v1/pause-reasons/{id}": ADMINS,
  "DELETE /api/v1/pause-reasons/{id}": ADMINS,
  "GET /api/v1/workstations": [...STAFF, "board"],
  "GET /api/v1/workstations/{id}": STAFF,
  "POST /api/v1/workstations": ADMINS,
  "PATCH /api/v1/workstations/{id}": ADMINS,
  "DELETE /api/v1/workstations/{id}": ADMINS,
  "GET /api/v1/employees": SUPERVISORS,
  "GET /api/v1/employees/{id}": SUPERVISORS,
  "POST /api/v1/employees": ADMINS,
  "PATCH /api/v1/employees/{id}": ADMINS,
  "DELETE /api/v1/employees/{id}": ADMINS,
  "POST /api/v1/employees/{id}/unlock": ADMINS,
  "GET /api/v1/devices": ADMINS,
  "GET /api/v1/devices/{id}": ADMINS,
  "POST /api/v1/devices": ADMINS,
  "PATCH /api/v1/devices/{id}": ADMINS,
  "DELETE /api/v1/devices/{id}": ADMINS,
  "GET /api/v1/api-tokens": ["admin"],
  "POST /api/v1/api-tokens": ["admin"],
  "DELETE /api/v1/api-tokens/{id}": ["admin"],
  "GET /api/v1/branch": [...STAFF, "kiosk", "board"],
  "PATCH /api/v1/branch": ADMINS,
  "GET /api/v1/branches": ADMINS,
  "POST /api/v1/branches": ADMINS,
  "GET /api/v1/audit-log": ADMINS,

  "POST /api/v1/tickets": [...STAFF, "kiosk"],
  "GET /api/v1/kiosk": [...STAFF, "kiosk"],
  "GET /api/v1/tickets/{code}": EVERYONE,
  "POST /api/v1/tickets/{code}/cancel": EVERYONE,
  "POST /api/v1/tickets/{code}/rating": EVERYONE,
  // Visitor notifications: the ticket's (or appointment's) code is the key; visitor-notifications.test.ts covers them.
  "POST /api/v1/tickets/{code}/subscriptions": EVERYONE,
  "GET /api/v1/tickets/{code}/notifications": EVERYONE,
  "DELETE /api/v1/tickets/{code}/subscriptions/{id}": EVERYONE,
  "POST /api/v1/appointments/{code}/subscriptions": EVERYONE,
  "POST /api/v1/unsubscribe/{token}": EVERYONE,
  // Telegram's own check (X-Telegram-Bot-Api-Secret-Token) inside; telegram-bot.test.ts tests it.
  "POST /api/v1/telegram/webhook": EVERYONE,

  "GET /api/v1/booking/services": EVERYONE,
  "GET /api/v1/booking/slots": EVERYONE,
  "POST /api/v1/appointments": EVERYONE,
  "GET /api/v1/appointments": SUPERVISORS,
  "GET /api/v1/appointments/{code}": EVERYONE,
  "POST /api/v1/appointments/{code}/cancel": EVERYONE,
  "POST /api/v1/appointments/{code}/reschedule": EVERYONE,
  "GET /api/v1/appointments/{code}/ics": EVERYONE,
  "POST /api/v1/appointments/{code}/check-in": [...STAFF, "kiosk"],

  "GET /api/v1/remote-join": EVERYONE,
  "POST /api/v1/remote-tickets": EVERYONE,
  "POST /api/v1/tickets/{code}/postpone": EVERYONE,
  "POST /api/v1/tickets/{code}/arrival": EVERYONE,
  "GET /api/v1/remote-join/door": ADMINS,

  "GET /api/v1/operator/state": SESSIONS,
  "POST /api/v1/operator/workstation": SESSIONS,
  "DELETE /api/v1/operator/workstation": SESSIONS,
  "POST /api/v1/operator/pause": SESSIONS,
  "POST /api/v1/operator/resume": SESSIONS,
  "GET /api/v1/operator/workstations": SESSIONS,
  "GET /api/v1/operator/queues": SESSIONS,
  "GET /api/v1/operator/waiting": SESSIONS,
  "GET /api/v1/operator/today": SESSIONS,
  "POST /api/v1/operator/call-next": SESSIONS,
  "POST /api/v1/operator/tickets/{id}/call": SESSIONS,
  "POST /api/v1/operator/tickets/{id}/recall": SESSIONS,
  "POST /api/v1/operator/tickets/{id}/start": SESSIONS,
  "POST /api/v1/operator/tickets/{id}/no-show": SESSIONS,
  "POST /api/v1/operator/tickets/{id}/undo-no-show": SESSIONS,
  "POST /api/v1/operator/tickets/{id}/finish": SESSIONS,
  "POST /api/v1/operator/tickets/{id}/return": SESSIONS,
  "POST /api/v1/operator/tickets/{id}/redirect": SESSIONS,

  "GET /api/v1/queue/tickets": SUPERVISORS,
  "GET /api/v1/queue/tickets/{id}": STAFF,
  "POST /api/v1/queue/tickets/{id}/cancel": SUPERVISORS,
  "PATCH /api/v1/queue/tickets/{id}": SUPERVISORS,
  "POST /api/v1/queue/services/{id}/close": SUPERVISORS,
  "POST /api/v1/queue/services/{id}/open": SUPERVISORS,
  "POST /api/v1/queue/workstations/{id}/release": SUPERVISORS,
  "GET /api/v1/queue/tickets/{id}/workstations": SUPERVISORS,
  "POST /api/v1/queue/tickets/{id}/send": SUPERVISORS,
  "GET /api/v1/dashboard": SUPERVISORS,
  "GET /api/v1/reports/summary": SUPERVISORS,
  "GET /api/v1/reports/history-status": SUPERVISORS,
  "GET /api/v1/reports/operators": SUPERVISORS,
  "GET /api/v1/reports/workstations": SUPERVISORS,
  "GET /api/v1/reports/hourly": SUPERVISORS,
  "GET /api/v1/reports/daily": SUPERVISORS,
  "GET /api/v1/reports/estimates": SUPERVISORS,
  "GET /api/v1/reports/appointments": SUPERVISORS,
  "GET /api/v1/reports/tickets": SUPERVISORS,
  "GET /api/v1/alert-rules": SUPERVISORS,
  "GET /api/v1/alert-rules/channels": ADMINS,
  "GET /api/v1/alert-rules/{id}": SUPERVISORS,
  "POST /api/v1/alert-rules": ADMINS,
  "PATCH /api/v1/alert-rules/{id}": ADMINS,
  "DELETE /api/v1/alert-rules/{id}": ADMINS,
  "POST /api/v1/alert-rules/{id}/test": ADMINS,
  "GET /api/v1/alerts": SUPERVISORS,
  "GET /api/v1/alerts/{id}": SUPERVISORS,
  "POST /api/v1/alerts/{id}/ack": SUPERVISORS,
  "POST /api/v1/queue/close-day": SUPERVISORS,

  "GET /api/v1/board": EVERYONE,
  "GET /api/v1/counter/{number}": EVERYONE,
  "GET /api/v1/overview": EVERYONE,
  "GET /api/v1/events": EVERYONE, // channel=board; the staff channel is checked below
};

const PARAMS: Record<string, string> = { id: "999999", code: "aaaaaaaaaaaa", number: "99" };

let ctx: TestContext;
let office: Office;
let callers: Record<Who, RequestOptions>;

setUpOffice(async (c, o) => {
  ctx = c;
  office = o;
  const token = async (role: string) =>
    (await ctx.request("POST", "/api/v1/api-tokens", { cookie: ctx.adminCookie, body: { name: role, role } }))
      .body.token as string;
  callers = {
    anonymous: {},
    operator: { cookie: office.operators.anna.cookie },
    supervisor: { cookie: office.supervisor.cookie },
    admin: { cookie: ctx.adminCookie },
    kiosk: { token: office.kioskToken },
    board: { token: office.boardToken },
    apiAdmin: { token: await token("admin") },
    apiSupervisor: { token: await token("supervisor") },
  };
});

function appRoutes(): string[] {
  const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

async function freshSession(who: Who): Promise<string> {
  if (who === "admin") return ctx.login(ADMIN.login, ADMIN.password);
  return ctx.login(who === "operator" ? "anna" : "sofia", OPERATOR_PASSWORD);
}

function denial(who: Who, route: string): number {
  // "Who am I?" is answered 401 to anyone who is not a signed-in employee.
  if (route === "GET /api/v1/auth/me") return 401;
  return who === "anonymous" ? 401 : 403;
}

describe("access to every route", () => {
  it("the table lists exactly the routes the app serves", () => {
    expect(appRoutes().sort()).toEqual(Object.keys(TABLE).sort());
  });

  for (const route of Object.keys(TABLE)) {
    if (route === "GET /api/v1/events") continue;
    it(route, async () => {
      const [method, template] = route.split(" ") as [string, string];
      const url = template.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name]!);
      const body =
        method === "POST" || method === "PATCH"
          ? route.endsWith("/login")
            ? { login: "x", password: "y" }
            : {}
          : undefined;
      for (const who of EVERYONE) {
        // Logging out ends the session it is given: give it a throwaway one.
        const caller =
          route.endsWith("/logout") && callers[who].cookie
            ? { cookie: await freshSession(who) }
            : callers[who];
        const res = await ctx.request(method as "GET", url, { ...caller, body });
        const allowed = TABLE[route]!.includes(who);
        if (allowed) {
          // Allowed callers may still get 400/404/409/422, or 401 for wrong login credentials.
          const refusedByAccess = res.status === 403 || (res.status === 401 && !route.endsWith("/login"));
          expect(refusedByAccess, `${who} → ${res.status} ${JSON.stringify(res.body)}`).toBe(false);
        } else {
          expect(res.status, `${who} should be refused`).toBe(denial(who, route));
          expect(res.body.error.code).toMatch(/^(unauthenticated|forbidden)$/);
        }
      }
    });
  }
});

describe("the live event stream", () => {
  it("board channel: anyone; staff channel: staff only", async () => {
    const base = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    const headers = (o: RequestOptions): Record<string, string> => ({
      ...(o.cookie ? { cookie: o.cookie } : {}),
      ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
    });
    for (const who of EVERYONE) {
      for (const channel of ["board", "staff"] as const) {
        const client = await SseClient.connect(
          `${base}/api/v1/events?channel=${channel}`,
          headers(callers[who]),
        );
        const allowed = channel === "board" || STAFF.includes(who);
        expect(client.status, `${who} on ${channel}`).toBe(allowed ? 200 : denial(who, "GET /api/v1/events"));
        await client.close();
      }
    }
  });
});

describe("branches", () => {
  it("a device or a non-admin employee cannot act in another branch", async () => {
    const other = await ctx.request("POST", "/api/v1/branches", {
      cookie: ctx.adminCookie,
      body: { name: "Other office" },
    });
    expect(other.status).toBe(201);
    const header = { "x-branch-id": other.body.id };
    const kiosk = await ctx.request("GET", "/api/v1/services", { ...callers.kiosk, headers: header });
    expect(kiosk.status).toBe(403);
    const operator = await ctx.request("GET", "/api/v1/operator/state", {
      ...callers.operator,
      headers: header,
    });
    expect(operator.status).toBe(403);
    const admin = await ctx.request("GET", "/api/v1/services", { ...callers.admin, headers: header });
    expect(admin.status).toBe(200);
    expect(admin.body.items).toEqual([]);
  });
});

describe("an operator of another branch", () => {
  it("works in his own branch by default and cannot reach the first one", async () => {
    const admin = { cookie: ctx.adminCookie };
    const second = await ctx.request("POST", "/api/v1/branches", {
      ...admin,
      body: { name: "Second office" },
    });
    const header = { "x-branch-id": second.body.id };
    const service = await ctx.request("POST", "/api/v1/services", {
      ...admin,
      headers: header,
      body: { name: "Справки", prefix: "S" },
    });
    const created = await ctx.request("POST", "/api/v1/employees", {
      ...admin,
      headers: header,
      body: {
        login: "remote",
        name: "Remote",
        role: "operator",
        password: "remote-password",
        serviceIds: [service.body.id],
      },
    });
    expect(created.status).toBe(201);
    const cookie = await ctx.login("remote", "remote-password");
    const queues = await ctx.request("GET", "/api/v1/operator/queues", { cookie });
    expect(queues.body.items.map((q: { name: string }) => q.name)).toEqual(["Справки"]);
    const first = await ctx.request("GET", "/api/v1/operator/queues", {
      cookie,
      headers: { "x-branch-id": "1" },
    });
    expect(first.status).toBe(403);
    // Public routes do not depend on who asks.
    expect((await ctx.request("GET", "/api/v1/board", { cookie })).body.branch.id).toBe("1");
  });
});
