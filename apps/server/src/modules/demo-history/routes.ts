import { z } from "zod";
import type { App } from "../../http/types.ts";
import { access, tags } from "../reports/access.ts";

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
    async (request) => {
      const row = await app.deps.db
        .selectFrom("demo_history_days")
        .select((eb) => [
          eb.fn.countAll<number>().as("days"),
          eb.fn.count<number>("day").filterWhere("done", "=", true).as("daysDone"),
        ])
        .where("branch_id", "=", request.branch.id)
        .executeTakeFirstOrThrow();
      const days = Number(row.days);
      const daysDone = Number(row.daysDone);
      const state = days === 0 ? "none" : daysDone < days ? "preparing" : "ready";
      return { state, daysDone, days } as const;
    },
  );
}
