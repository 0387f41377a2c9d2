import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { type Response, TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * The appointments report on a scripted day: Tuesday 3 March 2026, Moscow (UTC+3), and one booking
 * on the 4th, all booked through the API on Monday the 2nd (the office open 09:00–18:00 on
 * weekdays). Buy has a grace of 10 minutes, refund of 5, both late arrivals as walk-ins; the
 * office's target is 5 minutes. Visitors check in at the kiosk; an operator calls each ticket by
 * number. Report time 11:37.
 *
 *   buy    start  check-in  queued   called    wait     result
 *   P1     10:00  09:55     10:00    10:02     2 min    on time, within the target
 *   P2     10:15  10:20     10:20    10:27:30  7.5 min  on time (within grace), beyond the target
 *   P3     10:30  10:45     10:45    10:50     —        late (beyond grace): a walk-in, no punctuality
 *   P4     10:45  —                                    no-show (10:55 ≤ 11:37)
 *   P5     11:00  cancelled
 *   P6     11:30  —                                    not yet a no-show (11:40 > 11:37): upcoming
 *   P9     12:00  —                                    upcoming
 *   P8     10:00 on the 4th, booked
 *   refund
 *   R1     10:00  10:00     10:00    10:05     5 min    on time, exactly the target: within
 *   R2     10:15  10:10     10:15    not called
 *   R3     11:30  —                                    no-show (11:35 ≤ 11:37; with buy's grace it would not be)
 *   R4     10:45  cancelled
 *   R5     11:45  —                                    upcoming
 *
 * The 3rd: buy booked 6 (P1–P4, P6, P9), cancelled 1, checked in 3, late 1, no-shows 1, called 2,
 *   within 1 (share 0.5), average (2 + 7.5) / 2 = 4.75 → 4.8; refund booked 4, cancelled 1, checked
 *   in 2, late 0, no-shows 1, called 1, within 1 (share 1), average 5.
 * The 4th: buy booked 1. All: booked 11, cancelled 2, checked in 5, late 1, no-shows 2, called 3,
 *   within 2 (0.6667), average 14.5 / 3 = 4.83 → 4.8.
 */
let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T09:00:00+03:00"));
/** "10:27:30" on the 3rd (or `day`), Moscow. */
const local = (hm: string, day = "2026-03-03") =>
  new Date(`${day}T${hm.length === 5 ? `${hm}:00` : hm}+03:00`);
const at = (hm: string) => {
  clock.now = local(hm);
};
/** Each booking's code, by its name in the table above. */
const codes: Record<string, string> = {};
const code = (key: string) => codes[key]!;

/** Must answer `expected`; returns the body. */
async function ok(res: Promise<Response>, expected = 201) {
  const r = await res;
  if (r.status !== expected) throw new Error(`${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Booked by staff on Monday the 2nd, 09:00 (staff bookings need no phone and skip the address limits). */
async function book(key: string, service: "buy" | "refund", start: string, day?: string) {
  clock.now = new Date("2026-03-02T09:00:00+03:00");
  const body = {
    serviceId: office.services[service],
    start: local(start, day).toISOString(),
    name: `Visitor ${key}`,
  };
  codes[key] = (
    await ok(ctx.request("POST", "/api/v1/appointments", { cookie: ctx.adminCookie, body }))
  ).code;
}

/** Checks `key` in at the kiosk at `time`; returns the ticket's id. */
async function checkIn(key: string, time: string): Promise<string> {
  at(time);
  const ticket = await ok(
    ctx.request("POST", `/api/v1/appointments/${code(key)}/check-in`, { token: office.kioskToken }),
  );
  return ticket.id;
}

async function call(cookie: string, ticketId: string, time: string) {
  at(time);
  await operatorAction(ctx, cookie, `tickets/${ticketId}/call`);
  await operatorAction(ctx, cookie, `tickets/${ticketId}/start`);
}

setUpOffice({ clock }, async (c, o) => {
  ctx = c;
  office = o;
  const admin = { cookie: ctx.adminCookie };
  const weekdays = Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "18:00" }]]),
  );
  await ok(
    ctx.request("PATCH", "/api/v1/branch", { ...admin, body: { settings: { openingHours: weekdays } } }),
    200,
  );
  const booking = (lateGraceMinutes: number) => ({
    booking: { enabled: true, slotMinutes: 15, capacityPerSlot: 1, lateGraceMinutes, lateAction: "walk_in" },
  });
  await ok(
    ctx.request("PATCH", `/api/v1/services/${office.services.buy}`, { ...admin, body: booking(10) }),
    200,
  );
  await ok(
    ctx.request("PATCH", `/api/v1/services/${office.services.refund}`, { ...admin, body: booking(5) }),
    200,
  );
  const bookings: [string, "buy" | "refund", string, string?][] = [
    ["P1", "buy", "10:00"],
    ["P2", "buy", "10:15"],
    ["P3", "buy", "10:30"],
    ["P4", "buy", "10:45"],
    ["P5", "buy", "11:00"],
    ["P6", "buy", "11:30"],
    ["P9", "buy", "12:00"],
    ["P8", "buy", "10:00", "2026-03-04"],
    ["R1", "refund", "10:00"],
    ["R2", "refund", "10:15"],
    ["R3", "refund", "11:30"],
    ["R4", "refund", "10:45"],
    ["R5", "refund", "11:45"],
  ];
  for (const [key, service, start, day] of bookings) await book(key, service, start, day);
  for (const key of ["P5", "R4"])
    await ok(ctx.request("POST", `/api/v1/appointments/${code(key)}/cancel`, admin), 200);

  const { anna, boris } = office.operators;
  at("09:50");
  await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
  await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
  const p1 = await checkIn("P1", "09:55");
  const r1 = await checkIn("R1", "10:00");
  await call(anna.cookie, p1, "10:02");
  await call(boris.cookie, r1, "10:05");
  await checkIn("R2", "10:10");
  const p2 = await checkIn("P2", "10:20");
  at("10:26");
  await operatorAction(ctx, anna.cookie, `tickets/${p1}/finish`);
  await call(anna.cookie, p2, "10:27:30");
  const p3 = await checkIn("P3", "10:45");
  at("10:49");
  await operatorAction(ctx, boris.cookie, `tickets/${r1}/finish`);
  await call(boris.cookie, p3, "10:50");
  at("11:37");
  // The check-in recorded what the report reads: P3 late, the others on time.
  const late = await sql<{ code: string }>`select code from appointments where late`.execute(ctx.database.db);
  expect(late.rows.map((r) => r.code)).toEqual([code("P3")]);
});

const get = async (path: string) => {
  const res = await ctx.request("GET", path, { cookie: office.supervisor.cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

const NOTHING = { late: 0, called: 0, withinTarget: 0, withinTargetShare: null, averageWaitMinutes: null };

describe("the appointments report", () => {
  it("gives the scripted day's figures exactly, per day and service and in all", async () => {
    const r = await get("/api/v1/reports/appointments?from=2026-03-03&to=2026-03-04");
    expect(r).toEqual({
      targetMinutes: 5,
      total: {
        booked: 11,
        cancelled: 2,
        checkedIn: 5,
        late: 1,
        noShows: 2,
        called: 3,
        withinTarget: 2,
        withinTargetShare: 0.6667,
        averageWaitMinutes: 4.8,
      },
      items: [
        {
          day: "2026-03-03",
          serviceId: office.services.refund,
          serviceName: "Возврат",
          booked: 4,
          cancelled: 1,
          checkedIn: 2,
          late: 0,
          noShows: 1,
          called: 1,
          withinTarget: 1,
          withinTargetShare: 1,
          averageWaitMinutes: 5,
        },
        {
          day: "2026-03-03",
          serviceId: office.services.buy,
          serviceName: "Купить билет",
          booked: 6,
          cancelled: 1,
          checkedIn: 3,
          late: 1,
          noShows: 1,
          called: 2,
          withinTarget: 1,
          withinTargetShare: 0.5,
          averageWaitMinutes: 4.8,
        },
        {
          day: "2026-03-04",
          serviceId: office.services.buy,
          serviceName: "Купить билет",
          booked: 1,
          cancelled: 0,
          checkedIn: 0,
          noShows: 0,
          ...NOTHING,
        },
      ],
    });
  });

  it("filters by service; a period without appointments gives zeros and nulls", async () => {
    const refund = await get(
      `/api/v1/reports/appointments?from=2026-03-03&to=2026-03-04&serviceId=${office.services.refund}`,
    );
    expect(refund.items).toHaveLength(1);
    expect(refund.total).toEqual({
      booked: 4,
      cancelled: 1,
      checkedIn: 2,
      late: 0,
      noShows: 1,
      called: 1,
      withinTarget: 1,
      withinTargetShare: 1,
      averageWaitMinutes: 5,
    });
    expect(await get("/api/v1/reports/appointments?from=2026-03-02&to=2026-03-02")).toEqual({
      targetMinutes: 5,
      total: { booked: 0, cancelled: 0, checkedIn: 0, noShows: 0, ...NOTHING },
      items: [],
    });
  });

  it("measures against the office's target", async () => {
    const patch = await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { appointmentTargetWaitMinutes: 8 } },
    });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const r = await get("/api/v1/reports/appointments?from=2026-03-03&to=2026-03-03");
    expect(r.targetMinutes).toBe(8);
    expect(r.total).toMatchObject({ called: 3, withinTarget: 3, withinTargetShare: 1 });
    await ctx.request("PATCH", "/api/v1/branch", {
      cookie: ctx.adminCookie,
      body: { settings: { appointmentTargetWaitMinutes: 5 } },
    });
  });

  it("refuses a period backwards, and operators", async () => {
    const backwards = await ctx.request("GET", "/api/v1/reports/appointments?from=2026-03-05&to=2026-03-01", {
      cookie: office.supervisor.cookie,
    });
    expect(backwards.status).toBe(400);
    const operator = await ctx.request("GET", "/api/v1/reports/appointments?from=2026-03-03&to=2026-03-03", {
      cookie: office.operators.anna.cookie,
    });
    expect(operator.status).toBe(403);
  });
});

describe("the summary", () => {
  it("carries the period's appointment figures (the service filter applies)", async () => {
    const s = await get("/api/v1/reports/summary?from=2026-03-03&to=2026-03-03");
    expect(s.appointmentTargetMinutes).toBe(5);
    expect(s.appointments).toEqual({
      booked: 10,
      cancelled: 2,
      checkedIn: 5,
      late: 1,
      noShows: 2,
      called: 3,
      withinTarget: 2,
      withinTargetShare: 0.6667,
      averageWaitMinutes: 4.8,
    });
    const buy = await get(
      `/api/v1/reports/summary?from=2026-03-03&to=2026-03-03&serviceId=${office.services.buy}`,
    );
    expect(buy.appointments).toMatchObject({
      booked: 6,
      called: 2,
      withinTargetShare: 0.5,
      averageWaitMinutes: 4.8,
    });
  });
});

describe("the dashboard", () => {
  it("counts today's appointments and lists the next ones not yet checked in", async () => {
    const d = await get("/api/v1/dashboard");
    expect(d.appointments).toEqual({
      booked: 10,
      checkedIn: 5,
      noShows: 2,
      cancelled: 2,
      upcoming: [
        {
          code: code("P6"),
          start: "2026-03-03T11:30:00+03:00",
          name: "Visitor P6",
          serviceId: office.services.buy,
        },
        {
          code: code("R5"),
          start: "2026-03-03T11:45:00+03:00",
          name: "Visitor R5",
          serviceId: office.services.refund,
        },
        {
          code: code("P9"),
          start: "2026-03-03T12:00:00+03:00",
          name: "Visitor P9",
          serviceId: office.services.buy,
        },
      ].map((a) => ({ ...a, status: "booked" })),
    });
  });
});
