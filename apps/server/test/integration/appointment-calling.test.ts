import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { issue, type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Calling a checked-in appointment at its time (docs/appointments.md, "Calling order"), on a
 * scripted clock in Moscow (UTC+3). Booked and checked in through the API: staff book, the kiosk
 * checks in.
 *
 * Monday 2 March — buy, target wait 60 minutes (nobody is overdue), anna alone:
 *   09:30 walk-ins A001, A002; 09:55 the 10:00 appointment checks in (A003, queued from 10:00);
 *   09:57 call next → A001 (the appointment is not due yet); 09:59:59 call next → A002, who is
 *   returned to his place; 10:00 call next → the appointment, before A002 who came at 09:30.
 *   Then: one checked in early with nobody else waiting is not called before its start; one
 *   called by hand before its start is queued from the call; one sent to the end of the queue or
 *   redirected to another service is a walk-in from then on.
 * Tuesday 3 March — refund, target wait 15 minutes, SLA guard on, boris alone:
 *   09:30 walk-in B001 (overdue from 09:45), 09:50 walk-in B002; 09:55 the 10:00 appointment;
 *   10:00 call next → B001 (overdue goes first), then the appointment, then B002.
 */
let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T09:00:00+03:00"));
const WEEKDAYS_9_TO_18 = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "18:00" }]]),
);

/** "09:57" on the day, Moscow. */
const local = (day: string, hm: string) => new Date(`${day}T${hm}:00+03:00`);

async function book(serviceId: string, start: Date, name: string): Promise<string> {
  const res = await ctx.request("POST", "/api/v1/appointments", {
    cookie: ctx.adminCookie,
    body: { serviceId, start: start.toISOString(), name },
  });
  if (res.status !== 201) throw new Error(`booking: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.code;
}

async function checkIn(code: string) {
  const res = await ctx.request("POST", `/api/v1/appointments/${code}/check-in`, {
    token: office.kioskToken,
  });
  if (res.status !== 201) throw new Error(`check-in: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function callNext(cookie: string): Promise<string | null> {
  const res = await ctx.request("POST", "/api/v1/operator/call-next", { cookie });
  if (res.status === 204) return null;
  if (res.status !== 200) throw new Error(`call next: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.label;
}

/** The operator finishes his client: started and served. */
async function finish(cookie: string, id: string) {
  await operatorAction(ctx, cookie, `tickets/${id}/start`);
  await operatorAction(ctx, cookie, `tickets/${id}/finish`);
}

const positionOf = async (code: string) =>
  (await ctx.request("GET", `/api/v1/tickets/${code}`)).body.position;

setUpOffice({ clock }, async (c, o) => {
  ctx = c;
  office = o;
  const admin = { cookie: ctx.adminCookie };
  const patch = async (url: string, body: unknown) => {
    const r = await ctx.request("PATCH", url, { ...admin, body });
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await patch("/api/v1/branch", { settings: { openingHours: WEEKDAYS_9_TO_18 } });
  await patch(`/api/v1/services/${office.services.buy}`, {
    targetWaitMinutes: 60,
    booking: { enabled: true, slotMinutes: 15, capacityPerSlot: 1 },
  });
  await patch(`/api/v1/services/${office.services.refund}`, {
    booking: { enabled: true, slotMinutes: 15, capacityPerSlot: 1 },
  });
});

describe("an appointment is called at its time", () => {
  it("checked in at 09:55 for 10:00: walk-ins of 09:30 before 10:00, the appointment at 10:00", async () => {
    const day = "2026-03-02";
    const { anna } = office.operators;
    const code = await book(office.services.buy, local(day, "10:00"), "Ivan Petrov");
    clock.now = local(day, "09:30");
    const w1 = await issue(ctx, office, office.services.buy);
    const w2 = await issue(ctx, office, office.services.buy);
    await takeWorkstation(ctx, anna.cookie, office.workstations.w1);

    clock.now = local(day, "09:55");
    const booked = await checkIn(code);
    expect(booked).toMatchObject({
      label: "A003",
      status: "waiting",
      appointmentCode: code,
      enqueuedAt: local(day, "10:00").toISOString(),
      // Appointments go before walk-ins: nobody is ahead of it, and it is ahead of both walk-ins.
      position: 0,
    });
    expect(await positionOf(w2.code)).toBe(2);

    clock.now = local(day, "09:57");
    expect(await callNext(anna.cookie)).toBe("A001");
    await finish(anna.cookie, w1.id);

    clock.now = new Date(local(day, "10:00").getTime() - 1000);
    expect(await callNext(anna.cookie)).toBe("A002");
    await operatorAction(ctx, anna.cookie, `tickets/${w2.id}/return`, { toEnd: false });

    clock.now = local(day, "10:00");
    expect(await callNext(anna.cookie)).toBe("A003");
    await finish(anna.cookie, booked.id);
    expect(await callNext(anna.cookie)).toBe("A002");
    await finish(anna.cookie, w2.id);
  });

  it("checked in early, with nobody else waiting, it is not called before its start", async () => {
    const day = "2026-03-02";
    const { anna } = office.operators;
    const code = await book(office.services.buy, local(day, "10:30"), "Olga Sidorova");
    clock.now = local(day, "10:10");
    const booked = await checkIn(code);
    expect(booked.enqueuedAt).toBe(local(day, "10:30").toISOString());
    clock.now = local(day, "10:29");
    expect(await callNext(anna.cookie)).toBeNull();
    clock.now = local(day, "10:30");
    expect(await callNext(anna.cookie)).toBe(booked.label);
    await finish(anna.cookie, booked.id);
  });

  it("called by hand before its start, it is queued from the call: its wait is never negative", async () => {
    const day = "2026-03-02";
    const { anna } = office.operators;
    const code = await book(office.services.buy, local(day, "11:00"), "Petr Ivanov");
    clock.now = local(day, "10:40");
    const booked = await checkIn(code);
    clock.now = local(day, "10:45");
    const called = await operatorAction(ctx, anna.cookie, `tickets/${booked.id}/call`);
    expect(called).toMatchObject({
      status: "called",
      enqueuedAt: local(day, "10:45").toISOString(),
      calledAt: local(day, "10:45").toISOString(),
    });
    await finish(anna.cookie, booked.id);
    // The reports read the segment: its wait is 0, not the 15 minutes before the start as a negative.
    const segment = await sql<{ wait: number }>`
      select extract(epoch from first_called_at - enqueued_at)::int as wait
      from ticket_segments where ticket_id = ${booked.id}
    `.execute(ctx.database.db);
    expect(segment.rows).toEqual([{ wait: 0 }]);
  });

  it("sent to the end of the queue or redirected, it waits as a walk-in", async () => {
    const day = "2026-03-02";
    const { anna } = office.operators;
    const code = await book(office.services.buy, local(day, "11:15"), "Maria Kuznetsova");
    clock.now = local(day, "11:10");
    const buyer = await issue(ctx, office, office.services.buy);
    const refund = await issue(ctx, office, office.services.refund);
    clock.now = local(day, "11:12");
    const booked = await checkIn(code);

    clock.now = local(day, "11:15");
    expect(await callNext(anna.cookie)).toBe(booked.label);
    await operatorAction(ctx, anna.cookie, `tickets/${booked.id}/return`, { toEnd: true });
    // Queued from 11:15 as a walk-in now: the buyer of 11:10 goes first.
    expect(await callNext(anna.cookie)).toBe(buyer.label);
    await finish(anna.cookie, buyer.id);
    expect(await callNext(anna.cookie)).toBe(booked.label);

    clock.now = local(day, "11:16");
    await operatorAction(ctx, anna.cookie, `tickets/${booked.id}/start`);
    await operatorAction(ctx, anna.cookie, `tickets/${booked.id}/redirect`, {
      serviceId: office.services.refund,
    });
    // An ordinary ticket of refund from 11:16: the refund walk-in of 11:10 goes first.
    expect(await callNext(anna.cookie)).toBe(refund.label);
    await finish(anna.cookie, refund.id);
    expect(await callNext(anna.cookie)).toBe(booked.label);
    await finish(anna.cookie, booked.id);
  });

  it("with the SLA guard on, an overdue walk-in still goes first; then the appointment", async () => {
    const day = "2026-03-03";
    const { boris } = office.operators;
    clock.now = local(day, "09:00");
    const code = await book(office.services.refund, local(day, "10:00"), "Anna Smirnova");
    clock.now = local(day, "09:30");
    const overdue = await issue(ctx, office, office.services.refund);
    clock.now = local(day, "09:50");
    const recent = await issue(ctx, office, office.services.refund);
    await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
    clock.now = local(day, "09:55");
    const booked = await checkIn(code);

    clock.now = local(day, "10:00");
    // B001 has waited 30 minutes against a target of 15; B002 10 minutes.
    expect(await callNext(boris.cookie)).toBe(overdue.label);
    await finish(boris.cookie, overdue.id);
    expect(await callNext(boris.cookie)).toBe(booked.label);
    await finish(boris.cookie, booked.id);
    expect(await callNext(boris.cookie)).toBe(recent.label);
    expect([overdue.label, recent.label, booked.label]).toEqual(["B001", "B002", "B003"]);
  });
});
