import { z } from "zod";
import { idSchema, LANGUAGES, translationsSchema } from "./common.ts";
import { waitEstimateSchema } from "./tickets.ts";

/** Why a kiosk button does not issue a ticket now, so the kiosk can say so instead of failing. */
export const SERVICE_STATES = ["open", "closed", "outside_hours", "limit_reached"] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

export const kioskServiceSchema = z.object({
  id: idSchema,
  parentId: idSchema.nullable(),
  isGroup: z.boolean(),
  name: z.string(),
  translations: translationsSchema,
  description: z.string(),
  color: z.string(),
  prefix: z.string().nullable(),
  /** Leaves only; a group is open when one of its services is. */
  state: z.enum(SERVICE_STATES),
  /** For `outside_hours`: the next opening, `inDays` 0 = today in the office's timezone. */
  opensAt: z.object({ inDays: z.number(), time: z.string() }).nullable(),
  waiting: z
    .number()
    .describe(
      "The people a ticket taken now would have ahead of it: waiting tickets call next may take (remote holders not yet arrived are not counted); 0 for a group",
    ),
  /** Someone serves it now (signed in at a window that serves it, not on a break); groups: false. */
  serving: z.boolean(),
  /** How long a ticket taken now would wait; null for a group and while nobody serves the service. */
  estimatedWait: waitEstimateSchema.nullable(),
  /** When a ticket taken now is expected to be called (ISO 8601, the office's offset); null with no estimate. */
  expectedCallAt: z.string().nullable(),
  /**
   * When the service stops taking tickets today (ISO 8601, the office's offset), null without
   * hours. A kiosk warns when `expectedCallAt` is later: the visitor may not be served today.
   */
  closesAt: z.string().nullable(),
});
export type KioskService = z.infer<typeof kioskServiceSchema>;

export const kioskMenuSchema = z.object({
  branch: z.object({
    name: z.string(),
    /** The office's name in other languages ({en: "…"}), where it gave them. */
    nameTranslations: z.partialRecord(z.enum(LANGUAGES), z.string()),
    languages: z.array(z.enum(LANGUAGES)),
    defaultLanguage: z.enum(LANGUAGES),
    ticketText: z.string(),
    /** Clocks and printed times are in the office's timezone, whatever the device's is. */
    timezone: z.string(),
  }),
  device: z
    .object({
      name: z.string(),
      language: z.enum(LANGUAGES).nullable(),
      showCategories: z.boolean(),
      autoPrint: z.boolean(),
      paperWidth: z.union([z.literal(80), z.literal(58)]),
    })
    .nullable(),
  services: z.array(kioskServiceSchema),
  categories: z.array(z.object({ id: idSchema, name: z.string(), translations: translationsSchema })),
  /** Whether the kiosk offers «У меня запись»: a service can be booked, or someone is booked for today. */
  checkIn: z.boolean(),
});
export type KioskMenu = z.infer<typeof kioskMenuSchema>;
