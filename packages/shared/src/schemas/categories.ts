import { z } from "zod";
import { idSchema, nameSchema, translationsSchema } from "./common.ts";

export const categoryCreateSchema = z.object({
  name: nameSchema,
  translations: translationsSchema.default({}),
  /** Higher is called first; 0 is an ordinary client. */
  priority: z.number().int().min(0).max(100),
  sortOrder: z.number().int().min(-100000).max(100000).default(0),
  active: z.boolean().default(true),
});
export const categoryPatchSchema = z
  .object({
    name: nameSchema,
    translations: translationsSchema,
    priority: z.number().int().min(0).max(100),
    sortOrder: z.number().int().min(-100000).max(100000),
    active: z.boolean(),
  })
  .partial();
export const categorySchema = z.object({
  id: idSchema,
  name: z.string(),
  translations: translationsSchema,
  priority: z.number(),
  sortOrder: z.number(),
  active: z.boolean(),
});
export type Category = z.infer<typeof categorySchema>;

export const pauseReasonCreateSchema = z.object({
  name: nameSchema,
  translations: translationsSchema.default({}),
  active: z.boolean().default(true),
});
export const pauseReasonPatchSchema = z
  .object({ name: nameSchema, translations: translationsSchema, active: z.boolean() })
  .partial();
export const pauseReasonSchema = z.object({
  id: idSchema,
  name: z.string(),
  translations: translationsSchema,
  active: z.boolean(),
});
export type PauseReason = z.infer<typeof pauseReasonSchema>;
