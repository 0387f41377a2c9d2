import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { dateSchema, languageSchema, nameSchema, weekScheduleSchema } from "./common.ts";
import {
  remoteJoinSettingsPatchSchema,
  remoteJoinSettingsSchema,
  visitorNotificationSettingsPatchSchema,
  visitorNotificationSettingsSchema,
} from "./visitors.ts";

const timezoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: FIELD_ISSUE_MESSAGES.timezone },
);

const ratioSchema = z
  .object({ normal: z.number().int().min(1).max(20), priority: z.number().int().min(1).max(20) })
  .nullable();

/** How "call next" orders waiting tickets; see docs/PRODUCT.md §4. */
export const callingPolicySchema = z.object({
  /** A ticket waiting longer than its service's target wait goes before non-overdue ones. */
  slaGuard: z.boolean().default(true),
  /** E.g. {normal: 2, priority: 1}: of every 3 calls, 1 goes to a priority client when both wait. */
  ratio: ratioSchema.default(null),
});
export type CallingPolicy = z.infer<typeof callingPolicySchema>;

// The settings' fields without defaults: a PATCH must change only what it names.
const settingsFields = {
  languages: z.array(languageSchema).min(1),
  defaultLanguage: languageSchema,
  callingPolicy: z.object({ slaGuard: z.boolean(), ratio: ratioSchema }).partial(),
  /** Close tickets still open when the business day ends. */
  autoCloseDay: z.boolean(),
  ticketText: z.string().max(500),
  runningText: z.string().max(1000),
  /** The office's name and running text in other languages ({en: "…"}); missing or empty: its own. */
  nameTranslations: z.partialRecord(languageSchema, z.string().trim().max(200)),
  runningTextTranslations: z.partialRecord(languageSchema, z.string().trim().max(1000)),
  boardCalls: z.number().int().min(1).max(20),
  boardShowWaiting: z.boolean(),
  /** The office's opening hours; booking slots lie within them and the service's own. null: no office-wide limit. */
  openingHours: weekScheduleSchema.nullable(),
  /** Days the office takes no appointments (holidays), YYYY-MM-DD. */
  bookingBlackoutDays: z.array(dateSchema).max(400),
  /** The punctuality target for booked visitors: called within this many minutes of their time. */
  appointmentTargetWaitMinutes: z.number().min(1).max(240),
  /** Remote join from /join (docs/remote-join.md); merged field by field. */
  remoteJoin: remoteJoinSettingsPatchSchema,
  /** When visitors are told their turn approaches, and how long their contacts are kept. */
  visitorNotifications: visitorNotificationSettingsPatchSchema,
};

export const branchSettingsSchema = z.object({
  languages: settingsFields.languages.default(["ru", "en"]),
  defaultLanguage: settingsFields.defaultLanguage.default("ru"),
  callingPolicy: callingPolicySchema.default({ slaGuard: true, ratio: null }),
  autoCloseDay: settingsFields.autoCloseDay.default(true),
  ticketText: settingsFields.ticketText.default(""),
  runningText: settingsFields.runningText.default(""),
  nameTranslations: settingsFields.nameTranslations.default({}),
  runningTextTranslations: settingsFields.runningTextTranslations.default({}),
  boardCalls: settingsFields.boardCalls.default(8),
  boardShowWaiting: settingsFields.boardShowWaiting.default(true),
  openingHours: settingsFields.openingHours.default(null),
  bookingBlackoutDays: settingsFields.bookingBlackoutDays.default([]),
  appointmentTargetWaitMinutes: settingsFields.appointmentTargetWaitMinutes.default(5),
  remoteJoin: remoteJoinSettingsSchema.default(remoteJoinSettingsSchema.parse({})),
  visitorNotifications: visitorNotificationSettingsSchema.default(
    visitorNotificationSettingsSchema.parse({}),
  ),
});
export type BranchSettings = z.infer<typeof branchSettingsSchema>;

export const branchSettingsPatchSchema = z.object(settingsFields).partial();
export type BranchSettingsPatch = z.infer<typeof branchSettingsPatchSchema>;

/** Applies a settings PATCH: only the named fields change; nested objects merge field by field. */
export function mergeBranchSettings(current: BranchSettings, patch: BranchSettingsPatch): BranchSettings {
  return branchSettingsSchema.parse({
    ...current,
    ...patch,
    callingPolicy: { ...current.callingPolicy, ...patch.callingPolicy },
    remoteJoin: { ...current.remoteJoin, ...patch.remoteJoin },
    visitorNotifications: { ...current.visitorNotifications, ...patch.visitorNotifications },
  });
}

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
  settings: branchSettingsPatchSchema.optional(),
});
export const branchPatchSchema = z
  .object({ name: nameSchema, timezone: timezoneSchema, settings: branchSettingsPatchSchema })
  .partial();

/** One administrative action in the audit log. */
/** The kinds of object an audit entry's `names` names. */
export type AuditRefKind = "service" | "workstation" | "employee" | "category";

/**
 * Fields of a logged change that hold an id, or a list of ids, and of what kind (nested fields
 * too: `competencies[].serviceId`): the server names them, the audit page writes the names.
 */
export const AUDIT_ID_FIELDS: Readonly<Record<string, AuditRefKind>> = {
  serviceId: "service",
  serviceIds: "service",
  parentId: "service",
  workstationId: "workstation",
  workstationIds: "workstation",
  employeeId: "employee",
  categoryId: "category",
};

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  entityName: z
    .string()
    .nullable()
    .describe("The changed object's name (a ticket's label), also once archived; null if unknown"),
  data: z
    .unknown()
    .describe("What was logged: a create's or update's fields (ids as they are), or an action's result"),
  previous: z
    .record(z.string(), z.unknown())
    .describe("For an update: the values its fields had before it, as far as this log recorded them"),
  names: z
    .record(z.string(), z.record(z.string(), z.string()))
    .describe(
      'Names of the ids in data, previous and the actor, per kind (service, workstation, employee, category): {"service": {"12": "Купить билет"}}',
    ),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
