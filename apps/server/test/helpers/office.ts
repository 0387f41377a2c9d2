import { afterAll, beforeAll } from "vitest";
import type { App } from "../../src/http/types.ts";
import type { Receivers } from "./receivers.ts";
import {
  anonymous,
  createTestContext,
  type Response,
  type TestClock,
  type TestContext,
  type TestContextOptions,
} from "./test-app.ts";

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

/**
 * `setUpOffice` with the local receivers of receivers.ts: they start first, so that the app's options
 * (made by `options`) may name them, and close after the app. `use` receives them too.
 */
export function setUpOfficeWithReceivers(
  options: (rx: Receivers) => TestContextOptions,
  use: (ctx: TestContext, office: Office, rx: Receivers) => void | Promise<void>,
): void {
  let rx: Receivers | undefined;
  let ctx: TestContext | undefined;
  beforeAll(async () => {
    // Loaded here, not above: the files that need no receivers do not load the SMTP server's modules.
    const { startReceivers } = await import("./receivers.ts");
    rx = await startReceivers();
    ctx = await createTestContext(options(rx));
    await use(ctx, await buildOffice(ctx), rx);
  });
  afterAll(async () => {
    await ctx?.close();
    await rx?.close();
  });
}

/** What `setUpTwoInstances` makes: the usual test app and office, a second instance, the receivers. */
export interface TwoInstances {
  ctx: TestContext;
  office: Office;
  /** Another app instance on the same PostgreSQL database, like a second server behind a proxy. */
  second: App;
  rx: Receivers;
}

/** PostgreSQL only: `setUpOfficeWithReceivers` with a second app instance on the same database. */
export function setUpTwoInstances(
  options: (rx: Receivers) => TestContextOptions,
  use: (made: TwoInstances) => void,
): void {
  setUpOfficeWithReceivers(options, async (ctx, office, rx) => {
    use({ ctx, office, second: await ctx.secondInstance(), rx });
  });
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

/**
 * Call next for the operator of `cookie`, then start and finish the ticket it gives: its label, or
 * null when nobody is callable (204).
 */
export async function serveNext(ctx: TestContext, cookie: string): Promise<string | null> {
  const res = await ctx.request("POST", "/api/v1/operator/call-next", { cookie });
  if (res.status === 204) return null;
  await operatorAction(ctx, cookie, `tickets/${res.body.id}/start`);
  await operatorAction(ctx, cookie, `tickets/${res.body.id}/finish`);
  return res.body.label;
}

/** Changes the office's remote join settings (`settings.remoteJoin`); must succeed. */
export async function patchRemoteJoin(ctx: TestContext, patch: Record<string, unknown>) {
  const res = await ctx.request("PATCH", "/api/v1/branch", {
    cookie: ctx.adminCookie,
    body: { settings: { remoteJoin: patch } },
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

/** Where the office of the check-in-on-arrival tests stands. */
export const OFFICE_POSITION = { latitude: 55.7558, longitude: 37.6173 };

/** What `setUpArrivalDesk` makes. */
export interface ArrivalDesk {
  ctx: TestContext;
  office: Office;
  /** «Справки» (C), a service of its own. */
  serviceId: string;
  /** The session cookie of the one operator who serves it. */
  operator: string;
}

/**
 * The set-up of the check-in-on-arrival tests (docs/remote-join.md): the small office, behind a
 * trusted proxy (see `anonymous`), with a service «Справки» (C) of its own that one operator, `login`
 * («Ольга»), serves alone at «Окно 7». Remote join takes any share of the queue, does not refuse near
 * closing time, and its tickets wait for «Я на месте» within 100 m of OFFICE_POSITION.
 */
export function setUpArrivalDesk(clock: TestClock, login: string, use: (made: ArrivalDesk) => void): void {
  setUpOffice({ clock, config: { trustProxy: ["loopback"] } }, async (ctx, office) => {
    const res = await ctx.request("POST", "/api/v1/services", {
      cookie: ctx.adminCookie,
      body: { name: "Справки", prefix: "C" },
    });
    const serviceId: string = res.body.id;
    const [operator] = await seatOperators(ctx, serviceId, 1, () => ({
      workstation: "Окно 7",
      number: "7",
      login,
      name: "Ольга",
    }));
    await patchRemoteJoin(ctx, {
      arrivalCheckIn: true,
      maxSharePercent: 100,
      refuseAfterClosing: false,
      geofence: { ...OFFICE_POSITION, radiusMeters: 100 },
    });
    use({ ctx, office, serviceId, operator: operator! });
  });
}

/** A remote ticket as `POST /api/v1/remote-tickets` answers it (the fields these tests read). */
export interface RemoteTicket {
  code: string;
  label: string;
  awaitingArrival: boolean;
  position: number;
}

/** A second on, a new anonymous visitor joins the queue of `serviceId` remotely (must succeed). */
export async function joinRemoteQueue(ctx: TestContext, serviceId: string): Promise<RemoteTicket> {
  ctx.clock.advance(1);
  const res = await ctx.request("POST", "/api/v1/remote-tickets", anonymous({ body: { serviceId } }));
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body;
}

/** «Я на месте» for the ticket `code`, from an anonymous visitor; `body` is a position or a door key. */
export function checkIn(ctx: TestContext, code: string, body: unknown): Promise<Response> {
  return ctx.request("POST", `/api/v1/tickets/${code}/arrival`, anonymous({ body }));
}
