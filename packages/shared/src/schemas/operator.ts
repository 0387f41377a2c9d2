import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { idSchema } from "./common.ts";
import { ticketSchema } from "./tickets.ts";

export const OPERATOR_STATUSES = ["offline", "free", "calling", "serving", "paused"] as const;
export const operatorStatusSchema = z.enum(OPERATOR_STATUSES);
export type OperatorStatus = z.infer<typeof operatorStatusSchema>;

export const takeWorkstationSchema = z.object({ workstationId: idSchema });
export const pauseSchema = z
  .object({ reasonId: idSchema.optional(), reason: z.string().trim().min(1).max(200).optional() })
  .refine((p) => !(p.reasonId && p.reason), {
    message: FIELD_ISSUE_MESSAGES.pauseReasonBothWays,
    path: ["reason"],
  });
export const finishSchema = z.object({ note: z.string().trim().max(2000).optional() }).default({});
export const redirectSchema = z.object({
  serviceId: idSchema,
  note: z.string().trim().max(2000).optional(),
});
export const returnSchema = z
  .object({
    /** `true` puts the ticket at the end of its queue; by default it keeps its place. */
    toEnd: z.boolean().default(false),
  })
  .default({ toEnd: false });

export const operatorStateSchema = z.object({
  /** Null when a supervisor looks at a workstation where nobody works now. */
  employee: z.object({ id: idSchema, name: z.string() }).nullable(),
  workstation: z.object({ id: idSchema, name: z.string(), number: z.string() }).nullable(),
  status: operatorStatusSchema,
  pauseReason: z.string().nullable(),
  since: z.string().nullable(),
  ticket: ticketSchema.nullable(),
});
export type OperatorState = z.infer<typeof operatorStateSchema>;

export const queueSummarySchema = z.object({
  serviceId: idSchema,
  name: z.string(),
  prefix: z.string().nullable(),
  rank: z.number().nullable(),
  waiting: z.number(),
  longestWaitSeconds: z.number(),
  overdue: z.number(),
});
export type QueueSummary = z.infer<typeof queueSummarySchema>;

/** An operator's own figures for today. */
export const operatorTodaySchema = z.object({
  served: z.number(),
  noShows: z.number(),
  redirected: z.number(),
  averageServiceSeconds: z.number().nullable(),
});
export type OperatorToday = z.infer<typeof operatorTodaySchema>;

/**
 * A workstation as the operator's chooser shows it: who works there, and which of the signed-in
 * operator's services it serves (by the eligibility rule, in his order). An empty list: he could
 * call nobody there.
 */
export const workstationChoiceSchema = z.object({
  id: idSchema,
  name: z.string(),
  number: z.string(),
  active: z.boolean(),
  operator: z.object({ id: idSchema, name: z.string() }).nullable(),
  services: z.array(z.object({ id: idSchema, name: z.string() })),
});
export type WorkstationChoice = z.infer<typeof workstationChoiceSchema>;

/**
 * A workstation a waiting ticket may be sent to: it serves the ticket's service. The operator
 * there (if any) and his status; only a free operator can take the client now.
 */
export const sendTargetSchema = z.object({
  id: idSchema,
  name: z.string(),
  number: z.string(),
  employee: z.object({ id: idSchema, name: z.string() }).nullable(),
  status: operatorStatusSchema,
});
export type SendTarget = z.infer<typeof sendTargetSchema>;

/** `?workstationId=`: a supervisor watches another workstation's view (read-only). */
export const workplaceQuerySchema = z.object({ workstationId: idSchema.optional() });
