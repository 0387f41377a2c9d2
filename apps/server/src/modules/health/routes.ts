import { sql } from "kysely";
import type { App } from "../../http/types.ts";

export async function healthRoutes(app: App) {
  app.get("/healthz", { schema: { tags: ["health"], summary: "The process runs" } }, async () => ({
    status: "ok",
  }));

  app.get(
    "/readyz",
    { schema: { tags: ["health"], summary: "The database answers" } },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(app.deps.db);
        return { status: "ok" };
      } catch (error) {
        request.log.warn({ err: error }, "readiness check failed");
        return reply
          .status(503)
          .send({ error: { code: "not_ready", message: "the database is not reachable" } });
      }
    },
  );
}
