import { describe, expect, it } from "vitest";
import { type Office, setUpOffice } from "../helpers/office.ts";
import type { TestContext } from "../helpers/test-app.ts";

/** The audit log reads without ids: the names of what each entry names, and an update's old values. */
let ctx: TestContext;
let office: Office;
setUpOffice((c, o) => {
  ctx = c;
  office = o;
});

const admin = () => ({ cookie: ctx.adminCookie });
const latest = async (entity: string) =>
  (await ctx.request("GET", `/api/v1/audit-log?entity=${entity}&limit=1`, admin())).body.items[0];

describe("the audit log's names and old values", () => {
  it("names a workstation update's object, its services and actor, with the values before it", async () => {
    const { w3 } = office.workstations;
    const { buy, refund } = office.services;
    const patched = await ctx.request("PATCH", `/api/v1/workstations/${w3}`, {
      ...admin(),
      body: { name: "Окно 3 (VIP)", serviceIds: [buy, refund] },
    });
    expect(patched.status).toBe(200);
    const entry = await latest("workstation");
    expect(entry).toMatchObject({
      action: "workstation.update",
      entityId: w3,
      entityName: "Окно 3 (VIP)",
      data: { name: "Окно 3 (VIP)", serviceIds: [buy, refund] },
      // As created by the office's set-up: the name, and the services it served then.
      previous: { name: "Окно 3", serviceIds: [office.services.corporate, buy] },
    });
    // The services of the new and of the old value.
    expect(entry.names.service).toEqual({
      [buy]: "Купить билет",
      [refund]: "Возврат",
      [office.services.corporate]: "Корпоративные",
    });
    expect(entry.names.employee[entry.actor.id]).toBe("Администратор");
  });

  it("names the services in an employee's competencies and in a service's group", async () => {
    const { buy } = office.services;
    const { anna } = office.operators;
    await ctx.request("PATCH", `/api/v1/employees/${anna.id}`, {
      ...admin(),
      body: { name: "Анна Смирнова", competencies: [{ serviceId: buy, rank: 1 }] },
    });
    const entry = await latest("employee");
    expect(entry).toMatchObject({
      action: "employee.update",
      entityName: "Анна Смирнова",
      previous: { name: "anna" },
      names: { service: { [buy]: "Купить билет" } },
    });
    await ctx.request("PATCH", `/api/v1/services/${office.services.corporate}`, {
      ...admin(),
      body: { parentId: office.services.group },
    });
    const moved = await latest("service");
    expect(moved).toMatchObject({
      entityName: "Корпоративные",
      previous: {},
      names: { service: { [office.services.group]: "Билеты" } },
    });
  });

  it("keeps an archived object's name and a closed queue's state as the old value", async () => {
    const { refund } = office.services;
    expect((await ctx.request("POST", `/api/v1/queue/services/${refund}/close`, admin())).status).toBe(204);
    await ctx.request("PATCH", `/api/v1/services/${refund}`, {
      ...admin(),
      body: { acceptingTickets: true },
    });
    expect(await latest("service")).toMatchObject({
      entityName: "Возврат",
      data: { acceptingTickets: true },
      previous: { acceptingTickets: false },
    });
    const kiosk = await ctx.request("GET", "/api/v1/devices", admin());
    const device = kiosk.body.items.find((d: { name: string }) => d.name === "Board");
    await ctx.request("DELETE", `/api/v1/devices/${device.id}`, admin());
    expect(await latest("device")).toMatchObject({
      action: "device.revoke",
      entityName: "Board",
      previous: {},
    });
  });
});
