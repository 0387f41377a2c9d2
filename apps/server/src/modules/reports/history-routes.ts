import { historyQuerySchema, historyReportSchema, reportQuerySchema } from "@dq/shared";
import { z } from "zod";
import type { App } from "../../http/types.ts";
import { access, tags } from "./access.ts";
import { writeCsv, writeXlsx } from "./export.ts";
import { historyChunks, historyPage } from "./history.ts";

/** The ticket history, one row per service segment: paged as JSON, or whole as CSV or Excel. */
export async function ticketHistoryRoutes(app: App) {
  const db = app.deps.reports;

  app.get(
    "/api/v1/reports/tickets",
    {
      config: { access },
      schema: {
        operationId: "getTicketHistory",
        tags,
        summary:
          "The ticket history, one row per service segment; `format=csv` or `xlsx` downloads the whole filtered history " +
          "in `lang` (headings, outcomes and close reasons in words; CSV separated by `;` in Russian, `,` in English) " +
          "with times in the office's timezone (XLSX: date cells)",
        querystring: z.intersection(
          reportQuerySchema,
          historyQuerySchema.extend({ lang: z.enum(["ru", "en"]).default("ru") }),
        ),
        response: { 200: historyReportSchema },
      },
    },
    async (request, reply) => {
      const q = request.query;
      if (q.format === "json") return historyPage(db, request.branch, q, q);
      const name = `tickets-${q.from}-${q.to}.${q.format}`;
      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        "content-type":
          q.format === "csv"
            ? "text/csv; charset=utf-8"
            : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="${name}"`,
        "cache-control": "no-store",
      });
      const chunks = historyChunks(db, request.branch, q, q.q);
      try {
        const write = q.format === "csv" ? writeCsv : writeXlsx;
        await write(out, chunks, q.lang, request.branch.timezone);
      } catch (error) {
        // Headers are gone already: cut the download short so that it cannot look complete.
        request.log.error({ err: error }, "export failed");
        out.destroy();
      }
    },
  );
}
