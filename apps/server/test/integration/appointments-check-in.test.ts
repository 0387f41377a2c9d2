import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { issue, type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { type Response, TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Check-in at the kiosk (docs/appointments.md, "Check-in") on a scripted Tuesday, 3 March 2026,
 * Moscow (UTC+3). Buy: check-in opens 30 minutes early, on time until 10 minutes after the start,
 * later a walk-in marked late. Refund: the same times, but a late visitor is refused. Everything is
 * booked on Monday 2 March at 09:00; the office is open 09:00–18:00 on weekdays.
 */
let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T09:00:00+03:00"));
const local = (hm: string) => new Date(`2026-03-03T${hm.length === 5 ? `${hm}:00` : hm}+03:00`);
const at = (hm: string) => {
  clock.now = local(hm);
};

async function book(service: "buy" | "refund", hm: string, name: string): Promise<string> {
  clock.now = new Date("2026-03-02T09:00:00+03:00");
  const res = await ctx.request("POST", "/api/v1/appointments", {
    cookie: ctx.adminCookie,
    body: { serviceId: office.services[service], start: local(hm).toISOString(), name },
  });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.code;
}

const checkIn = (code: string, token = office.kioskToken): Promise<Response> =>
  ctx.request("POST", `/api/v1/appointments/${code}/check-in`, { token });

const appointmentRow = async (code: string) =>
  (
    await sql<{ status: string; late: boolean; ticket_id: string | null; checked_in_at: Date | null }>`
      select status, late, ticket_id, checked_in_at from appointments where code = ${code}
    `.execute(ctx.database.db)
  ).rows[0]!;

const ticketRow = async (id: string) =>
  (
    await sql<{
      booked_for: Date | null;
      appointment_id: string | null;
      origin: string;
      device_id: string | null;
    }>`
      select booked_for, appointment_id, origin, device_id from tickets where id = ${id}
    `.execute(ctx.database.db)
  ).rows[0]!;

setUpOffice({ clock }, async (c, o) => {
  ctx = c;
  office = o;
  const admin = { cookie: ctx.adminCookie };
  const weekdays = Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "18:00" }]]),
  );
  await ctx.request("PATCH", "/api/v1/branch", { ...admin, body: { settings: { openingHours: weekdays } } });
  const booking = {
    enabled: true,
    slotMinutes: 15,
    capacityPerSlot: 2,
    earlyCheckInMinutes: 30,
    lateGraceMinutes: 10,
  };
  await ctx.request("PATCH", `/api/v1/services/${office.services.buy}`, {
    ...admin,
    body: { booking: { ...booking, lateAction: "walk_in" }, dailyLimit: 1 },
  });
  await ctx.request("PATCH", `/api/v1/services/${office.services.refund}`, {
    ...admin,
    body: { booking: { ...booking, lateAction: "refuse" } },
  });
});

describe("check-in", () => {
  it("too early: 409 with the time check-in opens", async () => {
    const code = await book("buy", "10:00", "Early Bird");
    at("09:29:59");
    const res = await checkIn(code);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "too_early", details: { at: "2026-03-03T09:30:00+03:00" } });
    expect((await appointmentRow(code)).status).toBe("booked");
  });

  it("on time, early: an appointment ticket queued from its start; again: the same ticket", async () => {
    const code = await book("buy", "10:00", "Иван Петров");
    at("09:55");
    // The walk-ins' daily limit (1) is used up; a booked visitor is not refused by it.
    await issue(ctx, office, office.services.buy);
    expect(
      (
        await ctx.request("POST", "/api/v1/tickets", {
          token: office.kioskToken,
          body: { serviceId: office.services.buy },
        })
      ).status,
    ).toBe(422);
    const res = await checkIn(code);
    expect(res.status).toBe(201);
    expect(res.headers["idempotent-replayed"]).toBeUndefined();
    // The tracking page says when he will be called, in the office's time.
    const tracked = await ctx.request("GET", `/api/v1/tickets/${res.body.code}`);
    expect(tracked.body).toMatchObject({ status: "waiting", appointmentStart: "2026-03-03T10:00:00+03:00" });
    expect(res.body).toMatchObject({
      label: "A002",
      serviceId: office.services.buy,
      status: "waiting",
      issuedAt: "2026-03-03T06:55:00.000Z",
      enqueuedAt: "2026-03-03T07:00:00.000Z",
      appointmentCode: code,
      appointment: { start: "2026-03-03T07:00:00.000Z", name: "Иван Петров", late: false },
      estimatedWait: null,
      position: 0,
    });
    const ticket = await ticketRow(res.body.id);
    expect(ticket.booked_for?.toISOString()).toBe("2026-03-03T07:00:00.000Z");
    expect(ticket.origin).toBe("kiosk");
    expect(ticket.device_id).not.toBeNull();
    const row = await appointmentRow(code);
    expect(row).toMatchObject({ status: "checked_in", late: false, ticket_id: res.body.id });
    expect(row.checked_in_at?.toISOString()).toBe("2026-03-03T06:55:00.000Z");
    const shown = await ctx.request("GET", `/api/v1/appointments/${code}`);
    expect(shown.body).toMatchObject({ status: "checked_in", ticketCode: res.body.code, canCancel: false });
    const cancel = await ctx.request("POST", `/api/v1/appointments/${code}/cancel`);
    expect([cancel.status, cancel.body.error.code]).toEqual([409, "already_checked_in"]);

    at("09:57");
    const again = await checkIn(code);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body.id).toBe(res.body.id);
    const events = await sql<{ n: number }>`
      select count(*)::int as n from events where type = 'ticket.issued' and ticket_id = ${res.body.id}
    `.execute(ctx.database.db);
    expect(events.rows[0]!.n).toBe(1);
  });

  it("late within grace: still an appointment ticket, queued from the check-in", async () => {
    const code = await book("buy", "10:15", "Within Grace");
    at("10:25");
    const res = await checkIn(code);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      enqueuedAt: "2026-03-03T07:25:00.000Z",
      appointment: { start: "2026-03-03T07:15:00.000Z", name: "Within Grace", late: false },
    });
    expect((await ticketRow(res.body.id)).booked_for?.toISOString()).toBe("2026-03-03T07:15:00.000Z");
  });

  it("late beyond grace with walk_in: a walk-in ticket marked late, quoted as usual", async () => {
    const code = await book("buy", "10:30", "Too Late");
    at("10:40:01");
    const res = await checkIn(code);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      enqueuedAt: "2026-03-03T07:40:01.000Z",
      appointmentCode: code,
      appointment: { start: "2026-03-03T07:30:00.000Z", name: "Too Late", late: true },
    });
    const ticket = await ticketRow(res.body.id);
    expect(ticket.booked_for).toBeNull();
    expect(ticket.appointment_id).not.toBeNull();
    expect(await appointmentRow(code)).toMatchObject({ status: "checked_in", late: true });
    expect((await ctx.request("GET", `/api/v1/appointments/${code}`)).body.late).toBe(true);
    // The tracking page promises no appointment time to a late visitor.
    const tracked = await ctx.request("GET", `/api/v1/tickets/${res.body.code}`);
    expect(tracked.body.appointmentStart).toBeNull();
  });

  it("late beyond grace with refuse: 409 too_late with the time check-in closed", async () => {
    const code = await book("refund", "10:30", "Refused");
    at("10:40");
    expect((await checkIn(code)).status).toBe(201);
    const late = await book("refund", "10:30", "Refused too");
    at("10:40:01");
    const res = await checkIn(late);
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: "too_late", details: { at: "2026-03-03T10:40:00+03:00" } });
    expect((await appointmentRow(late)).status).toBe("booked");
  });

  it("a cancelled appointment is refused; an unknown code or another branch's kiosk: 404", async () => {
    const code = await book("buy", "11:00", "Cancelled");
    await ctx.request("POST", `/api/v1/appointments/${code}/cancel`);
    at("10:50");
    const res = await checkIn(code);
    expect([res.status, res.body.error.code]).toEqual([409, "appointment_cancelled"]);
    expect((await checkIn("zzzz-zzzz")).status).toBe(404);

    const other = await ctx.request("POST", "/api/v1/branches", {
      cookie: ctx.adminCookie,
      body: { name: "Other" },
    });
    const kiosk = await ctx.request("POST", "/api/v1/devices", {
      cookie: ctx.adminCookie,
      headers: { "x-branch-id": other.body.id },
      body: { kind: "kiosk", name: "Other kiosk" },
    });
    const mine = await book("buy", "11:15", "Elsewhere");
    at("11:00");
    expect((await checkIn(mine, kiosk.body.token)).status).toBe(404);
    expect((await appointmentRow(mine)).status).toBe("booked");
  });

  it("two kiosks at once: one ticket", async () => {
    const code = await book("buy", "11:30", "Twice");
    at("11:20");
    const [a, b] = await Promise.all([checkIn(code), checkIn(code)]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    expect([a.headers["idempotent-replayed"], b.headers["idempotent-replayed"]].filter(Boolean)).toEqual([
      "true",
    ]);
    const tickets = await sql<{ n: number }>`
      select count(*)::int as n from tickets where appointment_id = (select id from appointments where code = ${code})
    `.execute(ctx.database.db);
    expect(tickets.rows[0]!.n).toBe(1);
  });

  it("staff check a visitor in: origin staff", async () => {
    const code = await book("buy", "11:45", "At the desk");
    at("11:40");
    const res = await ctx.request("POST", `/api/v1/appointments/${code}/check-in`, {
      cookie: office.supervisor.cookie,
    });
    expect(res.status).toBe(201);
    expect((await ticketRow(res.body.id)).origin).toBe("staff");
  });

  it("checked in before and the visit is over: 409 appointment_used with the ticket's state", async () => {
    const served = await book("buy", "12:00", "Visit over");
    const dropped = await book("buy", "12:15", "Ticket cancelled");
    at("11:55");
    const first = await checkIn(served);
    const second = await checkIn(dropped);
    const shown = async (code: string) => (await ctx.request("GET", `/api/v1/appointments/${code}`)).body;
    expect(await shown(served)).toMatchObject({ status: "checked_in", ticketStatus: "waiting" });

    // The visitor cancels his ticket on its tracking page: the appointment's ticket is gone.
    at("11:58");
    expect((await ctx.request("POST", `/api/v1/tickets/${second.body.code}/cancel`)).status).toBe(200);
    const refused = await checkIn(dropped);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "appointment_used",
      message: "this appointment's visit is over: its ticket is cancelled",
      details: { ticketStatus: "cancelled" },
    });
    expect(await shown(dropped)).toMatchObject({
      status: "checked_in",
      ticketCode: second.body.code,
      ticketStatus: "cancelled",
    });

    at("12:00");
    const anna = office.operators.anna.cookie;
    await takeWorkstation(ctx, anna, office.workstations.w1);
    await operatorAction(ctx, anna, `tickets/${first.body.id}/call`);
    // Called, not yet served: the visit is on, so the kiosk gives the same ticket again.
    const whileCalled = await checkIn(served);
    expect([whileCalled.status, whileCalled.headers["idempotent-replayed"], whileCalled.body.id]).toEqual([
      201,
      "true",
      first.body.id,
    ]);
    await operatorAction(ctx, anna, `tickets/${first.body.id}/start`);
    at("12:10");
    await operatorAction(ctx, anna, `tickets/${first.body.id}/finish`);
    const afterVisit = await checkIn(served);
    expect([afterVisit.status, afterVisit.body.error.code, afterVisit.body.error.details]).toEqual([
      409,
      "appointment_used",
      { ticketStatus: "served" },
    ]);
    expect(await shown(served)).toMatchObject({ status: "checked_in", ticketStatus: "served" });
    const staffList = await ctx.request("GET", "/api/v1/appointments?date=2026-03-03", {
      cookie: office.supervisor.cookie,
    });
    expect(
      staffList.body.items
        .filter((a: { code: string }) => a.code === served || a.code === dropped)
        .map((a: { name: string; ticketStatus: string }) => [a.name, a.ticketStatus]),
    ).toEqual([
      ["Visit over", "served"],
      ["Ticket cancelled", "cancelled"],
    ]);
  });

  it("the kiosk offers «У меня запись» while a service can be booked or someone is booked for today", async () => {
    const menu = async () =>
      (await ctx.request("GET", "/api/v1/kiosk", { token: office.kioskToken })).body.checkIn;
    // Booked for Wednesday, which no other test uses, and looked at on Wednesday morning.
    clock.now = new Date("2026-03-02T09:00:00+03:00");
    const booked = await ctx.request("POST", "/api/v1/appointments", {
      body: { serviceId: office.services.refund, start: "2026-03-04T17:00:00+03:00", name: "Last Visitor" },
    });
    const code: string = booked.body.code;
    clock.now = new Date("2026-03-04T09:00:00+03:00");
    expect(await menu()).toBe(true);
    const setBooking = (enabled: boolean) =>
      Promise.all(
        (["buy", "refund"] as const).map((s) =>
          ctx.request("PATCH", `/api/v1/services/${office.services[s]}`, {
            cookie: ctx.adminCookie,
            body: { booking: { enabled } },
          }),
        ),
      );
    await setBooking(false);
    // No service takes bookings any more, but today's booked visitor must still be able to check in.
    expect(await menu()).toBe(true);
    await ctx.request("POST", `/api/v1/appointments/${code}/cancel`);
    expect(await menu()).toBe(false);
    await setBooking(true);
    expect(await menu()).toBe(true);
  });
});
