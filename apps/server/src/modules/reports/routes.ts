import {
  dailyReportSchema,
  historyQuerySchema,
  historyReportSchema,
  hourlyReportSchema,
  operatorsReportSchema,
  reportQuerySchema,
  summaryReportSchema,
  workstationsReportSchema,
} from "@dq/shared";
import { z } from "zod";
import type { App } from "../../http/types.ts";
import { writeCsv, writeXlsx } from "./export.ts";
import { historyChunks, historyPage } from "./history.ts";
import { daily, hourly, operators, workstations } from "./queries.ts";
import { summary } from "./summary.ts";

const tags = ["reports"];
// Reports show every operator's work: supervisors and administrators (and their API tokens).
const access = { role: "supervisor" } as const;

export async function reportRoutes(app: App) {
  const db = app.deps.reports;

  app.get(
    "/api/v1/reports/summary",
    {
      config: { access },
      schema: {
        operationId: "getSummaryReport",
        tags,
        summary:
          "KPIs of a period, overall and per service: counts, waits, service times, service level, ratings",
        querystring: reportQuerySchema,
        response: { 200: summaryReportSchema },
      },
    },
    async (request) => summary(db, request.branch, request.query),
  );

  app.get(
    "/api/v1/reports/operators",
    {
      config: { access },
      schema: {
        operationId: "getOperatorsReport",
        tags,
        summary:
          "Per employee: served, no-shows, service time, ratings, time signed in / serving / paused / idle",
        querystring: reportQuerySchema,
        response: { 200: operatorsReportSchema },
      },
    },
    async (request) => operators(db, request.branch, request.query, app.deps.clock()),
  );

  app.get(
    "/api/v1/reports/workstations",
    {
      config: { access },
      schema: {
        operationId: "getWorkstationsReport",
        tags,
        summary: "Per workstation: served, serving time, open time and load",
        querystring: reportQuerySchema,
        response: { 200: workstationsReportSchema },
      },
    },
    async (request) => workstations(db, request.branch, request.query, app.deps.clock()),
  );

  app.get(
    "/api/v1/reports/hourly",
    {
      config: { access },
      schema: {
        operationId: "getHourlyReport",
        tags,
        summary: "Arrivals, average wait and served per hour of the day, and per weekday × hour",
        querystring: reportQuerySchema,
        response: { 200: hourlyReportSchema },
      },
    },
    async (request) => hourly(db, request.branch, request.query),
  );

  app.get(
    "/api/v1/reports/daily",
    {
      config: { access },
      schema: {
        operationId: "getDailyReport",
        tags,
        summary: "Per day: issued, served, no-shows, average wait and service level (the trend)",
        querystring: reportQuerySchema,
        response: { 200: dailyReportSchema },
      },
    },
    async (request) => daily(db, request.branch, request.query),
  );

  app.get(
    "/api/v1/reports/tickets",
    {
      config: { access },
      schema: {
        operationId: "getTicketHistory",
        tags,
        summary:
          "The ticket history, one row per service segment; `format=csv` or `xlsx` downloads the whole filtered history",
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
        await (q.format === "csv" ? writeCsv(out, chunks, q.lang) : writeXlsx(out, chunks, q.lang));
      } catch (error) {
        // Headers are gone already: cut the download short so that it cannot look complete.
        request.log.error({ err: error }, "export failed");
        out.destroy();
      }
    },
  );
}
