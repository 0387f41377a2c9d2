import {
  type FieldIssue,
  type FieldIssueParams,
  type FieldIssueTableCode,
  fieldIssueCode,
  fieldIssueMessage,
  type ZodIssueLike,
} from "@dq/shared";

/** A failure the client caused or must know about; rendered as the one error shape (README, "Architecture"). */
export class DomainError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string) => new DomainError(404, "not_found", `${what} not found`);

/** A 400 listing the offending fields: `message` sums them up, `details` names each. */
export const validationError = (details: FieldIssue[]) =>
  new DomainError(
    400,
    "validation_error",
    details.map((d) => `${d.field}: ${d.message}`).join("; "),
    details,
  );

/** A 400 that names the offending field and why (a code of packages/shared's field-issues table). */
export const invalidField = (field: string, code: FieldIssueTableCode, params?: FieldIssueParams) =>
  validationError([{ field, code, message: fieldIssueMessage(code, params), ...(params ? { params } : {}) }]);

/** One zod issue as a field issue of the API: the field, the code screens translate, zod's words. */
export const zodFieldIssue = (field: string, issue: ZodIssueLike): FieldIssue => ({
  field,
  ...fieldIssueCode(issue),
  message: issue.message,
});

export const forbidden = (message = "you are not allowed to do this") =>
  new DomainError(403, "forbidden", message);

export const conflict = (code: string, message: string, details?: unknown) =>
  new DomainError(409, code, message, details);

export const unprocessable = (code: string, message: string, details?: unknown) =>
  new DomainError(422, code, message, details);

/** Seconds a client is asked to wait (Retry-After) while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** The database cannot be reached (a restart, a failover): the request may simply be tried again. */
export const databaseUnavailable = () =>
  new DomainError(503, "database_unavailable", "the database is not reachable; try again in a few seconds", {
    retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
  });
