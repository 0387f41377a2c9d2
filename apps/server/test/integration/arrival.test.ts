import { describe, expect, it } from "vitest";
import {
  checkIn,
  issue,
  joinRemoteQueue,
  OFFICE_POSITION as OFFICE,
  type Office,
  operatorAction,
  serveNext,
  setUpArrivalDesk,
} from "../helpers/office.ts";
import { anonymous, type Response, TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Check in on arrival (docs/remote-join.md): with `arrivalCheckIn` a remote ticket keeps its place
 * but call next passes over it until «Я на месте» — the phone inside the geofence (100 m around
 * 55.7558, 37.6173) or the door's QR key.
 */
let ctx: TestContext;
let office: Office;
let serviceId: string;
let operator: string;
const clock = new TestClock(new Date("2026-03-02T12:00:00+03:00"));
/** Metres per degree of latitude on the haversine's sphere (6 371 km). */
const METRES_PER_DEGREE = (6_371_000 * Math.PI) / 180;
const north = (metres: number) => ({ ...OFFICE, latitude: OFFICE.latitude + metres / METRES_PER_DEGREE });

const arrive = (code: string, body: unknown): Promise<Response> => checkIn(ctx, code, body);
const joinRemote = () => joinRemoteQueue(ctx, serviceId);
const row = (code: string) =>
  ctx.database.db.selectFrom("tickets").selectAll().where("code", "=", code).executeTakeFirstOrThrow();
const callNext = () => serveNext(ctx, operator);

setUpArrivalDesk(clock, "arrival-op", (made) => {
  ({ ctx, office, serviceId, operator } = made);
});

describe("call next and tickets awaiting arrival", () => {
  it("passes over a remote ticket until its holder arrives; it keeps its place meanwhile", async () => {
    const remote = await joinRemote();
    expect(remote).toMatchObject({ awaitingArrival: true, position: 0 });
    expect((await row(remote.code)).arrival_required).toBe(true);
    clock.advance(1);
    const walkIn = await issue(ctx, office, serviceId);
    // Nobody call next would take is ahead of him: the remote holder is not counted until he arrives.
    expect(walkIn.position).toBe(0);
    expect(await callNext()).toBe(walkIn.label);
    // Nobody else is callable: the remote ticket still waits for its holder.
    expect(await callNext()).toBeNull();
    expect((await arrive(remote.code, north(40))).body).toMatchObject({
      awaitingArrival: false,
      position: 0,
    });
    expect(await callNext()).toBe(remote.label);
  });

  it("staff may still call it by hand (they see the visitor at the desk)", async () => {
    const remote = await joinRemote();
    const id = (await row(remote.code)).id;
    const res = await ctx.request("POST", `/api/v1/operator/tickets/${id}/call`, { cookie: operator });
    expect(res.status).toBe(200);
    // Called, he is at the desk: he has arrived.
    expect(res.body).toMatchObject({
      label: remote.label,
      status: "called",
      arrivalRequired: true,
      arrivedAt: clock.now.toISOString(),
    });
    // Returned to the queue (or redirected), call next takes him: no second «Я на месте».
    await operatorAction(ctx, operator, `tickets/${id}/return`);
    expect(await callNext()).toBe(remote.label);
  });
});

describe("postponing past tickets awaiting arrival", () => {
  it("counts only the people call next may take: holders on their way are no one to let go first", async () => {
    const first = await issue(ctx, office, serviceId);
    const onTheWay = [await joinRemote(), await joinRemote()];
    clock.advance(1);
    const second = await issue(ctx, office, serviceId);
    clock.advance(1);
    const third = await issue(ctx, office, serviceId);
    const res = await ctx.request(
      "POST",
      `/api/v1/tickets/${first.code}/postpone`,
      anonymous({ body: { places: 1 } }),
    );
    expect(res.body).toMatchObject({ label: first.label, position: 1 });
    expect([await callNext(), await callNext(), await callNext(), await callNext()]).toEqual([
      second.label,
      first.label,
      third.label,
      null,
    ]);
    for (const r of onTheWay) await ctx.request("POST", `/api/v1/tickets/${r.code}/cancel`, anonymous());
  });
});

describe("«Я на месте»", () => {
  it("inside the geofence: arrived now, announced as ticket.updated", async () => {
    const remote = await joinRemote();
    clock.advance(30);
    const res = await arrive(remote.code, north(60));
    expect(res.status).toBe(200);
    expect(res.body.awaitingArrival).toBe(false);
    const t = await row(remote.code);
    expect(t.arrived_at?.toISOString()).toBe(clock.now.toISOString());
    const event = await ctx.database.db
      .selectFrom("events")
      .select(["type", "data"])
      .where("ticket_id", "=", t.id)
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ type: "ticket.updated", data: { change: "arrived", label: remote.label } });
    // A second tap changes nothing.
    clock.advance(30);
    expect((await arrive(remote.code, north(60))).status).toBe(200);
    expect((await row(remote.code)).arrived_at?.getTime()).toBe(t.arrived_at!.getTime());
    await callNext();
  });

  it("outside the geofence: 409 outside_geofence with the distance", async () => {
    const remote = await joinRemote();
    const res = await arrive(remote.code, north(1112));
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "outside_geofence",
      details: {
        distanceMeters: 1112,
        radiusMeters: 100,
        reason: {
          ru: "Вы в 1112 м от офиса — отметьтесь, когда будете рядом или у входа",
          en: "You are 1112 m from the office — check in when you are near or at the entrance",
        },
      },
    });
    // A coarse fix is forgiven at most 100 m of its accuracy.
    expect((await arrive(remote.code, { ...north(1112), accuracyMeters: 5000 })).status).toBe(409);
    expect((await arrive(remote.code, { ...north(150), accuracyMeters: 60 })).status).toBe(200);
    await callNext();
  });

  it("the door's QR key from the poster checks in; another key is 409 door_key_invalid", async () => {
    const door = await ctx.request("GET", "/api/v1/remote-join/door", { cookie: ctx.adminCookie });
    expect(door.status).toBe(200);
    expect(door.body.doorKey).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(door.body.url).toBe(`/here?door=${door.body.doorKey}`);
    // The key is the office's: the same every time.
    const again = await ctx.request("GET", "/api/v1/remote-join/door", { cookie: ctx.adminCookie });
    expect(again.body.doorKey).toBe(door.body.doorKey);
    const remote = await joinRemote();
    const wrong = await arrive(remote.code, { doorKey: "A".repeat(22) });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toMatchObject({
      code: "door_key_invalid",
      details: { reason: { en: "This QR code is not from this office's door" } },
    });
    expect((await arrive(remote.code, { doorKey: `${door.body.doorKey}x` })).status).toBe(409);
    expect((await arrive(remote.code, { doorKey: door.body.doorKey })).body.awaitingArrival).toBe(false);
    await callNext();
  });

  it("without a geofence only the door's key counts: a position is 409 geofence_not_set", async () => {
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { remoteJoin: { geofence: null } } },
    });
    const remote = await joinRemote();
    const res = await arrive(remote.code, north(0));
    expect(res.body.error).toMatchObject({
      code: "geofence_not_set",
      details: {
        reason: { ru: "Отсканируйте QR-код у входа в офис", en: "Scan the QR code at the office's entrance" },
      },
    });
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { remoteJoin: { geofence: { ...OFFICE, radiusMeters: 100 } } } },
    });
    expect((await arrive(remote.code, north(0))).status).toBe(200);
    await callNext();
  });

  it("a ticket that needs no arrival: 200, nothing changes; one no longer waiting: 409 not_waiting", async () => {
    const walkIn = await issue(ctx, office, serviceId);
    expect((await arrive(walkIn.code, north(5000))).status).toBe(200);
    expect((await row(walkIn.code)).arrived_at).toBeNull();
    await callNext();
    const served = await arrive(walkIn.code, north(0));
    expect([served.status, served.body.error.code]).toEqual([409, "not_waiting"]);
    const remote = await joinRemote();
    await ctx.request("POST", `/api/v1/tickets/${remote.code}/cancel`, anonymous());
    const res = await arrive(remote.code, north(0));
    expect([res.status, res.body.error.code]).toEqual([409, "not_waiting"]);
  });

  it("bad input is 400: no position and no key, a latitude out of range", async () => {
    const remote = await joinRemote();
    expect((await arrive(remote.code, {})).status).toBe(400);
    expect((await arrive(remote.code, { latitude: 91, longitude: 0 })).status).toBe(400);
    expect((await arrive(remote.code, { doorKey: "short" })).status).toBe(400);
    expect((await arrive("ZZZZ-ZZZZ", north(0))).status).toBe(404);
    await arrive(remote.code, north(0));
    await callNext();
  });

  it("with arrivalCheckIn off, remote tickets are called like any other", async () => {
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { remoteJoin: { arrivalCheckIn: false } } },
    });
    const remote = await joinRemote();
    expect(remote.awaitingArrival).toBe(false);
    expect(await callNext()).toBe(remote.label);
  });
});
