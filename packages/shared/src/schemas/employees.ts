import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { ROLES } from "../roles.ts";
import { idSchema, nameSchema } from "./common.ts";

export const passwordSchema = z.string().min(8, FIELD_ISSUE_MESSAGES.password).max(200);
export const loginSchema = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9._@-]{2,64}$/, FIELD_ISSUE_MESSAGES.login);

export const competencySchema = z.object({
  serviceId: idSchema,
  /** 1 is served first; 2 only when rank-1 queues are empty; and so on. */
  rank: z.number().int().min(1).max(9),
});
export type Competency = z.infer<typeof competencySchema>;

export const employeeCreateSchema = z.object({
  login: loginSchema,
  name: nameSchema,
  role: z.enum(ROLES),
  password: passwordSchema,
  serviceIds: z.array(idSchema).max(500).optional(),
  competencies: z.array(competencySchema).max(500).optional(),
  active: z.boolean().default(true),
});
export const employeePatchSchema = z
  .object({
    login: loginSchema,
    name: nameSchema,
    role: z.enum(ROLES),
    password: passwordSchema,
    serviceIds: z.array(idSchema).max(500),
    competencies: z.array(competencySchema).max(500),
    active: z.boolean(),
  })
  .partial();
export const employeeSchema = z.object({
  id: idSchema,
  login: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  active: z.boolean(),
  competencies: z.array(competencySchema),
  createdAt: z.string(),
  /** Until when sign-in is refused after too many wrong passwords (ISO time); null when it is not. */
  signInLockedUntil: z.string().nullable(),
});
export type Employee = z.infer<typeof employeeSchema>;
