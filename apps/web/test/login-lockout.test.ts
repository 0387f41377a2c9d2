import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../src/app/api.ts";
import { lockoutSeconds, lockoutText } from "../src/features/login/lockout.ts";
import { en, ru } from "../src/features/login/strings.ts";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { ru: { login: ru }, en: { login: en } },
    lng: "ru",
    ns: ["login"],
    defaultNS: "login",
    interpolation: { escapeValue: false },
  });
});
const tr = () => i18n.getFixedT("ru", "login");
const te = () => i18n.getFixedT("en", "login");

describe("the sign-in lockout message", () => {
  it("says how long the lock really lasts, in whole minutes rounded up, then in seconds", () => {
    const ask = "попросите администратора снять блокировку.";
    expect(lockoutText(tr(), 679)).toBe(
      `Слишком много неудачных попыток. Повторите через 12 минут или ${ask}`,
    );
    expect(lockoutText(tr(), 121)).toBe(
      `Слишком много неудачных попыток. Повторите через 3 минуты или ${ask}`,
    );
    expect(lockoutText(tr(), 60)).toBe(
      `Слишком много неудачных попыток. Повторите через 1 минуту или ${ask}`,
    );
    expect(lockoutText(tr(), 59)).toBe(
      `Слишком много неудачных попыток. Повторите через 59 секунд или ${ask}`,
    );
    expect(lockoutText(tr(), 22)).toBe(
      `Слишком много неудачных попыток. Повторите через 22 секунды или ${ask}`,
    );
    expect(lockoutText(tr(), 21)).toBe(
      `Слишком много неудачных попыток. Повторите через 21 секунду или ${ask}`,
    );
    expect(lockoutText(tr(), 0)).toBe("Можно попробовать снова.");
  });

  it("in English too", () => {
    const ask = "or ask an administrator to unlock your login.";
    expect(lockoutText(te(), 679)).toBe(`Too many failed attempts. Try again in 12 minutes ${ask}`);
    expect(lockoutText(te(), 60)).toBe(`Too many failed attempts. Try again in 1 minute ${ask}`);
    expect(lockoutText(te(), 1)).toBe(`Too many failed attempts. Try again in 1 second ${ask}`);
    expect(lockoutText(te(), -3)).toBe("You can try again now.");
  });

  it("takes the wait from Retry-After, else from the error's details; other errors have none", () => {
    const limited = (header: number | null, details: unknown) =>
      new ApiError(429, "rate_limited", "too many failed sign-ins; try again in 679 s", details, header);
    expect(lockoutSeconds(limited(679, { retryAfterSeconds: 679 }))).toBe(679);
    expect(lockoutSeconds(limited(null, { retryAfterSeconds: 500 }))).toBe(500);
    expect(lockoutSeconds(limited(null, undefined))).toBeNull();
    expect(lockoutSeconds(new ApiError(401, "invalid_credentials", "wrong login or password"))).toBeNull();
    expect(lockoutSeconds(null)).toBeNull();
  });
});
