import { branchSchema } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { initialValues, toBody } from "../src/features/admin/settings/settingsValues.ts";

describe("office settings form", () => {
  it("edits the office's name and running text in English", () => {
    const branch = branchSchema.parse({
      id: "1",
      name: "Касса",
      timezone: "Europe/Moscow",
      settings: { runningText: "Добро пожаловать", nameTranslations: { en: "Ticket office" } },
    });
    const values = initialValues(branch);
    expect([values.nameEn, values.runningTextEn]).toEqual(["Ticket office", ""]);
    const body = toBody({ ...values, runningTextEn: "Welcome" });
    expect(body.settings.nameTranslations).toEqual({ en: "Ticket office" });
    expect(body.settings.runningTextTranslations).toEqual({ en: "Welcome" });
  });
});
