import { describe, expect, it } from "vitest";
import { visitorLanguage } from "../src/features/surface-kit/visitor-language.ts";

describe("the language a public page opens in on a visitor's phone", () => {
  it("is English on an English phone when he has chosen none here", () => {
    expect(visitorLanguage(null, ["en-US", "en"])).toBe("en");
    expect(visitorLanguage(null, ["de-DE", "en-GB"])).toBe("en");
  });

  it("stays Russian (null) on a Russian phone or one speaking neither", () => {
    expect(visitorLanguage(null, ["ru-RU", "en-US"])).toBeNull();
    expect(visitorLanguage(null, ["de-DE", "fr"])).toBeNull();
    expect(visitorLanguage(null, [])).toBeNull();
  });

  it("leaves a choice made with the language buttons as it is", () => {
    expect(visitorLanguage("ru", ["en-US"])).toBeNull();
    expect(visitorLanguage("en", ["en-US"])).toBeNull();
  });
});
