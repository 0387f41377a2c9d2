import { z } from "zod";
import { FIELD_ISSUE_CODES } from "./field-issues.ts";

/** Every error the API returns has this shape. `code` is stable; `message` is for people. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** One entry of `details` for 400 validation errors: which field, why (a code screens translate), in words. */
export const fieldIssueSchema = z.object({
  field: z.string(),
  code: z.enum(FIELD_ISSUE_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;
