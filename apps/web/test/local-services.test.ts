import type { Service } from "@dq/shared";
import { describe, expect, it } from "vitest";
import { servicesIn } from "../src/features/admin/directories/local-services.ts";

const service = (name: string, translations: Record<string, string>) =>
  ({ id: "1", name, translations }) as unknown as Service;

describe("services named in the UI's language", () => {
  it("uses the English name in English, the office's own in Russian or where there is none", () => {
    const buy = service("Купить билет", { en: "Buy a ticket" });
    const info = service("Справка", {});
    expect(servicesIn([buy, info], "en").map((s) => s.name)).toEqual(["Buy a ticket", "Справка"]);
    expect(servicesIn([buy, info], "ru").map((s) => s.name)).toEqual(["Купить билет", "Справка"]);
  });
});
