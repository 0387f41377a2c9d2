import { FIELD_ISSUE_CODES } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { FIELD_ISSUE_TEXTS } from "../src/app/field-issue-texts.ts";

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("field issue texts", () => {
  it("say every code of the API in Russian and in English, and nothing else", () => {
    for (const texts of [FIELD_ISSUE_TEXTS.ru, FIELD_ISSUE_TEXTS.en]) {
      expect(Object.keys(texts).sort()).toEqual([...FIELD_ISSUE_CODES].sort());
      for (const code of FIELD_ISSUE_CODES) expect(texts[code].trim().length, code).toBeGreaterThan(3);
    }
  });

  it("use the same placeholders in both languages, and the bound where zod names one", () => {
    for (const code of FIELD_ISSUE_CODES) {
      expect(placeholders(FIELD_ISSUE_TEXTS.ru[code]), code).toEqual(
        placeholders(FIELD_ISSUE_TEXTS.en[code]),
      );
    }
    for (const code of ["min", "max", "minLength", "maxLength", "maxItems"] as const) {
      expect(placeholders(FIELD_ISSUE_TEXTS.en[code])).toEqual(["n"]);
    }
  });
});
