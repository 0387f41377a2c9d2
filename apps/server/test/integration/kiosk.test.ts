import { describe, expect, it } from "vitest";
import { issue, type Office, setUpOffice } from "../helpers/office.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/** What a kiosk and the public overview show: every button's state, explained. */
let ctx: TestContext;
let office: Office;
// Monday 2026-03-02, 12:00 in Moscow.
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));

setUpOffice({ clock }, (c, o) => {
  ctx = c;
  office = o;
});

const admin = () => ({ cookie: ctx.adminCookie });
const menu = async (token = office.kioskToken) => {
  const res = await ctx.request("GET", "/api/v1/kiosk", { token });
  expect(res.status).toBe(200);
  return res.body;
};
const byName = (m: { services: any[] }, name: string) => m.services.find((s) => s.name === name)!;

describe("the kiosk menu", () => {
  it("lists the tree with the state of every service, waiting counts and estimates", async () => {
    await issue(ctx, office, office.services.buy);
    await issue(ctx, office, office.services.buy);
    await ctx.request("PATCH", `/api/v1/services/${office.services.refund}`, {
      ...admin(),
      body: { schedule: { mon: [{ from: "14:00", to: "18:00" }] } },
    });
    await ctx.request("PATCH", `/api/v1/services/${office.services.corporate}`, {
      ...admin(),
      body: { dailyLimit: 1 },
    });
    await issue(ctx, office, office.services.corporate);
    const m = await menu();
    expect(m.branch).toMatchObject({ languages: ["ru", "en"], defaultLanguage: "ru" });
    expect(m.device).toEqual({
      name: "Kiosk",
      language: null,
      showCategories: false,
      autoPrint: true,
      paperWidth: 80,
    });
    expect(byName(m, "Билеты")).toMatchObject({ isGroup: true, parentId: null, state: "open" });
    expect(byName(m, "Купить билет")).toMatchObject({
      parentId: office.services.group,
      state: "open",
      waiting: 2,
      opensAt: null,
      // Nobody signed in to serve it: no estimate (kiosk-field.test.ts has the figures once someone is).
      serving: false,
      estimatedWait: null,
    });
    expect(byName(m, "Возврат")).toMatchObject({
      state: "outside_hours",
      opensAt: { inDays: 0, time: "14:00" },
    });
    expect(byName(m, "Корпоративные")).toMatchObject({ state: "limit_reached", waiting: 1 });
    expect(m.categories.map((c: { name: string }) => c.name)).toEqual(["Ветеран", "Инвалид"]);

    await ctx.request("POST", `/api/v1/queue/services/${office.services.buy}/close`, admin());
    expect(byName(await menu(), "Купить билет").state).toBe("closed");
    await ctx.request("POST", `/api/v1/queue/services/${office.services.buy}/open`, admin());

    // The public overview tells the same states.
    const overview = await ctx.request("GET", "/api/v1/overview");
    expect(
      overview.body.items.map((i: { name: string; state: string; open: boolean }) => [
        i.name,
        i.state,
        i.open,
      ]),
    ).toEqual([
      ["Купить билет", "open", true],
      ["Возврат", "outside_hours", false],
      ["Корпоративные", "limit_reached", false],
    ]);
  });

  it("a kiosk configured with a group offers that subtree only, with its options", async () => {
    const device = await ctx.request("POST", "/api/v1/devices", {
      ...admin(),
      body: {
        kind: "kiosk",
        name: "Билетный",
        config: {
          serviceIds: [office.services.group],
          showCategories: true,
          autoPrint: false,
          paperWidth: 58,
          language: "en",
        },
      },
    });
    const m = await menu(device.body.token);
    expect(m.services.map((s: { name: string }) => s.name)).toEqual(["Билеты", "Купить билет", "Возврат"]);
    expect(m.device).toEqual({
      name: "Билетный",
      language: "en",
      showCategories: true,
      autoPrint: false,
      paperWidth: 58,
    });
  });

  it("a board may not read the kiosk menu; nobody anonymous may", async () => {
    expect((await ctx.request("GET", "/api/v1/kiosk", { token: office.boardToken })).status).toBe(403);
    expect((await ctx.request("GET", "/api/v1/kiosk")).status).toBe(401);
  });
});
