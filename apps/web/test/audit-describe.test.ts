import type { AuditEntry } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { describeEntry } from "../src/features/admin/audit/describe.ts";
import { en, ru } from "../src/features/admin/audit/strings.ts";

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: "9",
  at: "2026-11-26T09:00:00Z",
  actor: { kind: "employee", id: "1", name: "admin" },
  action: "workstation.update",
  entity: "workstation",
  entityId: "7",
  entityName: "Окно 3 (VIP)",
  data: {},
  previous: {},
  names: { employee: { "1": "Администратор" } },
  ip: "127.0.0.1",
  ...over,
});

describe("an audit entry in words", () => {
  it("says what was done to what, by whom, and each change as old → new with names for ids", () => {
    const e = entry({
      data: { name: "Окно 3 (VIP)", serviceIds: ["11", "12"], active: false },
      previous: { name: "Окно 3", serviceIds: ["13", "11"] },
      names: {
        employee: { "1": "Администратор" },
        service: { "11": "Купить билет", "12": "Возврат", "13": "Корпоративные" },
      },
    });
    expect(describeEntry(e, ru)).toEqual({
      actor: "Администратор (admin)",
      action: "Изменено рабочее место",
      object: "Рабочее место «Окно 3 (VIP)»",
      changes: [
        "Название: Окно 3 → Окно 3 (VIP)",
        "Услуги: Корпоративные, Купить билет → Купить билет, Возврат",
        "Активно: нет",
      ],
    });
    expect(describeEntry(e, en)).toMatchObject({
      action: "Workstation changed",
      object: "Workstation «Окно 3 (VIP)»",
      changes: [
        "Name: Окно 3 → Окно 3 (VIP)",
        "Services: Корпоративные, Купить билет → Купить билет, Возврат",
        "Active: no",
      ],
    });
  });

  it("names competencies, roles and a ticket; an unknown code and a nameless object stay readable", () => {
    const employee = entry({
      action: "employee.create",
      entity: "employee",
      entityName: "Анна",
      data: { role: "operator", competencies: [{ serviceId: "11", rank: 1 }] },
      names: { service: { "11": "Купить билет" } },
    });
    expect(describeEntry(employee, ru).changes).toEqual([
      "Роль: Оператор",
      "Услуги (ранг): Купить билет (1)",
    ]);
    const sent = entry({
      action: "ticket.send",
      entity: "ticket",
      entityName: "А015",
      data: { workstationId: "5" },
      names: { workstation: { "5": "Окно 2" } },
    });
    expect(describeEntry(sent, ru)).toMatchObject({
      action: "Талон направлен на рабочее место",
      object: "Талон А015",
      changes: ["Рабочее место: Окно 2"],
    });
    const device = entry({ action: "device.create", entity: "device", data: { kind: "kiosk" } });
    expect(describeEntry(device, ru).changes).toEqual(["Тип: киоск"]);
    const odd = entry({ action: "something.new", entity: "thing", entityName: null, entityId: "3" });
    expect(describeEntry(odd, en)).toMatchObject({
      action: "something.new",
      object: "thing #3",
      changes: [],
    });
  });
});
