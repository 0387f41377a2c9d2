import {
  appointmentReportQuerySchema,
  appointmentReportSchema,
  checkedPeriod,
  dailyReportSchema,
  estimatesReportSchema,
  hourlyReportSchema,
  operatorsReportSchema,
  reportQuerySchema,
  summaryReportSchema,
  workstationsReportSchema,
} from "@dq/shared";
import type { z } from "zod";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import type { App } from "../../http/types.ts";
import { access, tags } from "./access.ts";
import { appointmentReport } from "./appointments.ts";
import { estimateAccuracy } from "./estimates.ts";
import { ticketHistoryRoutes } from "./history-routes.ts";
import { daily, hourly, operators, workstations } from "./queries.ts";
import { summary } from "./summary.ts";

export async function reportRoutes(app: App) {
  reportRoute(app, {
    path: "summary",
    operationId: "getSummaryReport",
    summary:
      "KPIs of a period, overall and per service: counts, waits, service times, service level, ratings",
    response: summaryReportSchema,
    build: summary,
  });
  reportRoute(app, {
    path: "operators",
    operationId: "getOperatorsReport",
    summary:
      "Per employee: served, no-shows, service time, ratings, time signed in / serving / paused / idle",
    response: operatorsReportSchema,
    build: operators,
  });
  reportRoute(app, {
    path: "workstations",
    operationId: "getWorkstationsReport",
    summary: "Per workstation: served, serving time, open time and load",
    response: workstationsReportSchema,
    build: workstations,
  });
  reportRoute(app, {
    path: "hourly",
    operationId: "getHourlyReport",
    summary: "Arrivals, average wait and served per hour of the day, and per weekday × hour",
    response: hourlyReportSchema,
    build: hourly,
  });
  reportRoute(app, {
    path: "daily",
    operationId: "getDailyReport",
    summary: "Per day: issued, served, no-shows, average wait and service level (the trend)",
    response: dailyReportSchema,
    build: daily,
  });
  reportRoute(app, {
    path: "estimates",
    operationId: "getEstimatesReport",
    summary:
      "The estimate audit: for called tickets quoted a wait at issue, the mean absolute and signed error of the " +
      "expected minutes, the share inside the quoted range and above it, and the median range width; per service too",
    response: estimatesReportSchema,
    build: estimateAccuracy,
  });
  reportRoute(app, {
    path: "appointments",
    operationId: "getAppointmentsReport",
    summary:
      "Appointments per day and service, and in all: booked, cancelled, checked in, late, no-shows, and " +
      "punctuality — the waits of those checked in on time, from the later of check-in and start to the first " +
      "call, against the office's appointment target",
    query: checkedPeriod(appointmentReportQuerySchema),
    response: appointmentReportSchema,
    build: appointmentReport,
  });

  await ticketHistoryRoutes(app);
}

/** A report: GET /api/v1/reports/<path> over a period (the report query), read from the reports database. */
function reportRoute<S extends z.ZodType, Q extends z.ZodType = typeof reportQuerySchema>(
  app: App,
  report: {
    path: string;
    operationId: string;
    summary: string;
    /** The report's own query, when it takes fewer filters than the others. */
    query?: Q;
    response: S;
    build: (db: Executor, branch: BranchContext, q: z.output<Q>, now: Date) => Promise<z.input<S>>;
  },
) {
  app.get(
    `/api/v1/reports/${report.path}`,
    {
      config: { access },
      schema: {
        operationId: report.operationId,
        tags,
        summary: report.summary,
        querystring: report.query ?? reportQuerySchema,
        response: { 200: report.response as z.ZodType },
      },
    },
    // The answer's type is checked where the report is declared (`build` against `response`).
    async (request) =>
      report.build(app.deps.reports, request.branch, request.query as z.output<Q>, app.deps.clock()),
  );
}
