import type { RemoteJoinSettings } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { visitorHash, visitorHashKey } from "../../src/queue/visitor-hash.ts";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { type RequestOptions, type Response, TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Remote join (docs/remote-join.md, "Remote join"): POST /api/v1/remote-tickets and the /join
 * page's GET /api/v1/remote-join. The clock stands at Monday 2 March 2026, 12:00 in Moscow. Each
 * test sets the limits it is about and uses its own phone, browser id or a fresh service, so the
 * others' tickets never count against it.
 */
let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T12:00:00+03:00"));
/** Generous limits: a test that is about one cap tightens that one only. */
const LOOSE: Partial<RemoteJoinSettings> = {
  enabled: true,
  perPhoneDaily: 50,
  perBrowserDaily: 50,
  maxSharePercent: 100,
  refuseAfterClosing: false,
  arrivalCheckIn: false,
};

let address = 0;
/** Each anonymous request from an address of its own, so the per-address limits stay out of the way. */
function anonymous(options: RequestOptions = {}): RequestOptions {
  address++;
  return {
    ...options,
    headers: { "x-forwarded-for": `198.51.${address >> 8}.${address & 255}`, ...options.headers },
  };
}

function join(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return ctx.request("POST", "/api/v1/remote-tickets", anonymous({ body, headers }));
}

async function remoteSettings(patch: Partial<RemoteJoinSettings>) {
  const res = await ctx.request("PATCH", "/api/v1/branch", {
    cookie: ctx.adminCookie,
    body: { settings: { remoteJoin: { ...LOOSE, ...patch } } },
  });
  if (res.status !== 200) throw new Error(JSON.stringify(res.body));
}

let prefixes = 0;
const prefixOf = new Map<string, string>();
/** A service of its own for a test: nobody's tickets but the test's own are in its queue. */
async function freshService(extra: Record<string, unknown> = {}): Promise<string> {
  const prefix = `Q${"ABCDEFGHIJKLMNOPRSTUVWXYZ"[prefixes++]}`;
  const res = await ctx.request("POST", "/api/v1/services", {
    cookie: ctx.adminCookie,
    body: { name: `Service ${prefix}`, prefix, ...extra },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  prefixOf.set(res.body.id, prefix);
  return res.body.id;
}

const ticketRow = (code: string) =>
  ctx.database.db.selectFrom("tickets").selectAll().where("code", "=", code).executeTakeFirstOrThrow();

setUpOffice({ clock, config: { trustProxy: ["loopback"] } }, async (c, o) => {
  ctx = c;
  office = o;
  await remoteSettings({});
});

describe("taking a ticket remotely", () => {
  it("answers 201 with the public ticket, source remote, and keeps no phone without consent", async () => {
    const serviceId = await freshService();
    const res = await join({ serviceId, phone: "8 (916) 123-45-01", browserId: "browser-0000000001" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      label: "QA001",
      status: "waiting",
      serviceId,
      source: "remote",
      position: 0,
      awaitingArrival: false,
      postponesLeft: 2,
      postponeMaxPlaces: 5,
      canCancel: true,
    });
    const row = await ticketRow(res.body.code);
    const key = await visitorHashKey(ctx.database.db);
    expect(row).toMatchObject({
      origin: "remote",
      phone: null,
      phone_consent_at: null,
      // The number as the schema normalises it, hashed with the server's key.
      phone_hash: visitorHash(key, "phone", "+79161234501"),
      browser_hash: visitorHash(key, "browser", "browser-0000000001"),
      arrival_required: false,
    });
    expect(row.phone_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("keeps the number with the consent, and staff see it masked", async () => {
    const serviceId = await freshService();
    const res = await join({ serviceId, phone: "+7 916 123-45-02", phoneConsent: true, language: "en" });
    expect(res.status).toBe(201);
    const row = await ticketRow(res.body.code);
    expect(row.phone).toBe("+79161234502");
    expect(row.phone_consent_at?.toISOString()).toBe(clock.now.toISOString());
    expect(row.language).toBe("en");
    const staff = await ctx.request("GET", `/api/v1/queue/tickets/${row.id}`, { cookie: ctx.adminCookie });
    expect(staff.body).toMatchObject({ source: "remote", phoneMasked: "+7 *** ***-**-02", postponeCount: 0 });
  });

  it("the key's hash is made once and kept in server_state", async () => {
    const rows = await ctx.database.db
      .selectFrom("server_state")
      .select("name")
      .where("name", "=", "visitor_hash_key")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("answers a retry with the same Idempotency-Key with the same ticket (200), another body with 422", async () => {
    const serviceId = await freshService();
    const body = { serviceId, phone: "+79161234503", browserId: "browser-0000000003" };
    const headers = { "idempotency-key": "join-retry-1" };
    const first = await join(body, headers);
    const again = await join(body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.code).toBe(first.body.code);
    const other = await join({ ...body, phone: "+79161234599" }, headers);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    const count = await ctx.database.db
      .selectFrom("tickets")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("service_id", "=", serviceId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("a retry is answered with the ticket even when the phone's cap is reached by it", async () => {
    await remoteSettings({ perPhoneDaily: 1 });
    const serviceId = await freshService();
    const body = { serviceId, phone: "+79161234504" };
    const first = await join(body, { "idempotency-key": "join-retry-2" });
    const again = await join(body, { "idempotency-key": "join-retry-2" });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.code).toBe(first.body.code);
    await remoteSettings({});
  });
});

describe("refusals", () => {
  it("the per-phone daily cap: 409 phone_daily_limit with the reason in both languages", async () => {
    await remoteSettings({ perPhoneDaily: 2 });
    const serviceId = await freshService();
    expect((await join({ serviceId, phone: "+79161234510" })).status).toBe(201);
    // The same number written another way is the same phone.
    expect((await join({ serviceId, phone: "8 916 123 45 10" })).status).toBe(201);
    const third = await join({ serviceId, phone: "+7 (916) 123-45-10" });
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({
      code: "phone_daily_limit",
      details: {
        limit: 2,
        reason: {
          ru: "С этого номера сегодня уже взято талонов: 2. Больше нельзя",
          en: "This phone number already has 2 remote tickets today, the most allowed",
        },
      },
    });
    // Another phone is not limited by it.
    expect((await join({ serviceId, phone: "+79161234511" })).status).toBe(201);
    await remoteSettings({});
  });

  it("the per-phone cap counts cancelled tickets too", async () => {
    await remoteSettings({ perPhoneDaily: 1 });
    const serviceId = await freshService();
    const first = await join({ serviceId, phone: "+79161234512" });
    await ctx.request("POST", `/api/v1/tickets/${first.body.code}/cancel`, anonymous());
    expect((await join({ serviceId, phone: "+79161234512" })).body.error.code).toBe("phone_daily_limit");
    await remoteSettings({});
  });

  it("the per-browser daily cap: 409 browser_daily_limit", async () => {
    await remoteSettings({ perBrowserDaily: 3 });
    const serviceId = await freshService();
    const browserId = "browser-cap-000000020";
    for (let i = 0; i < 3; i++) expect((await join({ serviceId, browserId })).status).toBe(201);
    const fourth = await join({ serviceId, browserId });
    expect(fourth.status).toBe(409);
    expect(fourth.body.error).toMatchObject({
      code: "browser_daily_limit",
      details: {
        limit: 3,
        reason: {
          ru: "С этого устройства сегодня уже взято талонов: 3. Больше нельзя",
          en: "This device already has 3 remote tickets today, the most allowed",
        },
      },
    });
    await remoteSettings({});
  });

  it("the phone's cap is checked before the browser's", async () => {
    await remoteSettings({ perPhoneDaily: 1, perBrowserDaily: 1 });
    const serviceId = await freshService();
    await join({ serviceId, phone: "+79161234530", browserId: "browser-order-000030" });
    const res = await join({ serviceId, phone: "+79161234530", browserId: "browser-order-000030" });
    expect(res.body.error.code).toBe("phone_daily_limit");
    await remoteSettings({});
  });

  it("the remote share of a queue: the first two always, then at most maxSharePercent counting the new one", async () => {
    await remoteSettings({ maxSharePercent: 50 });
    const serviceId = await freshService();
    // Two remote tickets in an empty queue: 2 of 2, let in all the same.
    expect((await join({ serviceId })).status).toBe(201);
    expect((await join({ serviceId })).status).toBe(201);
    // A third would be 3 of 3.
    const third = await join({ serviceId });
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({
      code: "remote_share_limit",
      details: { maxSharePercent: 50, reason: { en: expect.stringContaining("Many visitors") } },
    });
    // Two walk-ins: 3 of 5 is 60 %, still too many; four: 3 of 7 is 43 %.
    await issue(ctx, office, serviceId);
    await issue(ctx, office, serviceId);
    expect((await join({ serviceId })).body.error.code).toBe("remote_share_limit");
    await issue(ctx, office, serviceId);
    await issue(ctx, office, serviceId);
    expect((await join({ serviceId })).status).toBe(201);
    // Now 3 remote of 7 waiting: a fourth would be 4 of 8, exactly 50 %: let in.
    expect((await join({ serviceId })).status).toBe(201);
    expect((await join({ serviceId })).body.error.code).toBe("remote_share_limit");
    await remoteSettings({});
  });

  it("the office's or the service's switch off: 409 remote_join_disabled", async () => {
    const serviceId = await freshService();
    await remoteSettings({ enabled: false });
    const office_ = await join({ serviceId });
    expect(office_.status).toBe(409);
    expect(office_.body.error).toMatchObject({
      code: "remote_join_disabled",
      details: {
        reason: {
          ru: "В эту очередь нельзя встать дистанционно — возьмите талон в офисе",
          en: "This queue cannot be joined remotely — take a ticket at the office",
        },
      },
    });
    await remoteSettings({});
    await ctx.request("PATCH", `/api/v1/services/${serviceId}`, {
      cookie: ctx.adminCookie,
      body: { remoteJoin: false },
    });
    expect((await join({ serviceId })).body.error.code).toBe("remote_join_disabled");
    // The kiosk still issues it.
    expect((await issue(ctx, office, serviceId)).label).toBe(`${prefixOf.get(serviceId)}001`);
  });

  it("a closed service, its daily limit and an unknown service answer as at the kiosk", async () => {
    const closed = await freshService({ acceptingTickets: false });
    const res = await join({ serviceId: closed });
    expect([res.status, res.body.error.code]).toEqual([422, "service_closed"]);
    const limited = await freshService({ dailyLimit: 1 });
    expect((await join({ serviceId: limited })).status).toBe(201);
    const over = await join({ serviceId: limited });
    expect([over.status, over.body.error.code]).toEqual([422, "daily_limit_reached"]);
    const unknown = await join({ serviceId: "999999" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]).toMatchObject({ field: "serviceId", code: "unknownService" });
    const group = await join({ serviceId: office.services.group });
    expect(group.body.error.details[0]).toMatchObject({ field: "serviceId", code: "groupNotService" });
  });

  it("bad input names the field: a malformed phone or browser id is 400", async () => {
    const serviceId = office.services.buy;
    const phone = await join({ serviceId, phone: "12" });
    expect(phone.status).toBe(400);
    expect(phone.body.error.details[0].field).toBe("phone");
    const browser = await join({ serviceId, browserId: "short" });
    expect(browser.status).toBe(400);
    expect(browser.body.error.details[0].field).toBe("browserId");
  });
});

describe("closing time", () => {
  it("refuses when the expected call is after the office closes today; lets in without an estimate", async () => {
    // Corporate: Vera alone, 30 minutes a visitor; the office closes at 12:30 today.
    const serviceId = office.services.corporate;
    await ctx.request("PATCH", `/api/v1/services/${serviceId}`, {
      cookie: ctx.adminCookie,
      body: { expectedServiceMinutes: 30 },
    });
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { openingHours: { mon: [{ from: "09:00", to: "12:30" }] } } },
    });
    await remoteSettings({ refuseAfterClosing: true });
    for (let i = 0; i < 3; i++) await issue(ctx, office, serviceId);
    // Nobody serves Corporate yet: no estimate, so no refusal.
    expect((await join({ serviceId })).status).toBe(201);
    await takeWorkstation(ctx, office.operators.vera.cookie, office.workstations.w3);
    const late = await join({ serviceId });
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({
      code: "closes_before_turn",
      details: {
        closesAt: "12:30",
        reason: {
          ru: "Очередь не успеет дойти до вас до закрытия в 12:30 — приходите в другой день",
          en: "The queue will not reach you before closing at 12:30 — come another day",
        },
      },
    });
    // The /join page says the same.
    const info = await ctx.request("GET", "/api/v1/remote-join", anonymous());
    const corporate = info.body.services.find((s: { id: string }) => s.id === serviceId);
    expect(corporate).toMatchObject({ open: false, reason: late.body.error.details.reason });
    // With refuseAfterClosing off, it is let in.
    await remoteSettings({ refuseAfterClosing: false });
    expect((await join({ serviceId })).status).toBe(201);
    // After the office's hours, with the setting on: closed now.
    await remoteSettings({ refuseAfterClosing: true });
    clock.advance(31 * 60);
    const closed = await join({ serviceId });
    expect(closed.body.error).toMatchObject({
      code: "closes_before_turn",
      details: { reason: { ru: "Офис сейчас закрыт", en: "The office is closed now" }, closesAt: null },
    });
    clock.advance(-31 * 60);
    await remoteSettings({});
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { openingHours: null } },
    });
  });
});

describe("the /join page", () => {
  it("lists the services, open or with the reason, the categories and the channels", async () => {
    await remoteSettings({ arrivalCheckIn: true });
    const serviceId = await freshService();
    const off = await freshService({ remoteJoin: false });
    const res = await ctx.request("GET", "/api/v1/remote-join", anonymous());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      branchId: "1",
      enabled: true,
      arrivalCheckIn: true,
      languages: ["ru", "en"],
      defaultLanguage: "ru",
      // The test server has no bot, SMS gateway or SMTP; Web Push keys are made by the server.
      channels: { telegram: false, webpush: true, sms: false, email: false },
    });
    expect(res.body.categories.map((c: { name: string }) => c.name)).toEqual(["Ветеран", "Инвалид"]);
    const byId = new Map(res.body.services.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(serviceId)).toMatchObject({ open: true, reason: null, waiting: 0, isGroup: false });
    expect(byId.get(off)).toMatchObject({
      open: false,
      reason: { en: "This queue cannot be joined remotely — take a ticket at the office" },
    });
    expect(byId.get(office.services.group)).toMatchObject({ isGroup: true, open: true, reason: null });
    await remoteSettings({});
  });
});

describe("waiting, as a visitor deciding to join is shown it", () => {
  it("counts the people ahead of a new ticket, not remote holders on their way; the share counts them all", async () => {
    await remoteSettings({ arrivalCheckIn: true, maxSharePercent: 50 });
    const serviceId = await freshService();
    for (let i = 0; i < 4; i++) await issue(ctx, office, serviceId);
    const remote = [];
    for (let i = 0; i < 3; i++) {
      const res = await join({ serviceId });
      expect(res.status).toBe(201);
      remote.push(res.body as { code: string });
    }
    /** Each screen's `waiting` for the service: the /join page, the kiosk, the public overview, staff's dashboard. */
    const shown = async () => {
      const page = await ctx.request("GET", "/api/v1/remote-join", anonymous());
      const kiosk = await ctx.request("GET", "/api/v1/kiosk", { token: office.kioskToken });
      const overview = await ctx.request("GET", "/api/v1/overview", anonymous());
      const dashboard = await ctx.request("GET", "/api/v1/dashboard", { cookie: ctx.adminCookie });
      const find = (list: { id?: string; serviceId?: string }[]) =>
        list.find((s) => (s.id ?? s.serviceId) === serviceId) as Record<string, unknown>;
      const join = find(page.body.services);
      return {
        join: { waiting: join.waiting, open: join.open },
        kiosk: find(kiosk.body.services).waiting,
        overview: find(overview.body.items).waiting,
        dashboard: find(dashboard.body.services).waiting,
      };
    };
    // 4 walk-ins ahead; the 3 remote holders keep their places but call next passes them. The
    // share counts all 7: a fourth remote ticket is 4 of 8, 50 %, let in (of 5 it would not be).
    expect(await shown()).toEqual({ join: { waiting: 4, open: true }, kiosk: 4, overview: 4, dashboard: 7 });
    expect(await positionOfNew(serviceId)).toBe(4);
    // One holder arrives: he is ahead of anyone joining now.
    const door = await ctx.request("GET", "/api/v1/remote-join/door", { cookie: ctx.adminCookie });
    const arrived = await ctx.request("POST", `/api/v1/tickets/${remote[0]!.code}/arrival`, {
      body: { doorKey: door.body.doorKey },
    });
    expect(arrived.status).toBe(200);
    expect(await shown()).toEqual({ join: { waiting: 5, open: true }, kiosk: 5, overview: 5, dashboard: 7 });
    expect(await positionOfNew(serviceId)).toBe(5);
    // The share's last place taken: the page says so, as a join would.
    expect((await join({ serviceId })).status).toBe(201);
    expect((await shown()).join).toEqual({ waiting: 5, open: false });
    expect((await join({ serviceId })).body.error.code).toBe("remote_share_limit");
    await remoteSettings({});
  });
});

/** The position a walk-in ticket taken now gets (and cancels it, leaving the queue as it was). */
async function positionOfNew(serviceId: string): Promise<number> {
  const t = await issue(ctx, office, serviceId);
  const res = await ctx.request("GET", `/api/v1/tickets/${t.code}`, anonymous());
  await ctx.request("POST", `/api/v1/tickets/${t.code}/cancel`, anonymous());
  return res.body.position;
}

describe("two joins at once", () => {
  it("from the same phone with one place left: exactly one passes", async () => {
    await remoteSettings({ perPhoneDaily: 2 });
    const serviceId = await freshService();
    expect((await join({ serviceId, phone: "+79161234560" })).status).toBe(201);
    const both = await Promise.all(
      Array.from({ length: 4 }, () => join({ serviceId, phone: "+79161234560" })),
    );
    expect(both.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    await remoteSettings({});
  });

  it("for the last place of a queue's remote share: exactly one passes", async () => {
    await remoteSettings({ maxSharePercent: 50 });
    const serviceId = await freshService();
    // Two walk-ins and one remote: the next remote is 2 of 4 (50 %), the one after 3 of 5.
    await issue(ctx, office, serviceId);
    await issue(ctx, office, serviceId);
    await issue(ctx, office, serviceId);
    await issue(ctx, office, serviceId);
    expect((await join({ serviceId })).status).toBe(201);
    expect((await join({ serviceId })).status).toBe(201);
    // 2 remote of 6: a third is 3 of 7 (43 %), a fourth 4 of 8 (50 %), a fifth 5 of 9 (56 %).
    const results = await Promise.all(Array.from({ length: 5 }, () => join({ serviceId })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409]);
    await remoteSettings({});
  });

  it("the same Idempotency-Key twice at once issues one ticket", async () => {
    const serviceId = await freshService();
    const body = { serviceId, browserId: "browser-twice-0000070" };
    const headers = { "idempotency-key": "join-at-once-1" };
    const [a, b] = await Promise.all([join(body, headers), join(body, headers)]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.code).toBe(b.body.code);
  });
});
