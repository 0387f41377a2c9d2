import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { bookingSettingsPatchSchema, bookingSettingsSchema } from "./appointments.ts";
import { colorSchema, idSchema, nameSchema, translationsSchema, weekScheduleSchema } from "./common.ts";

export const prefixSchema = z
  .string()
  .trim()
  .regex(/^[A-ZА-ЯЁ]{1,3}$/u, FIELD_ISSUE_MESSAGES.prefix);

const sortOrderSchema = z.number().int().min(-100000).max(100000);
const servicePrioritySchema = z.number().int().min(-100).max(100);

const serviceFields = {
  name: nameSchema,
  translations: translationsSchema.default({}),
  description: z.string().max(1000).default(""),
  parentId: idSchema.nullable().default(null),
  isGroup: z.boolean().default(false),
  prefix: prefixSchema.nullable().default(null),
  color: colorSchema.default("#1e88e5"),
  sortOrder: sortOrderSchema.default(0),
  schedule: weekScheduleSchema.nullable().default(null),
  dailyLimit: z.number().int().min(1).max(100000).nullable().default(null),
  targetWaitMinutes: z.number().min(0.5).max(1440).nullable().default(15),
  priority: servicePrioritySchema.default(0),
  expectedServiceMinutes: z.number().min(0.5).max(480).default(10),
  active: z.boolean().default(true),
  acceptingTickets: z.boolean().default(true),
  booking: bookingSettingsSchema.default(bookingSettingsSchema.parse({})),
  /** Visitors may join this service's queue from /join (when the office allows remote join). */
  remoteJoin: z.boolean().default(true),
};

export const serviceCreateSchema = z.object(serviceFields).superRefine((s, ctx) => {
  if (!s.isGroup && !s.prefix) {
    ctx.addIssue({ code: "custom", path: ["prefix"], message: FIELD_ISSUE_MESSAGES.prefixRequired });
  }
});
export type ServiceCreate = z.input<typeof serviceCreateSchema>;

export const servicePatchSchema = z
  .object({
    name: serviceFields.name,
    translations: translationsSchema,
    description: z.string().max(1000),
    parentId: idSchema.nullable(),
    prefix: prefixSchema.nullable(),
    color: colorSchema,
    sortOrder: sortOrderSchema,
    schedule: weekScheduleSchema.nullable(),
    dailyLimit: z.number().int().min(1).max(100000).nullable(),
    targetWaitMinutes: z.number().min(0.5).max(1440).nullable(),
    priority: servicePrioritySchema,
    expectedServiceMinutes: z.number().min(0.5).max(480),
    active: z.boolean(),
    acceptingTickets: z.boolean(),
    /** Merged field by field into the current booking settings. */
    booking: bookingSettingsPatchSchema,
    remoteJoin: z.boolean(),
  })
  .partial();

export const serviceSchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  isGroup: z.boolean(),
  name: z.string(),
  translations: translationsSchema,
  description: z.string(),
  prefix: z.string().nullable(),
  color: z.string(),
  sortOrder: z.number(),
  schedule: weekScheduleSchema.nullable(),
  dailyLimit: z.number().nullable(),
  targetWaitMinutes: z.number().nullable(),
  priority: z.number(),
  expectedServiceMinutes: z.number(),
  active: z.boolean(),
  acceptingTickets: z.boolean(),
  booking: bookingSettingsSchema,
  remoteJoin: z.boolean(),
});
export type Service = z.infer<typeof serviceSchema>;
