import { branchSchema, type Service } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { absoluteUrl, joinUrl, sheetLanguages } from "../src/features/admin/poster/poster-links.ts";

const branch = (settings: Record<string, unknown>) =>
  branchSchema.parse({ id: "1", name: "МФЦ Центральный", timezone: "Europe/Moscow", settings });

describe("the door poster's addresses", () => {
  it("opens /join, or one service's form on it", () => {
    expect(joinUrl("https://queue.example.ru", null)).toBe("https://queue.example.ru/join");
    expect(joinUrl("https://queue.example.ru", "42")).toBe("https://queue.example.ru/join?service=42");
  });

  it("takes the door's address as the server gives it, absolute or a path", () => {
    expect(absoluteUrl("/here?door=abcDEF123", "http://10.0.0.5:8080")).toBe(
      "http://10.0.0.5:8080/here?door=abcDEF123",
    );
    expect(absoluteUrl("https://queue.example.ru/here?door=k1", "http://10.0.0.5:8080")).toBe(
      "https://queue.example.ru/here?door=k1",
    );
  });
});

describe("the poster's languages", () => {
  it("are the office's, its default first, each with its names in it", () => {
    const office = branch({
      languages: ["ru", "en"],
      defaultLanguage: "en",
      nameTranslations: { en: "Central service centre" },
    });
    const service = { name: "Паспорт", translations: { en: "Passport" } } as unknown as Service;
    expect(sheetLanguages(office, service)).toEqual([
      { language: "en", office: "Central service centre", service: "Passport" },
      { language: "ru", office: "МФЦ Центральный", service: "Паспорт" },
    ]);
  });

  it("is one language when the office offers one, the own name where no translation is given", () => {
    expect(sheetLanguages(branch({ languages: ["ru"] }), null)).toEqual([
      { language: "ru", office: "МФЦ Центральный", service: null },
    ]);
  });
});
