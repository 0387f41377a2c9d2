import { describe, expect, it, vi } from "vitest";

// The texts register themselves with the app's i18n, which needs a browser; here they are only read.
const registered = vi.hoisted(() => new Map<string, { ru: unknown; en: unknown }>());
vi.mock("../src/app/i18n.ts", () => ({
  addTranslations: (ns: string, messages: { ru: unknown; en: unknown }) => registered.set(ns, messages),
}));
await import("../src/features/admin/reports/texts.ts");
const { ru, en } = registered.get("reports") as { ru: ReportTexts; en: ReportTexts };
type ReportTexts = {
  kpi: Record<string, string>;
  charts: Record<string, string>;
  operators: Record<string, string>;
  tickets: { outcomes: Record<string, string> };
  filters: { presets: Record<string, string> };
};

describe("report texts", () => {
  it("say «Не пришли», as the operator's screen does, never «Не явились»", () => {
    expect(ru.kpi.noShow).toBe("Не пришли");
    expect(ru.charts.noShow).toBe("Не пришли");
    expect(ru.operators.noShows).toBe("Не пришли");
    expect(ru.tickets.outcomes.no_show).toBe("Не пришёл");
    expect(JSON.stringify(ru)).not.toMatch(/явил|неявк/i);
  });

  it("explain what «Не завершено» counts", () => {
    expect(ru.kpi.openHint).toContain("ещё ждут или находятся у окна");
    expect(ru.kpi.openHint).toContain("закрыты автоматически при закрытии дня");
    expect(en.kpi.openHint).toContain("still waiting or at a window");
  });

  it("name the 14-day preset", () => {
    expect(ru.filters.presets.twoWeeks).toBe("14 дней");
    expect(en.filters.presets.twoWeeks).toBe("14 days");
  });
});
