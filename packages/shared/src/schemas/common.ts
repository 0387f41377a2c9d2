import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";

/** Database ids are bigints, exchanged as decimal strings. */
export const idSchema = z.string().regex(/^[1-9]\d{0,17}$/, FIELD_ISSUE_MESSAGES.id);
export const idParamsSchema = z.object({ id: idSchema });

export const LANGUAGES = ["ru", "en"] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Names in other languages than the primary one, e.g. `{en: "Buy a ticket"}`. */
export const translationsSchema = z.partialRecord(languageSchema, z.string().trim().min(1).max(200));

export const nameSchema = z.string().trim().min(1, FIELD_ISSUE_MESSAGES.empty).max(200);

/** A calendar date that exists (2026-02-30 does not), as the business days are written. */
export const dateSchema = z.iso.date({ message: FIELD_ISSUE_MESSAGES.date });

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, FIELD_ISSUE_MESSAGES.color);

export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, FIELD_ISSUE_MESSAGES.time);

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const intervalSchema = z
  .object({ from: timeOfDaySchema, to: timeOfDaySchema })
  .refine((i) => i.from < i.to, { message: FIELD_ISSUE_MESSAGES.interval, path: ["to"] });

/** Weekly opening hours; a missing or empty day is closed. `null` means always open. */
export const weekScheduleSchema = z.partialRecord(z.enum(WEEKDAYS), z.array(intervalSchema).max(6));
export type WeekSchedule = z.infer<typeof weekScheduleSchema>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** An `Idempotency-Key` header: 1–200 visible ASCII characters. */
export const idempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, FIELD_ISSUE_MESSAGES.idempotencyKey);
