import { describe, expect, it } from "vitest";
import { staffIdentity } from "../src/features/staff/identity.ts";
import { en } from "../src/locales/en.ts";
import { ru } from "../src/locales/ru.ts";

const TITLES = { ru: ru.nav.roles, en: en.nav.roles };
const titleIn = (current: "ru" | "en") => (role: keyof typeof ru.nav.roles, lang?: string) =>
  TITLES[(lang ?? current) as "ru" | "en"][role];

describe("the staff header's identity", () => {
  it("shows the role once for an account named after it, with its login", () => {
    const admin = { name: "Администратор", login: "admin", role: "admin" as const };
    expect(staffIdentity(admin, titleIn("ru"), ["ru", "en"])).toBe("Администратор · admin");
    expect(staffIdentity(admin, titleIn("en"), ["ru", "en"])).toBe("Administrator · admin");
  });

  it("shows a person's name and role", () => {
    const anna = { name: "Анна Смирнова", login: "anna", role: "operator" as const };
    expect(staffIdentity(anna, titleIn("ru"), ["ru", "en"])).toBe("Анна Смирнова · Оператор");
    expect(staffIdentity(anna, titleIn("en"), ["ru", "en"])).toBe("Анна Смирнова · Operator");
  });
});
