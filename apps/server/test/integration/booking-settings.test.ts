import { describe, expect, it } from "vitest";
import { type Office, setUpOffice } from "../helpers/office.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Booking settings changed under booked visitors (found by trying the product): a day closed to
 * appointments, and a new slot length, are refused while visitors are booked there; the clock
 * stands at Monday 2 March 2026, 09:00 Moscow.
 */
let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T09:00:00+03:00"));
const admin = () => ({ cookie: ctx.adminCookie });

setUpOffice({ clock }, async (c, o) => {
  ctx = c;
  office = o;
  const weekdays = Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "18:00" }]]),
  );
  await ctx.request("PATCH", "/api/v1/branch", {
    ...admin(),
    body: { settings: { openingHours: weekdays } },
  });
  await ctx.request("PATCH", `/api/v1/services/${office.services.buy}`, {
    ...admin(),
    body: { booking: { enabled: true, slotMinutes: 15, capacityPerSlot: 2 } },
  });
});

const book = async (start: string) => {
  const res = await ctx.request("POST", "/api/v1/appointments", {
    ...admin(),
    body: { serviceId: office.services.buy, start, name: "Booked Visitor" },
  });
  expect(res.status).toBe(201);
  return res.body.code as string;
};

const blackout = (days: string[]) =>
  ctx.request("PATCH", "/api/v1/branch", { ...admin(), body: { settings: { bookingBlackoutDays: days } } });

describe("booking settings under booked visitors", () => {
  it("a day with visitors booked cannot be closed to appointments until they are cancelled", async () => {
    const first = await book("2026-03-05T10:00:00+03:00");
    const second = await book("2026-03-05T11:00:00+03:00");
    const refused = await blackout(["2026-03-04", "2026-03-05"]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([
      {
        field: "settings.bookingBlackoutDays",
        code: "blackoutBooked",
        message: "visitors are booked on 2026-03-05 (2): cancel their appointments first",
        params: { day: "2026-03-05", count: 2 },
      },
    ]);
    expect((await ctx.request("GET", "/api/v1/branch", admin())).body.settings.bookingBlackoutDays).toEqual(
      [],
    );
    for (const code of [first, second]) await ctx.request("POST", `/api/v1/appointments/${code}/cancel`);
    const closed = await blackout(["2026-03-04", "2026-03-05"]);
    expect(closed.status).toBe(200);
    expect(closed.body.settings.bookingBlackoutDays).toEqual(["2026-03-04", "2026-03-05"]);
    // Days already closed stay closed whatever is booked; only newly closed ones are checked.
    expect((await blackout(["2026-03-05"])).status).toBe(200);
  });

  it("the slot length stays while visitors are booked on its slots; other settings change", async () => {
    const code = await book("2026-03-10T10:15:00+03:00");
    const patch = (booking: object) =>
      ctx.request("PATCH", `/api/v1/services/${office.services.buy}`, { ...admin(), body: { booking } });
    const refused = await patch({ slotMinutes: 20 });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0]).toMatchObject({
      field: "booking.slotMinutes",
      code: "slotsInUse",
      params: { count: 1 },
    });
    const same = await patch({ slotMinutes: 15, capacityPerSlot: 3 });
    expect(same.status).toBe(200);
    expect(same.body.booking).toMatchObject({ slotMinutes: 15, capacityPerSlot: 3 });
    await ctx.request("POST", `/api/v1/appointments/${code}/cancel`);
    const changed = await patch({ slotMinutes: 20 });
    expect(changed.status).toBe(200);
    expect(changed.body.booking.slotMinutes).toBe(20);
  });
});

describe("a service's booking settings", () => {
  it("a PATCH changes only the fields it names", async () => {
    const before = (await ctx.request("GET", `/api/v1/services/${office.services.buy}`, admin())).body
      .booking;
    expect(before.enabled).toBe(true);
    const res = await ctx.request("PATCH", `/api/v1/services/${office.services.buy}`, {
      ...admin(),
      body: { booking: { earlyCheckInMinutes: 120 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.booking).toEqual({ ...before, earlyCheckInMinutes: 120 });
  });
});
