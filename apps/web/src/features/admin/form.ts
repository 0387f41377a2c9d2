import type { z } from "zod";

/**
 * Mantine form validation from the same zod schema the server validates with: each issue becomes
 * the error of its field (`competencies.0.rank` style paths, as Mantine names nested fields).
 * `translate` turns zod's English messages into the UI language where it knows them.
 */
export function zodValidate<T>(schema: z.ZodType<T>, translate: (message: string) => string = (m) => m) {
  return (values: unknown): Record<string, string> => {
    const result = schema.safeParse(values);
    if (result.success) return {};
    const errors: Record<string, string> = {};
    for (const issue of result.error.issues) {
      const key = issue.path.join(".");
      errors[key] ??= translate(issue.message);
    }
    return errors;
  };
}
