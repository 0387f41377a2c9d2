import type { FieldIssue } from "@dq/shared";

/**
 * Strings PostgreSQL cannot store: a NUL character, or a lone UTF-16 surrogate (half of an emoji
 * cut in two). Zod lets both through, so without this check they would reach the database and
 * fail there as a 500 that names nothing.
 */
function unstorable(value: string): string | null {
  if (value.includes("\u0000")) return "must not contain the NUL character (\\u0000)";
  if (!value.isWellFormed()) return "must be valid Unicode text (it contains a lone surrogate)";
  return null;
}

/**
 * Finds every unstorable string in a request part, walking iteratively (a deeply nested body must
 * not overflow the stack). Keys are checked too: they become jsonb keys.
 */
export function findUnstorableText(root: unknown, part: "body" | "query" | "params"): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0 && issues.length < 20) {
    const { value, path } = stack.pop()!;
    if (typeof value === "string") {
      const problem = unstorable(value);
      if (problem) issues.push({ field: fieldName(part, path), message: problem });
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) stack.push({ value: item, path: [...path, String(i)] });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const problem = unstorable(key);
        if (problem) issues.push({ field: fieldName(part, path), message: `a key ${problem}` });
        else stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return issues;
}

/** Body fields are named bare (`serviceId`), as forms know them; others by their part (`query.day`). */
export function fieldName(part: "body" | "query" | "params" | "headers", path: string[]): string {
  if (part === "body") return path.length > 0 ? path.join(".") : "body";
  return [part, ...path].join(".");
}
