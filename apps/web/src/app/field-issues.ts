import { type FieldIssueParams, fieldIssueCode, type ZodIssueLike } from "@dq/shared";
import { FIELD_ISSUE_TEXTS } from "./field-issue-texts.ts";
import i18n, { addTranslations } from "./i18n.ts";

const NS = "fieldIssues";
addTranslations(NS, FIELD_ISSUE_TEXTS);

/**
 * A field issue in the UI language, by its code (the server's `details` entry, or the form's own
 * check with the same schema). A code this build does not know yet shows the server's words.
 */
export function issueText(issue: { code: string; message: string; params?: FieldIssueParams }): string {
  if (!i18n.exists(issue.code, { ns: NS })) return issue.message;
  return i18n.t(issue.code, { ns: NS, ...issue.params });
}

/** A zod issue of the form's own validation in the UI language. */
export const zodIssueText = (issue: ZodIssueLike): string =>
  issueText({ ...fieldIssueCode(issue), message: issue.message });
