import {
  dailyReportSchema,
  hourlyReportSchema,
  operatorsReportSchema,
  reportQuerySchema,
  summaryReportSchema,
  workstationsReportSchema,
} from "@dq/shared";
import type { App } from "../../http/types.ts";
import { access, tags } from "./access.ts";
import { ticketHistoryRoutes } from "./history-routes.ts";
import { daily, hourly, operators, workstations } from "./queries.ts";
import { summary } from "./summary.ts";

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

  await ticketHistoryRoutes(app);
}
