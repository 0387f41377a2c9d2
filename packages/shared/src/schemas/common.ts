import { z } from "zod";

/** Database ids are bigints, exchanged as decimal strings. */
export const idSchema = z.string().regex(/^[1-9]\d{0,17}$/, "must be a numeric id string");
export const idParamsSchema = z.object({ id: idSchema });

export const LANGUAGES = ["ru", "en"] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** Names in other languages than the primary one, e.g. `{en: "Buy a ticket"}`. */
export const translationsSchema = z.partialRecord(languageSchema, z.string().trim().min(1).max(200));

export const nameSchema = z.string().trim().min(1, "must not be empty").max(200);

/** A calendar date that exists (2026-02-30 does not), as the business days are written. */
export const dateSchema = z.iso.date({ message: "must be a date YYYY-MM-DD" });

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #1e88e5");

export const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "must be a time HH:MM between 00:00 and 24:00");

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const intervalSchema = z
  .object({ from: timeOfDaySchema, to: timeOfDaySchema })
  .refine((i) => i.from < i.to, { message: "`from` must be before `to`", path: ["to"] });

/** Weekly opening hours; a missing or empty day is closed. `null` means always open. */
export const weekScheduleSchema = z.partialRecord(z.enum(WEEKDAYS), z.array(intervalSchema).max(6));
export type WeekSchedule = z.infer<typeof weekScheduleSchema>;

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
