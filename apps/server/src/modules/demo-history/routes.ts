import { z } from "zod";
import type { App } from "../../http/types.ts";
import { access, tags } from "../reports/access.ts";
import { historyProgress } from "./repository.ts";

const historyStatusSchema = z.object({
  /** `preparing` while the demo office's past days are still being made, `none` if none were asked for. */
  state: z.enum(["preparing", "ready", "none"]),
  daysDone: z.number().int(),
  days: z.number().int(),
});

/** How far the demo office's history is (made in the background after the first start). */
export async function demoHistoryRoutes(app: App) {
  app.get(
    "/api/v1/reports/history-status",
    {
      config: { access },
      schema: {
        operationId: "getHistoryStatus",
        tags,
        summary:
          "The demo history's progress: preparing (days made of days planned), ready, or none (not a demo office, or no history asked for)",
        response: { 200: historyStatusSchema },
      },
    },
    async (request) => historyProgress(app.deps.db, request.branch.id),
  );
}
