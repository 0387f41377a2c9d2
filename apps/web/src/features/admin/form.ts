import type { z } from "zod";
import { zodIssueText } from "../../app/field-issues.ts";

/**
 * Mantine form validation from the same zod schema the server validates with: each issue becomes
 * the error of its field (`competencies.0.rank` style paths, as Mantine names nested fields), in
 * the UI language by its field issue code, as the server's own answers are.
 */
export function zodValidate<T>(schema: z.ZodType<T>) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join(".");
      errors[key] ??= zodIssueText(issue);
    }
    return errors;
  };
}
