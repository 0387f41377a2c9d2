import { appointmentCreateSchema, fieldIssueCode } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { FIELD_ISSUE_TEXTS } from "../src/app/field-issue-texts.ts";
import { zoneLabel, zoneName } from "../src/features/booking/office-time.ts";

describe("the booking form's e-mail check", () => {
  it("says what is wrong with an address, not the field's name", () => {
    const email = appointmentCreateSchema.shape.email.unwrap().safeParse("anna@");
    expect(email.success).toBe(false);
    const code = fieldIssueCode(email.error!.issues[0]!).code;
    expect(code).toBe("email");
    expect(FIELD_ISSUE_TEXTS.ru[code]).toBe("Введите адрес почты целиком, например name@example.ru");
    expect(FIELD_ISSUE_TEXTS.en[code]).toBe("Enter the whole e-mail address, such as name@example.com");
  });
});

describe("the office's zone on the time step", () => {
  const winter = new Date("2026-12-08T07:00:00Z");
  const summer = new Date("2026-07-08T07:00:00Z");

  it("names the zone and its offset in the page's language", () => {
    expect(zoneLabel("Europe/Moscow", "ru", winter)).toBe("Москва (UTC+3)");
    expect(zoneLabel("Europe/Moscow", "en", winter)).toBe("Moscow Time (UTC+3)");
    expect(zoneLabel("Asia/Yekaterinburg", "ru", winter)).toBe("Екатеринбург (UTC+5)");
  });

  it("gives the offset of the day shown (daylight saving) and only the offset for UTC", () => {
    expect(zoneLabel("Europe/Berlin", "ru", winter)).toBe("Германия (UTC+1)");
    expect(zoneLabel("Europe/Berlin", "ru", summer)).toBe("Германия (UTC+2)");
    expect(zoneLabel("Europe/Berlin", "en", summer)).toBe("CET (UTC+2)");
    expect(zoneLabel("Asia/Kolkata", "ru", winter)).toBe("Индия (UTC+5:30)");
    expect(zoneLabel("UTC", "ru", winter)).toBe("UTC+0");
  });
});

describe("the zone's name where the browser knows no short one in the language", () => {
  it("takes the long one rather than the zone id's English city", () => {
    expect(zoneName("Europe/Moscow", "ru", "Moscow", "Москва, стандартное время")).toBe(
      "Москва, стандартное время",
    );
    expect(zoneName("Europe/Moscow", "ru", "Москва", "Москва, стандартное время")).toBe("Москва");
    expect(zoneName("Europe/Moscow", "en", "Moscow Time", "Moscow Standard Time")).toBe("Moscow Time");
    expect(zoneName("America/New_York", "en", "New York", "Eastern Time")).toBe("New York");
  });

  it("gives none when both are only an offset", () => {
    expect(zoneName("Etc/GMT-3", "ru", "GMT+3", "GMT+03:00")).toBe("");
  });
});
