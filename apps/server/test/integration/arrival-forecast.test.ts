import { describe, expect, it } from "vitest";
import {
  checkIn,
  issue,
  joinRemoteQueue,
  OFFICE_POSITION,
  type Office,
  patchRemoteJoin,
  serveNext,
  setUpArrivalDesk,
} from "../helpers/office.ts";
import { anonymous, TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Positions and wait estimates with remote tickets whose holders have not said «Я на месте»
 * (docs/remote-join.md "Check in on arrival", docs/estimates.md): call next passes over them, so
 * nobody waits behind them; each of them is quoted as if its holder arrived now. One operator at
 * a free window, a service of its own («Справки», 10 minutes expected, no history).
 */
let ctx: TestContext;
let office: Office;
let serviceId: string;
let operator: string;
const clock = new TestClock(new Date("2026-03-02T12:00:00+03:00"));
const EMPTY_QUEUE = { minMinutes: 0, maxMinutes: 1, expectedMinutes: 0 };

const joinRemote = () => joinRemoteQueue(ctx, serviceId);
const view = async (code: string) => (await ctx.request("GET", `/api/v1/tickets/${code}`)).body;
const arrive = (code: string) => checkIn(ctx, code, OFFICE_POSITION);
const callNext = () => serveNext(ctx, operator);

async function kioskTile() {
  const menu = (await ctx.request("GET", "/api/v1/kiosk", { token: office.kioskToken })).body;
  return menu.services.find((s: { id: string }) => s.id === serviceId).estimatedWait;
}
async function joinPageTile() {
  const info = (await ctx.request("GET", "/api/v1/remote-join", anonymous())).body;
  return info.services.find((s: { id: string }) => s.id === serviceId).estimatedWait;
}

const remoteSettings = (patch: Record<string, unknown>) => patchRemoteJoin(ctx, patch);

setUpArrivalDesk(clock, "arrival-forecast-op", (made) => {
  ({ ctx, office, serviceId, operator } = made);
});

describe("a free window, three remote tickets on their way, a kiosk ticket", () => {
  it("quotes the kiosk ticket as an empty queue; one who arrives counts again", async () => {
    const remote = [await joinRemote(), await joinRemote(), await joinRemote()];
    // Five minutes on, the window still free: the operator is not taken to be away from the
    // desk, since nobody he could call waits.
    clock.advance(300);
    expect(await kioskTile()).toEqual(EMPTY_QUEUE);
    expect(await joinPageTile()).toEqual(EMPTY_QUEUE);
    const kiosk = await issue(ctx, office, serviceId);
    expect(kiosk).toMatchObject({ position: 0, estimatedWait: EMPTY_QUEUE });
    expect(await view(kiosk.code)).toMatchObject({ position: 0, estimatedWait: EMPTY_QUEUE });
    // Each remote ticket as if its holder came now: he keeps his place before the kiosk ticket,
    // so nobody is ahead of him and he would be called at once.
    for (const r of remote) {
      expect(await view(r.code)).toMatchObject({
        awaitingArrival: true,
        position: 0,
        estimatedWait: EMPTY_QUEUE,
      });
    }

    // The first holder arrives: he goes before the kiosk ticket again, which now waits for him.
    expect((await arrive(remote[0]!.code)).body).toMatchObject({ awaitingArrival: false, position: 0 });
    const behind = await view(kiosk.code);
    expect(behind.position).toBe(1);
    // One service of about ten minutes (no history: spread like an exponential) ahead.
    expect(behind.estimatedWait).toEqual({ minMinutes: 1, maxMinutes: 22, expectedMinutes: 10.4 });
    // The second holder, were he here now, would come after the first (not after the kiosk ticket).
    expect(await view(remote[1]!.code)).toMatchObject({
      position: 1,
      estimatedWait: behind.estimatedWait,
    });

    // Call next does what the quotes said: the arrived one, the kiosk ticket, then nobody.
    expect(await callNext()).toBe(remote[0]!.label);
    expect(await callNext()).toBe(kiosk.label);
    expect(await callNext()).toBeNull();
    expect(await kioskTile()).toEqual(EMPTY_QUEUE);
    for (const r of remote.slice(1))
      await ctx.request("POST", `/api/v1/tickets/${r.code}/cancel`, anonymous());
  });
});

describe("closing time with remote tickets on their way", () => {
  it("does not refuse a join for the turns of holders who have not arrived", async () => {
    // The office closes at 12:30; it is 12:10.
    clock.now = new Date("2026-03-02T12:10:00+03:00");
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { openingHours: { mon: [{ from: "09:00", to: "12:30" }] } } },
    });
    await remoteSettings({ refuseAfterClosing: true });
    // Three holders on their way: three services would end after closing, yet nobody is callable.
    for (let i = 0; i < 3; i++) await joinRemote();
    expect(await joinPageTile()).toEqual(EMPTY_QUEUE);
    const fourth = await joinRemote();
    expect(await view(fourth.code)).toMatchObject({ awaitingArrival: true, position: 0 });
    // Three visitors at the desk are about thirty minutes: the next join is refused.
    for (let i = 0; i < 3; i++) await issue(ctx, office, serviceId);
    const late = await ctx.request("POST", "/api/v1/remote-tickets", anonymous({ body: { serviceId } }));
    expect(late.status).toBe(409);
    expect(late.body.error).toMatchObject({ code: "closes_before_turn", details: { closesAt: "12:30" } });
  });
});
