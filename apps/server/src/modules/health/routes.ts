import { errorBodySchema } from "@dq/shared";
import { sql } from "kysely";
import { z } from "zod";
import { databaseUnavailable } from "../../core/errors.ts";
import type { App } from "../../http/types.ts";

const okSchema = z.object({ status: z.literal("ok") });

export async function healthRoutes(app: App) {
  app.get(
    "/healthz",
    {
      schema: {
        operationId: "getHealth",
        tags: ["health"],
        summary: "The process runs",
        response: { 200: okSchema },
      },
    },
    async () => ({ status: "ok" as const }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        operationId: "getReadiness",
        tags: ["health"],
        summary: "The database answers",
        response: { 200: okSchema, 503: errorBodySchema },
      },
    },
    async (request) => {
      try {
        await sql`select 1`.execute(app.deps.db);
        return { status: "ok" as const };
      } catch (error) {
        request.log.warn({ err: error }, "readiness check failed");
        throw databaseUnavailable();
      }
    },
  );
}
