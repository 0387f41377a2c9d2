import { z } from "zod";
import { languageSchema, nameSchema } from "./common.ts";

const timezoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "must be an IANA timezone such as Europe/Moscow" },
);

/** How "call next" orders waiting tickets; see PRODUCT.md §4. */
export const callingPolicySchema = z.object({
  /** A ticket waiting longer than its service's target wait goes before non-overdue ones. */
  slaGuard: z.boolean().default(true),
  /** E.g. {normal: 2, priority: 1}: of every 3 calls, 1 goes to a priority client when both wait. */
  ratio: z
    .object({ normal: z.number().int().min(1).max(20), priority: z.number().int().min(1).max(20) })
    .nullable()
    .default(null),
});
export type CallingPolicy = z.infer<typeof callingPolicySchema>;

export const branchSettingsSchema = z.object({
  languages: z.array(languageSchema).min(1).default(["ru", "en"]),
  defaultLanguage: languageSchema.default("ru"),
  callingPolicy: callingPolicySchema.default({ slaGuard: true, ratio: null }),
  /** Close tickets still open when the business day ends. */
  autoCloseDay: z.boolean().default(true),
  ticketText: z.string().max(500).default(""),
  runningText: z.string().max(1000).default(""),
  boardCalls: z.number().int().min(1).max(20).default(8),
  boardShowWaiting: z.boolean().default(true),
});
export type BranchSettings = z.infer<typeof branchSettingsSchema>;

export const branchSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  settings: branchSettingsSchema,
});
export type Branch = z.infer<typeof branchSchema>;

export const branchCreateSchema = z.object({
  name: nameSchema,
  timezone: timezoneSchema.default("Europe/Moscow"),
  settings: branchSettingsSchema.partial().optional(),
});
export const branchPatchSchema = z
  .object({ name: nameSchema, timezone: timezoneSchema, settings: branchSettingsSchema.partial() })
  .partial();
