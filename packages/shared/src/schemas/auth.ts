import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { ROLES } from "../roles.ts";
import { idSchema } from "./common.ts";

export const loginRequestSchema = z.object({
  login: z.string().trim().min(1, FIELD_ISSUE_MESSAGES.empty).max(100),
  password: z.string().min(1, FIELD_ISSUE_MESSAGES.empty).max(200),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const userSchema = z.object({
  id: idSchema,
  login: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
});
export type User = z.infer<typeof userSchema>;

export const userResponseSchema = z.object({ user: userSchema });
export type UserResponse = z.infer<typeof userResponseSchema>;
