import { afterAll, beforeAll } from "vitest";
import { createTestContext, type TestContext, type TestContextOptions } from "./test-app.ts";

export const OPERATOR_PASSWORD = "operator-password-1";

export interface Office {
  services: { buy: string; refund: string; corporate: string; group: string };
  categories: { veteran: string; disabled: string };
  workstations: { w1: string; w2: string; w3: string };
  operators: {
    anna: { id: string; cookie: string };
    boris: { id: string; cookie: string };
    vera: { id: string; cookie: string };
  };
  supervisor: { id: string; cookie: string };
  kioskToken: string;
  boardToken: string;
}

async function ok<T = any>(p: Promise<{ status: number; body: T }>, expected = 201): Promise<T> {
  const res = await p;
  if (res.status !== expected)
    throw new Error(`expected ${expected}, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A small office built through the public API, as an administrator would:
 * services А (buy), В (refund), К (corporate) in a group; windows 1–3; operators with ranks.
 *   anna:  buy rank 1, refund rank 2      at window 1 (buy, refund)
 *   boris: refund rank 1, buy rank 2      at window 2 (buy, refund)
 *   vera:  corporate rank 1               at window 3 (corporate, buy)
 */
export async function buildOffice(ctx: TestContext): Promise<Office> {
  const admin = { cookie: ctx.adminCookie };
  const post = (url: string, body: unknown) => ok(ctx.request("POST", url, { ...admin, body }));
  const group = await post("/api/v1/services", { name: "Билеты", isGroup: true });
  const buy = await post("/api/v1/services", {
    name: "Купить билет",
    prefix: "A",
    parentId: group.id,
    targetWaitMinutes: 15,
  });
  const refund = await post("/api/v1/services", {
    name: "Возврат",
    prefix: "B",
    parentId: group.id,
    targetWaitMinutes: 15,
  });
  const corporate = await post("/api/v1/services", {
    name: "Корпоративные",
    prefix: "K",
    targetWaitMinutes: 20,
  });
  const veteran = await post("/api/v1/categories", { name: "Ветеран", priority: 2 });
  const disabled = await post("/api/v1/categories", { name: "Инвалид", priority: 3 });
  const w1 = await post("/api/v1/workstations", {
    name: "Окно 1",
    number: "1",
    serviceIds: [buy.id, refund.id],
  });
  const w2 = await post("/api/v1/workstations", {
    name: "Окно 2",
    number: "2",
    serviceIds: [buy.id, refund.id],
  });
  const w3 = await post("/api/v1/workstations", {
    name: "Окно 3",
    number: "3",
    serviceIds: [corporate.id, buy.id],
  });
  const employee = async (
    login: string,
    role: string,
    competencies: { serviceId: string; rank: number }[],
  ) => {
    const e = await post("/api/v1/employees", {
      login,
      name: login,
      role,
      password: OPERATOR_PASSWORD,
      competencies,
    });
    return { id: e.id as string, cookie: await ctx.login(login, OPERATOR_PASSWORD) };
  };
  const anna = await employee("anna", "operator", [
    { serviceId: buy.id, rank: 1 },
    { serviceId: refund.id, rank: 2 },
  ]);
  const boris = await employee("boris", "operator", [
    { serviceId: refund.id, rank: 1 },
    { serviceId: buy.id, rank: 2 },
  ]);
  const vera = await employee("vera", "operator", [{ serviceId: corporate.id, rank: 1 }]);
  const supervisor = await employee("sofia", "supervisor", [
    { serviceId: buy.id, rank: 1 },
    { serviceId: refund.id, rank: 1 },
  ]);
  const kiosk = await post("/api/v1/devices", { kind: "kiosk", name: "Kiosk" });
  const board = await post("/api/v1/devices", { kind: "board", name: "Board" });
  return {
    services: { buy: buy.id, refund: refund.id, corporate: corporate.id, group: group.id },
    categories: { veteran: veteran.id, disabled: disabled.id },
    workstations: { w1: w1.id, w2: w2.id, w3: w3.id },
    operators: { anna, boris, vera },
    supervisor,
    kioskToken: kiosk.token,
    boardToken: board.token,
  };
}

type UseOffice = (ctx: TestContext, office: Office) => void | Promise<void>;

/**
 * The usual set-up of a test file: a test app (with `options`) and the small office, made before the
 * file's tests and closed after them. `use` receives both, to keep in the file's variables, and may
 * prepare more.
 */
export function setUpOffice(use: UseOffice): void;
export function setUpOffice(options: TestContextOptions, use: UseOffice): void;
export function setUpOffice(...args: [UseOffice] | [TestContextOptions, UseOffice]): void {
  const [options, use] = args.length === 1 ? [{}, args[0]] : args;
  let ctx: TestContext | undefined;
  beforeAll(async () => {
    ctx = await createTestContext(options);
    await use(ctx, await buildOffice(ctx));
  });
  afterAll(() => ctx?.close());
}

/** Issues a ticket through the kiosk device and returns it. */
export async function issue(
  ctx: TestContext,
  office: Office,
  serviceId: string,
  extra: Record<string, unknown> = {},
) {
  return ok(
    ctx.request("POST", "/api/v1/tickets", { token: office.kioskToken, body: { serviceId, ...extra } }),
  );
}

export async function takeWorkstation(ctx: TestContext, cookie: string, workstationId: string) {
  return ok(ctx.request("POST", "/api/v1/operator/workstation", { cookie, body: { workstationId } }), 200);
}

/** An operator's action (`POST /api/v1/operator/<path>`) that must succeed; returns the answer's body. */
export async function operatorAction(ctx: TestContext, cookie: string, path: string, body?: unknown) {
  const r = await ctx.request("POST", `/api/v1/operator/${path}`, { cookie, body });
  if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * `count` more operators, each at a workstation of his own that serves one service; returns their
 * session cookies. `names` gives the i-th workstation's and operator's names.
 */
export async function seatOperators(
  ctx: TestContext,
  serviceId: string,
  count: number,
  names: (i: number) => { workstation: string; number: string; login: string; name: string },
): Promise<string[]> {
  const admin = { cookie: ctx.adminCookie };
  const cookies: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = names(i);
    const ws = await ctx.request("POST", "/api/v1/workstations", {
      ...admin,
      body: { name: n.workstation, number: n.number, serviceIds: [serviceId] },
    });
    await ctx.request("POST", "/api/v1/employees", {
      ...admin,
      body: {
        login: n.login,
        name: n.name,
        role: "operator",
        password: OPERATOR_PASSWORD,
        serviceIds: [serviceId],
      },
    });
    const cookie = await ctx.login(n.login, OPERATOR_PASSWORD);
    await takeWorkstation(ctx, cookie, ws.body.id);
    cookies.push(cookie);
  }
  return cookies;
}
