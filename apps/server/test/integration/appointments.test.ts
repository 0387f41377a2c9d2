import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { seedDemoOffice } from "../../src/demo/seed.ts";
import { firstBranch } from "../../src/queue/branches.ts";
import { type Office, setUpOffice } from "../helpers/office.ts";
import {
  createTestContext,
  type RequestOptions,
  type Response,
  TestClock,
  type TestContext,
} from "../helpers/test-app.ts";

/**
 * Booking (docs/appointments.md): slots, booking under concurrency, the phone's limit, idempotency,
 * cancelling, rescheduling and the calendar file. The office is in Moscow (UTC+3), open Monday to
 * Friday 09:00–18:00, closed on Monday 9 March (a holiday); the clock stands at Monday 2 March
 * 2026, 09:00. Buy: 15-minute slots, 2 visitors each, 14 days ahead, 2 bookings per phone.
 * Refund: its own hours 10:00–13:00 on weekdays, 30-minute slots, 1 visitor each.
 */
let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T09:00:00+03:00"));
const WEEKDAYS_9_TO_18 = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "18:00" }]]),
);

let address = 0;
/** Each anonymous request from an address of its own, so the per-address limits stay out of the way. */
function anonymous(options: RequestOptions = {}): RequestOptions {
  address++;
  return {
    ...options,
    headers: { "x-forwarded-for": `198.51.${address >> 8}.${address & 255}`, ...options.headers },
  };
}

function book(body: Record<string, unknown>, options: RequestOptions = {}): Promise<Response> {
  return ctx.request("POST", "/api/v1/appointments", anonymous({ ...options, body }));
}

const slotsOf = async (serviceId: string, date: string) =>
  (await ctx.request("GET", `/api/v1/booking/slots?serviceId=${serviceId}&date=${date}`, anonymous())).body;

async function slotRow(serviceId: string, start: string) {
  const r = await sql<{ booked: number }>`
    select booked from appointment_slots where service_id = ${serviceId} and starts_at = ${new Date(start)}::timestamptz
  `.execute(ctx.database.db);
  return r.rows[0]?.booked ?? 0;
}

setUpOffice({ clock, config: { trustProxy: ["loopback"] } }, async (c, o) => {
  ctx = c;
  office = o;
  const admin = { cookie: ctx.adminCookie };
  await ctx.request("PATCH", "/api/v1/branch", {
    ...admin,
    body: { settings: { openingHours: WEEKDAYS_9_TO_18, bookingBlackoutDays: ["2026-03-09"] } },
  });
  const patch = (id: string, body: unknown) =>
    ctx.request("PATCH", `/api/v1/services/${id}`, { ...admin, body }).then((r) => {
      if (r.status !== 200) throw new Error(JSON.stringify(r.body));
    });
  await patch(office.services.buy, {
    booking: { enabled: true, slotMinutes: 15, capacityPerSlot: 2, horizonDays: 14, maxActivePerPhone: 2 },
  });
  await patch(office.services.refund, {
    schedule: Object.fromEntries(
      ["mon", "tue", "wed", "thu", "fri", "sat"].map((d) => [d, [{ from: "10:00", to: "13:00" }]]),
    ),
    booking: { enabled: true, slotMinutes: 30, capacityPerSlot: 1 },
  });
});

describe("bookable services and slots", () => {
  it("lists the bookable services with the days that still have slots", async () => {
    const res = await ctx.request("GET", "/api/v1/booking/services", anonymous());
    expect(res.status).toBe(200);
    expect(res.body.branch).toMatchObject({ id: "1", timezone: "Europe/Moscow" });
    const days = ["02", "03", "04", "05", "06", "10", "11", "12", "13"].map((d) => `2026-03-${d}`);
    expect(res.body.items.map((s: { name: string }) => s.name)).toEqual(["Купить билет", "Возврат"]);
    const [buy, refund] = res.body.items;
    expect(buy).toMatchObject({ id: office.services.buy, slotMinutes: 15, openDays: days });
    // Refund is open on Saturdays too, but the office is not: the hours intersect.
    expect(refund).toMatchObject({ id: office.services.refund, slotMinutes: 30, openDays: days });
  });

  it("a day's slots: on the grid of the intersected hours, started ones left out", async () => {
    const tuesday = await slotsOf(office.services.buy, "2026-03-03");
    expect(tuesday).toHaveLength(36);
    expect(tuesday[0]).toEqual({
      start: "2026-03-03T09:00:00+03:00",
      end: "2026-03-03T09:15:00+03:00",
      free: 2,
    });
    expect(tuesday.at(-1)).toEqual({
      start: "2026-03-03T17:45:00+03:00",
      end: "2026-03-03T18:00:00+03:00",
      free: 2,
    });
    // Today at 09:00: the 09:00 slot has started.
    const today = await slotsOf(office.services.buy, "2026-03-02");
    expect(today).toHaveLength(35);
    expect(today[0].start).toBe("2026-03-02T09:15:00+03:00");
    const refund = await slotsOf(office.services.refund, "2026-03-03");
    expect(refund.map((s: { start: string }) => s.start.slice(11, 16))).toEqual([
      "10:00",
      "10:30",
      "11:00",
      "11:30",
      "12:00",
      "12:30",
    ]);
  });

  it("no slots on a weekend, a blackout day, beyond the horizon or in the past", async () => {
    for (const date of ["2026-03-07", "2026-03-09", "2026-03-16", "2026-03-01"]) {
      expect(await slotsOf(office.services.buy, date), date).toEqual([]);
    }
    expect((await slotsOf(office.services.buy, "2026-03-13")).length).toBe(36);
  });

  it("a service that cannot be booked is a bad serviceId", async () => {
    for (const id of [office.services.corporate, office.services.group, "999999"]) {
      const res = await ctx.request(
        "GET",
        `/api/v1/booking/slots?serviceId=${id}&date=2026-03-03`,
        anonymous(),
      );
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([
        { field: "serviceId", code: "notBookable", message: "this service cannot be booked" },
      ]);
    }
  });
});

describe("booking", () => {
  it("books a slot and shows it by its code, the phone masked", async () => {
    const res = await book({
      serviceId: office.services.buy,
      start: "2026-03-03T07:00:00Z",
      name: "Иван Петров",
      phone: "8 (912) 345-67-89",
      language: "ru",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      serviceId: office.services.buy,
      serviceName: "Купить билет",
      branchId: "1",
      start: "2026-03-03T10:00:00+03:00",
      end: "2026-03-03T10:15:00+03:00",
      status: "booked",
      name: "Иван Петров",
      phone: "+7 *** ***-67-89",
      email: null,
      language: "ru",
      checkInOpensAt: "2026-03-03T09:30:00+03:00",
      lateAfter: "2026-03-03T10:10:00+03:00",
      lateAction: "walk_in",
      ticketCode: null,
      ticketStatus: null,
      late: false,
      canCancel: true,
      canReschedule: true,
    });
    expect(res.body.code).toMatch(/^[a-km-np-z2-9]{8}$/);
    const printed = `${res.body.code.slice(0, 4)}-${res.body.code.slice(4)}`.toUpperCase();
    const shown = await ctx.request("GET", `/api/v1/appointments/${printed}`, anonymous());
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual(res.body);
    expect((await slotsOf(office.services.buy, "2026-03-03"))[4]).toEqual({
      start: "2026-03-03T10:00:00+03:00",
      end: "2026-03-03T10:15:00+03:00",
      free: 1,
    });
    const unknown = await ctx.request("GET", "/api/v1/appointments/zzzz-zzzz", anonymous());
    expect(unknown.status).toBe(404);
  });

  it("50 at once for a slot of two: exactly two booked, the rest slot_full", async () => {
    const start = "2026-03-04T11:00:00+03:00";
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        book({ serviceId: office.services.buy, start, name: `Visitor ${i}` }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(2);
    expect(statuses.filter((s) => s === 409)).toHaveLength(48);
    expect(new Set(answers.filter((a) => a.status === 409).map((a) => a.body.error.code))).toEqual(
      new Set(["slot_full"]),
    );
    expect(await slotRow(office.services.buy, start)).toBe(2);
    const count = await sql<{ n: number }>`
      select count(*)::int as n from appointments where starts_at = ${new Date(start)}::timestamptz
    `.execute(ctx.database.db);
    expect(count.rows[0]!.n).toBe(2);
  });

  it("a phone holds at most maxActivePerPhone bookings, also when they come at once", async () => {
    const phone = "+7 900 111-22-33";
    const at = (hm: string) => `2026-03-05T${hm}:00+03:00`;
    const first = await book({ serviceId: office.services.buy, start: at("09:00"), name: "A", phone });
    const second = await book({ serviceId: office.services.refund, start: at("10:00"), name: "A", phone });
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await book({ serviceId: office.services.buy, start: at("09:15"), name: "A", phone });
    expect(third.status).toBe(409);
    expect(third.body.error).toMatchObject({ code: "too_many_appointments", details: { limit: 2 } });
    // Another spelling of the same number is the same number.
    const spelled = await book({
      serviceId: office.services.buy,
      start: at("09:15"),
      name: "A",
      phone: "89001112233",
    });
    expect(spelled.body.error.code).toBe("too_many_appointments");
    // Cancelling one gives the phone its place back.
    expect(
      (await ctx.request("POST", `/api/v1/appointments/${first.body.code}/cancel`, anonymous())).status,
    ).toBe(200);
    expect(
      (await book({ serviceId: office.services.buy, start: at("09:15"), name: "A", phone })).status,
    ).toBe(201);

    const other = "+7 900 444-55-66";
    const together = await Promise.all(
      ["12:00", "12:15", "12:30", "12:45", "13:00"].map((hm) =>
        book({ serviceId: office.services.buy, start: at(hm), name: "B", phone: other }),
      ),
    );
    expect(together.filter((r) => r.status === 201)).toHaveLength(2);
    expect(
      together.filter((r) => r.status === 409 && r.body.error.code === "too_many_appointments"),
    ).toHaveLength(3);
    const held = await sql<{ n: number }>`
      select count(*)::int as n from appointments where phone = '+79004445566' and status = 'booked'
    `.execute(ctx.database.db);
    expect(held.rows[0]!.n).toBe(2);
  });

  it("Idempotency-Key: a retry gets the same appointment; the key for another booking is refused", async () => {
    const body = { serviceId: office.services.buy, start: "2026-03-06T09:00:00+03:00", name: "Retry" };
    const key = { headers: { "idempotency-key": "booking-retry-1" } };
    const first = await book(body, key);
    expect(first.status).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const again = await book(body, key);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(await slotRow(office.services.buy, body.start)).toBe(1);
    // A retry that arrives once the slot has started still gets the booking, not 422 not_a_slot.
    const saved = ctx.clock.now;
    ctx.clock.now = new Date("2026-03-06T06:05:00Z");
    const late = await book(body, key);
    ctx.clock.now = saved;
    expect(late.status).toBe(201);
    expect(late.body.code).toBe(first.body.code);
    const other = await book({ ...body, name: "Someone else" }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe("idempotency_key_reused");
    const bad = await book(body, { headers: { "idempotency-key": "with space" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("headers.idempotency-key");
  });

  it("a time that is not a slot: 422 not_a_slot", async () => {
    const cases = {
      offGrid: "2026-03-03T09:07:00+03:00",
      beforeOpening: "2026-03-03T08:45:00+03:00",
      lastQuarterOverlapsClosing: "2026-03-03T17:50:00+03:00",
      atClosing: "2026-03-03T18:00:00+03:00",
      saturday: "2026-03-07T10:00:00+03:00",
      blackout: "2026-03-09T10:00:00+03:00",
      beyondHorizon: "2026-03-16T10:00:00+03:00",
      started: "2026-03-02T09:00:00+03:00",
      past: "2026-02-27T10:00:00+03:00",
    };
    for (const [what, start] of Object.entries(cases)) {
      const res = await book({ serviceId: office.services.buy, start, name: "X" });
      expect(res.status, what).toBe(422);
      expect(res.body.error.code, what).toBe("not_a_slot");
    }
    // Refund's grid is its own: 30 minutes from 10:00.
    const quarter = await book({
      serviceId: office.services.refund,
      start: "2026-03-03T10:15:00+03:00",
      name: "X",
    });
    expect(quarter.body.error.code).toBe("not_a_slot");
    const notBookable = await book({ serviceId: office.services.corporate, start: cases.offGrid, name: "X" });
    expect(notBookable.status).toBe(400);
  });

  it("cancelling frees the place; cancelled again answers as it is", async () => {
    const start = "2026-03-10T09:00:00+03:00";
    const a = await book({ serviceId: office.services.buy, start, name: "One" });
    await book({ serviceId: office.services.buy, start, name: "Two" });
    expect((await book({ serviceId: office.services.buy, start, name: "Three" })).body.error.code).toBe(
      "slot_full",
    );
    const cancelled = await ctx.request("POST", `/api/v1/appointments/${a.body.code}/cancel`, anonymous());
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: "cancelled", canCancel: false, canReschedule: false });
    expect(await slotRow(office.services.buy, start)).toBe(1);
    const again = await ctx.request("POST", `/api/v1/appointments/${a.body.code}/cancel`, anonymous());
    expect(again.status).toBe(200);
    expect(again.body).toEqual(cancelled.body);
    expect(await slotRow(office.services.buy, start)).toBe(1);
    expect((await book({ serviceId: office.services.buy, start, name: "Three" })).status).toBe(201);
  });

  it("rescheduling keeps the code, moves the place, and refuses a full slot or a non-slot", async () => {
    const from = "2026-03-11T09:00:00+03:00";
    const to = "2026-03-11T09:30:00+03:00";
    const a = await book({ serviceId: office.services.buy, start: from, name: "Mover" });
    const moved = await ctx.request(
      "POST",
      `/api/v1/appointments/${a.body.code}/reschedule`,
      anonymous({ body: { start: to } }),
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      code: a.body.code,
      start: "2026-03-11T09:30:00+03:00",
      end: "2026-03-11T09:45:00+03:00",
      status: "booked",
    });
    expect([await slotRow(office.services.buy, from), await slotRow(office.services.buy, to)]).toEqual([
      0, 1,
    ]);
    const full = "2026-03-11T10:00:00+03:00";
    await book({ serviceId: office.services.buy, start: full, name: "F1" });
    await book({ serviceId: office.services.buy, start: full, name: "F2" });
    const onFull = await ctx.request(
      "POST",
      `/api/v1/appointments/${a.body.code}/reschedule`,
      anonymous({ body: { start: full } }),
    );
    expect([onFull.status, onFull.body.error.code]).toEqual([409, "slot_full"]);
    const offGrid = await ctx.request(
      "POST",
      `/api/v1/appointments/${a.body.code}/reschedule`,
      anonymous({ body: { start: "2026-03-11T10:05:00+03:00" } }),
    );
    expect([offGrid.status, offGrid.body.error.code]).toEqual([422, "not_a_slot"]);
    expect([await slotRow(office.services.buy, to), await slotRow(office.services.buy, full)]).toEqual([
      1, 2,
    ]);
    await ctx.request("POST", `/api/v1/appointments/${a.body.code}/cancel`, anonymous());
    const cancelled = await ctx.request(
      "POST",
      `/api/v1/appointments/${a.body.code}/reschedule`,
      anonymous({ body: { start: from } }),
    );
    expect([cancelled.status, cancelled.body.error.code]).toEqual([409, "not_reschedulable"]);
  });

  it("the calendar file: one event in UTC, text escaped, CRLF lines", async () => {
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { name: "Касса; вокзал, зал 2" },
    });
    const a = await book({
      serviceId: office.services.refund,
      start: "2026-03-12T10:30:00+03:00",
      name: "Ics",
    });
    const res = await ctx.request("GET", `/api/v1/appointments/${a.body.code}/ics`, anonymous());
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    const text = res.body as string;
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const lines = text.split("\r\n");
    expect(lines.slice(0, 6)).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//DigitalQueue//Appointments//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
    ]);
    expect(lines).toContain(`UID:${a.body.code}@digitalqueue`);
    expect(lines).toContain("DTSTART:20260312T073000Z");
    expect(lines).toContain("DTEND:20260312T080000Z");
    expect(lines).toContain("SUMMARY:Возврат");
    expect(lines).toContain("LOCATION:Касса\\; вокзал\\, зал 2");
    const code = `${a.body.code.slice(0, 4)}-${a.body.code.slice(4)}`.toUpperCase();
    const link = `http://localhost:80/b/${a.body.code}`;
    expect(text.replace(/\r\n /g, "")).toContain(
      `DESCRIPTION:Код записи / Appointment code: ${code}\\n${link}\r\nURL:${link}\r\n`,
    );
    expect(lines).toContain("SEQUENCE:0");
    expect(lines).toContain("DTSTAMP:20260302T060000Z");
    expect(lines).toContain("STATUS:CONFIRMED");
    expect(lines.slice(-3)).toEqual(["END:VEVENT", "END:VCALENDAR", ""]);
  });

  it("the calendar file follows changes: a reschedule raises SEQUENCE and DTSTAMP, a cancel cancels the event", async () => {
    const a = await book({ serviceId: office.services.buy, start: "2026-03-12T09:00:00+03:00", name: "Cal" });
    const ics = async (options: RequestOptions = {}) =>
      (
        (await ctx.request("GET", `/api/v1/appointments/${a.body.code}/ics`, anonymous(options)))
          .body as string
      )
        .replace(/\r\n /g, "")
        .split("\r\n");
    const saved = clock.now;
    try {
      clock.now = new Date("2026-03-02T09:01:30.500+03:00");
      const moved = await ctx.request(
        "POST",
        `/api/v1/appointments/${a.body.code}/reschedule`,
        anonymous({ body: { start: "2026-03-12T09:30:00+03:00" } }),
      );
      expect(moved.status).toBe(200);
      const afterMove = await ics({ headers: { host: "queue.example.org", "x-forwarded-proto": "https" } });
      expect(afterMove).toEqual(
        expect.arrayContaining([
          "METHOD:PUBLISH",
          `UID:${a.body.code}@digitalqueue`,
          "SEQUENCE:90",
          "DTSTAMP:20260302T060130Z",
          "DTSTART:20260312T063000Z",
          "STATUS:CONFIRMED",
          `URL:https://queue.example.org/b/${a.body.code}`,
        ]),
      );

      clock.now = new Date("2026-03-02T09:05:00+03:00");
      await ctx.request("POST", `/api/v1/appointments/${a.body.code}/cancel`, anonymous());
      // DQ_PUBLIC_URL, when set, is the address whatever the request's host.
      ctx.config.publicUrl = "https://q.example.com";
      const afterCancel = await ics({ headers: { host: "queue.example.org" } });
      expect(afterCancel).toEqual(
        expect.arrayContaining([
          "METHOD:CANCEL",
          "SEQUENCE:300",
          "DTSTAMP:20260302T060500Z",
          "STATUS:CANCELLED",
          `URL:https://q.example.com/b/${a.body.code}`,
        ]),
      );
      expect(afterCancel).not.toContain("METHOD:PUBLISH");
    } finally {
      clock.now = saved;
      ctx.config.publicUrl = undefined;
    }
  });
});

describe("staff", () => {
  it("books on a visitor's behalf and lists the day with phones in full, by start", async () => {
    const day = "2026-03-13";
    const late = await ctx.request("POST", "/api/v1/appointments", {
      cookie: office.supervisor.cookie,
      body: {
        serviceId: office.services.buy,
        start: `${day}T12:00:00+03:00`,
        name: "By phone",
        phone: "+7 901 000-00-01",
      },
    });
    expect(late.status).toBe(201);
    const early = await book({
      serviceId: office.services.refund,
      start: `${day}T10:00:00+03:00`,
      name: "Online",
    });
    const list = await ctx.request("GET", `/api/v1/appointments?date=${day}`, {
      cookie: office.supervisor.cookie,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { code: string }) => a.code)).toEqual([early.body.code, late.body.code]);
    expect(list.body.items[1]).toMatchObject({
      phone: "+79010000001",
      origin: "staff",
      checkedInAt: null,
      ticket: null,
      status: "booked",
    });
    expect(list.body.items[0].origin).toBe("online");
    const refundOnly = await ctx.request(
      "GET",
      `/api/v1/appointments?date=${day}&serviceId=${office.services.refund}`,
      {
        cookie: ctx.adminCookie,
      },
    );
    expect(refundOnly.body.items.map((a: { code: string }) => a.code)).toEqual([early.body.code]);
    const row = await sql<{
      created_by: string | null;
    }>`select created_by from appointments where code = ${late.body.code}`.execute(ctx.database.db);
    expect(row.rows[0]!.created_by).toBe(office.supervisor.id);
  });

  it("a booking whose start plus grace has passed is a no-show, no longer cancellable", async () => {
    const a = await book({
      serviceId: office.services.buy,
      start: "2026-03-02T10:00:00+03:00",
      name: "Absent",
    });
    const saved = clock.now;
    clock.now = new Date("2026-03-02T10:09:59+03:00");
    expect((await ctx.request("GET", `/api/v1/appointments/${a.body.code}`, anonymous())).body.status).toBe(
      "booked",
    );
    clock.now = new Date("2026-03-02T10:10:00+03:00");
    const shown = await ctx.request("GET", `/api/v1/appointments/${a.body.code}`, anonymous());
    expect(shown.body).toMatchObject({ status: "no_show", canCancel: false, canReschedule: false });
    const cancel = await ctx.request("POST", `/api/v1/appointments/${a.body.code}/cancel`, anonymous());
    expect([cancel.status, cancel.body.error.code]).toEqual([409, "not_cancellable"]);
    clock.now = saved;
  });
});

describe("the demo office", () => {
  it("books two services in quarter-hour slots of two, within its opening hours", async () => {
    const demo = await createTestContext({ clock: new TestClock(new Date("2026-03-02T09:00:00+03:00")) });
    try {
      const db = demo.database.db;
      const branch = (await firstBranch(db))!;
      await db.transaction().execute((tx) => seedDemoOffice(tx, branch.id));
      demo.app.branches.invalidate();
      const services = await demo.request("GET", "/api/v1/booking/services");
      expect(
        services.body.items.map((s: { name: string; slotMinutes: number }) => [s.name, s.slotMinutes]),
      ).toEqual([
        ["Купить билет", 15],
        ["Корпоративные клиенты", 15],
      ]);
      const [buy, corporate] = services.body.items;
      // Buy follows the office's hours (Saturdays too); corporate its own weekdays 09:00–18:00.
      expect(buy.openDays).toContain("2026-03-07");
      expect(corporate.openDays).not.toContain("2026-03-07");
      const slots = await demo.request("GET", `/api/v1/booking/slots?serviceId=${buy.id}&date=2026-03-03`);
      expect(slots.body).toHaveLength(48);
      expect(slots.body[0]).toEqual({
        start: "2026-03-03T08:00:00+03:00",
        end: "2026-03-03T08:15:00+03:00",
        free: 2,
      });
    } finally {
      await demo.close();
    }
  });
});

describe("archiving a bookable service", () => {
  it("is refused while visitors are booked for it, allowed once their appointments are cancelled", async () => {
    const admin = { cookie: ctx.adminCookie };
    const created = await ctx.request("POST", "/api/v1/services", {
      ...admin,
      body: { name: "Архивная", prefix: "АР", booking: { enabled: true, slotMinutes: 30 } },
    });
    const id: string = created.body.id;
    const res = await book({ serviceId: id, start: "2026-03-12T11:00:00+03:00", name: "Booked Visitor" });
    expect(res.status).toBe(201);
    const refused = await ctx.request("DELETE", `/api/v1/services/${id}`, admin);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("service_has_appointments");
    await ctx.request("POST", `/api/v1/appointments/${res.body.code}/cancel`, anonymous());
    expect((await ctx.request("DELETE", `/api/v1/services/${id}`, admin)).status).toBe(204);
  });
});
