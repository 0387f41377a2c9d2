import { kioskMenuSchema, offeredTree } from "@dq/shared";
import type { App } from "../../http/types.ts";
import { serviceAvailability } from "../../queue/availability.ts";
import { businessDay } from "../../queue/calendar.ts";
import { takesCheckIns } from "../appointments/repository.ts";
import { listNamed } from "../categories/repository.ts";

export async function kioskRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    "/api/v1/kiosk",
    {
      config: { access: { role: "operator", devices: ["kiosk"] } },
      schema: {
        operationId: "getKioskMenu",
        tags: ["kiosk"],
        summary:
          "What a kiosk shows: its services with whether each takes tickets now (and if not, why and when it opens), waiting counts and estimates, client categories",
        response: { 200: kioskMenuSchema },
      },
    },
    async (request) => {
      const branch = request.branch;
      const p = request.principal;
      const config = p.kind === "device" ? p.config : {};
      const [services, categories, checkIn] = await Promise.all([
        serviceAvailability(app.deps, branch),
        listNamed(db, "categories", branch.id, true),
        takesCheckIns(db, branch.id, businessDay(app.deps.clock(), branch.timezone)),
      ]);
      return {
        branch: {
          name: branch.name,
          nameTranslations: branch.settings.nameTranslations,
          languages: branch.settings.languages,
          defaultLanguage: branch.settings.defaultLanguage,
          ticketText: branch.settings.ticketText,
          timezone: branch.timezone,
        },
        device:
          p.kind === "device"
            ? {
                name: p.name,
                language: config.language ?? null,
                showCategories: config.showCategories ?? false,
                autoPrint: config.autoPrint ?? true,
                paperWidth: config.paperWidth ?? 80,
              }
            : null,
        // Its configured services (a listed group brings its whole subtree) or all, with the
        // groups that lead to them.
        services: offeredTree(services, config.serviceIds),
        categories: categories.map((c) => ({ id: c.id, name: c.name, translations: c.translations })),
        checkIn,
      };
    },
  );
}
