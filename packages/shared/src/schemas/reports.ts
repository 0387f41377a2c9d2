import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { appointmentFiguresSchema } from "./appointments.ts";
import { dateSchema, idSchema } from "./common.ts";

/** A report's period is in order and at most three years long (every report's query). */
export function checkedPeriod<T extends z.ZodType<{ from: string; to: string }>>(query: T) {
  return query
    .refine((q) => q.from <= q.to, { message: FIELD_ISSUE_MESSAGES.periodOrder, path: ["to"] })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, {
      message: FIELD_ISSUE_MESSAGES.periodLength,
      path: ["to"],
    });
}

/** Every report: a period of office calendar days (both included) and optional filters. */
export const reportQuerySchema = checkedPeriod(
  z.object({
    from: dateSchema,
    to: dateSchema,
    serviceId: idSchema.optional(),
    employeeId: idSchema.optional(),
    workstationId: idSchema.optional(),
    categoryId: idSchema.optional(),
  }),
);
export type ReportQuery = z.infer<typeof reportQuerySchema>;

const seconds = z.number().nullable();

export const kpiSchema = z.object({
  issued: z.number(),
  served: z.number(),
  noShow: z.number(),
  cancelled: z.number(),
  /** Left open: never finished, or closed by the end of the day. */
  open: z.number(),
  /** Called segments (served, no-show or redirected): from entering the queue to the first call. */
  waitSeconds: z.object({ avg: seconds, median: seconds, p90: seconds, max: seconds }),
  /** Served segments: from start to finish. */
  serviceSeconds: z.object({ avg: seconds, median: seconds, p90: seconds }),
  /** Share (0–1) of called segments whose wait was within their service's target; null without any. */
  serviceLevel: z.number().nullable(),
  noShowRate: z.number().nullable(),
  ratings: z.object({
    count: z.number(),
    avg: z.number().nullable(),
    distribution: z.object({ 1: z.number(), 2: z.number(), 3: z.number(), 4: z.number(), 5: z.number() }),
  }),
});
export type Kpi = z.infer<typeof kpiSchema>;

export const summaryReportSchema = kpiSchema.extend({
  byService: z.array(
    kpiSchema.extend({ serviceId: idSchema, name: z.string(), targetWaitMinutes: z.number().nullable() }),
  ),
  /** The period's appointments (issue 17), of the service filtered on; other filters do not apply. */
  appointments: appointmentFiguresSchema,
  /** The punctuality target the appointments' figures are measured against (minutes). */
  appointmentTargetMinutes: z.number(),
});
export type SummaryReport = z.infer<typeof summaryReportSchema>;

export const operatorsReportSchema = z.object({
  items: z.array(
    z.object({
      employeeId: idSchema,
      name: z.string(),
      served: z.number(),
      noShows: z.number(),
      averageServiceSeconds: seconds,
      ratings: z.object({ count: z.number(), avg: z.number().nullable() }),
      seconds: z.object({
        signedIn: z.number(),
        serving: z.number(),
        calling: z.number(),
        idle: z.number(),
        paused: z.number(),
        pausedByReason: z.record(z.string(), z.number()),
      }),
      /** (serving + calling) ÷ signed in; null when never signed in. */
      utilisation: z.number().nullable(),
    }),
  ),
});

export const workstationsReportSchema = z.object({
  items: z.array(
    z.object({
      workstationId: idSchema,
      name: z.string(),
      number: z.string(),
      served: z.number(),
      servingSeconds: z.number(),
      openSeconds: z.number(),
      /** Serving time ÷ open time; null when never open. */
      load: z.number().nullable(),
    }),
  ),
});

export const hourlyReportSchema = z.object({
  /** 24 rows, hour 0–23 of the office's day. */
  hours: z.array(
    z.object({ hour: z.number(), arrivals: z.number(), avgWaitSeconds: seconds, served: z.number() }),
  ),
  /** Weekday 1 (Monday) – 7 × hour 0–23, only the cells with arrivals or waits. */
  weekdayHour: z.array(
    z.object({ weekday: z.number(), hour: z.number(), arrivals: z.number(), avgWaitSeconds: seconds }),
  ),
});

export const dailyReportSchema = z.object({
  days: z.array(
    z.object({
      day: z.string(),
      issued: z.number(),
      served: z.number(),
      noShow: z.number(),
      avgWaitSeconds: seconds,
      serviceLevel: z.number().nullable(),
    }),
  ),
});

/** The estimate audit's figures (issue 16); every figure null without audited tickets. */
const estimateFiguresSchema = z.object({
  /** Called tickets with a quote at issue. */
  count: z.number(),
  /** Mean |actual − expected quoted| wait, minutes. */
  maeMinutes: z.number().nullable(),
  /** Mean (actual − expected quoted) wait, minutes: positive when people waited longer than promised. */
  biasMinutes: z.number().nullable(),
  /** Share (0–1) whose actual wait fell inside the range quoted at issue (both ends included). */
  coverage: z.number().nullable(),
  /** Share (0–1) that waited longer than the quoted range's maximum. */
  underShare: z.number().nullable(),
  /** Median width (max − min) of the quoted ranges, minutes. */
  medianWidthMinutes: z.number().nullable(),
});

export const estimatesReportSchema = estimateFiguresSchema.extend({
  byService: z.array(estimateFiguresSchema.extend({ serviceId: idSchema, name: z.string() })),
});
export type EstimatesReport = z.infer<typeof estimatesReportSchema>;

export const historyRowSchema = z.object({
  businessDay: z.string(),
  ticketId: idSchema,
  label: z.string(),
  segment: z.number(),
  serviceId: idSchema,
  service: z.string(),
  categoryId: idSchema.nullable(),
  category: z.string().nullable(),
  issuedAt: z.string(),
  enqueuedAt: z.string(),
  firstCalledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  waitSeconds: seconds,
  serviceSeconds: seconds,
  callCount: z.number(),
  outcome: z.string().nullable(),
  closeReason: z.string().nullable(),
  operator: z.string().nullable(),
  workstation: z.string().nullable(),
  ratingScore: z.number().nullable(),
  ratingComment: z.string().nullable(),
  /** The range and expected wait quoted at issue (the visit's, shown on its first segment), minutes. */
  quotedMinMinutes: z.number().nullable(),
  quotedMaxMinutes: z.number().nullable(),
  quotedExpectedMinutes: z.number().nullable(),
  /** The first segment's wait from issue to the first call, minutes to 0.1; null if never called. */
  actualWaitMinutes: z.number().nullable(),
});
export type HistoryRow = z.infer<typeof historyRowSchema>;

export const historyQuerySchema = z.object({
  format: z.enum(["json", "csv", "xlsx"]).default("json"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  q: z.string().trim().max(20).optional(),
});
export const historyReportSchema = z.object({ items: z.array(historyRowSchema), total: z.number() });
