import type { FieldIssue } from "@dq/shared";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError } from "./errors.ts";

interface PgError {
  code: string;
  constraint?: string;
  detail?: string;
}

// PostgreSQL errors that input can cause; everything else is our bug and a 500.
const PG_INPUT_ERRORS: Record<string, [number, string, string]> = {
  "23505": [409, "conflict", "this value is already used"],
  "23503": [400, "invalid_reference", "a referenced object does not exist"],
  "23514": [400, "validation_error", "a value is out of the allowed range"],
  "22P02": [400, "validation_error", "a value has the wrong format"],
  "22003": [400, "validation_error", "a number is out of range"],
  "22001": [400, "validation_error", "a value is too long"],
};

const UNIQUE_FIELDS: Record<string, string> = {
  services_prefix_unique: "prefix",
  employees_login_unique: "login",
  workstations_number_unique: "number",
};

function isPgError(error: unknown): error is PgError {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as PgError).code === "string" &&
    /^[0-9A-Z]{5}$/.test((error as PgError).code)
  );
}

export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) {
      return reply.status(error.status).send({
        error: {
          code: error.code,
          message: error.message,
          ...(error.details === undefined ? {} : { details: error.details }),
        },
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: FieldIssue[] = error.validation.map((v) => ({
        field: [error.validationContext, ...String(v.instancePath).split("/").filter(Boolean)].join("."),
        message: v.message ?? "is invalid",
      }));
      const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
      return reply.status(400).send({ error: { code: "validation_error", message: summary, details } });
    }
    if (isPgError(error) && PG_INPUT_ERRORS[error.code]) {
      const [status, code, message] = PG_INPUT_ERRORS[error.code]!;
      const field = error.constraint ? UNIQUE_FIELDS[error.constraint] : undefined;
      const details = field ? [{ field, message }] : undefined;
      return reply.status(status).send({
        error: { code, message: field ? `${field}: ${message}` : message, ...(details ? { details } : {}) },
      });
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code = status === 429 ? "rate_limited" : status === 413 ? "payload_too_large" : "bad_request";
      return reply.status(status).send({ error: { code, message: error.message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "internal_error", message: "internal server error" } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({
      error: { code: "not_found", message: `no route ${request.method} ${request.url.split("?")[0]}` },
    });
  });
}
