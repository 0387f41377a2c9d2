import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { idSchema, nameSchema } from "./common.ts";

export const workstationNumberSchema = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-zА-Яа-яЁё-]{1,8}$/u, FIELD_ISSUE_MESSAGES.workstationNumber);

export const workstationCreateSchema = z.object({
  name: nameSchema,
  number: workstationNumberSchema,
  /** How the voice announces it, e.g. «окно номер три»; defaults to the number. */
  spokenName: z.string().trim().max(200).default(""),
  serviceIds: z.array(idSchema).max(500).default([]),
  active: z.boolean().default(true),
});
export type WorkstationCreate = z.infer<typeof workstationCreateSchema>;
export const workstationPatchSchema = z
  .object({
    name: nameSchema,
    number: workstationNumberSchema,
    spokenName: z.string().trim().max(200),
    serviceIds: z.array(idSchema).max(500),
    active: z.boolean(),
  })
  .partial();
export type WorkstationPatch = z.infer<typeof workstationPatchSchema>;
export const workstationSchema = z.object({
  id: idSchema,
  name: z.string(),
  number: z.string(),
  spokenName: z.string(),
  serviceIds: z.array(idSchema),
  active: z.boolean(),
  /** Who works there now, if anyone. */
  operator: z.object({ id: idSchema, name: z.string() }).nullable(),
});
export type Workstation = z.infer<typeof workstationSchema>;
