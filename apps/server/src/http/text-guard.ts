import { type FieldIssue, fieldIssueMessage } from "@dq/shared";

type UnstorableCode = "nulCharacter" | "loneSurrogate";

/**
 * Strings PostgreSQL cannot store: a NUL character, or a lone UTF-16 surrogate (half of an emoji
 * cut in two). Zod lets both through, so without this check they would reach the database and
 * fail there as a 500 that names nothing.
 */
function unstorable(value: string): UnstorableCode | null {
  if (value.includes("\u0000")) return "nulCharacter";
  if (!value.isWellFormed()) return "loneSurrogate";
  return null;
}

const KEY_CODES = { nulCharacter: "keyNulCharacter", loneSurrogate: "keyLoneSurrogate" } as const;

const issue = (field: string, code: UnstorableCode | (typeof KEY_CODES)[UnstorableCode]): FieldIssue => ({
  field,
  code,
  message: fieldIssueMessage(code),
});

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
      if (problem) issues.push(issue(fieldName(part, path), problem));
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) stack.push({ value: item, path: [...path, String(i)] });
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) {
        const problem = unstorable(key);
        if (problem) issues.push(issue(fieldName(part, path), KEY_CODES[problem]));
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
