import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FieldIssue } from "@dq/shared";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { DomainError, databaseUnavailable, validationError, zodFieldIssue } from "../core/errors.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { fieldName, findUnstorableText } from "./text-guard.ts";

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
  // Normally stopped earlier by the text guard and the schemas; kept as a safety net.
  "22021": [400, "validation_error", "a text contains a character that cannot be stored"],
  "22P05": [400, "validation_error", "a text contains a character that cannot be stored"],
  "22008": [400, "validation_error", "a date or time is out of range"],
  "22007": [400, "validation_error", "a date or time has the wrong format"],
};

// Fastify's own body errors: the field is the body (or its content type) itself.
const BODY_ERRORS: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "validation_error", "body"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "validation_error", "body"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "validation_error", "content-length"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "unsupported_media_type", "content-type"],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "payload_too_large", "body"],
};

const UNIQUE_FIELDS: Record<string, string> = {
  services_prefix_unique: "prefix",
  employees_login_unique: "login",
  workstations_number_unique: "number",
};

// Rules the database itself guarantees; when two requests race past the checks in the code (a
// double click), the constraint stops the second and it gets the same answer the check gives.
const CONSTRAINT_CONFLICTS: Record<string, [string, string]> = {
  tickets_one_active_per_employee: ["operator_busy", "you already hold a ticket: finish or return it first"],
  operator_states_workstation_unique: [
    "workstation_taken",
    "this workstation has just been taken by someone else",
  ],
};

function isPgError(error: unknown): error is PgError {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as PgError).code === "string" &&
    /^[0-9A-Z]{5}$/.test((error as PgError).code)
  );
}

/** The code for a framework's or Node's own 4xx, named after its status. */
const CODE_BY_STATUS: Record<number, string> = {
  400: "bad_request",
  404: "not_found",
  405: "method_not_allowed",
  408: "request_timeout",
  413: "payload_too_large",
  414: "uri_too_long",
  415: "unsupported_media_type",
  429: "rate_limited",
  431: "headers_too_large",
};

export const codeForStatus = (status: number) => CODE_BY_STATUS[status] ?? "bad_request";

function sendDomainError(reply: FastifyReply, error: DomainError) {
  // A client told to wait is told how long, in the header every HTTP client understands.
  const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof retryAfter === "number") reply.header("retry-after", String(Math.max(1, Math.ceil(retryAfter))));
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  });
}

export function registerErrorHandling(app: FastifyInstance) {
  // An empty body sent with `Content-Type: application/json` means "no body" (some HTTP clients
  // always send the header); anything else goes to Fastify's JSON parser with its
  // prototype-poisoning protection.
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (body === "") return done(null, undefined);
    return parseJson(request, body as string, done);
  });

  // Before the schemas: text that PostgreSQL cannot store is a 400 naming the field. Only the
  // parts a route reads (declares a schema for) are checked: the rest is ignored anyway.
  app.addHook("preValidation", async (request) => {
    const schema = request.routeOptions.schema ?? {};
    const issues = [
      ...(schema.params ? findUnstorableText(request.params, "params") : []),
      ...(schema.querystring ? findUnstorableText(request.query, "query") : []),
      ...(schema.body ? findUnstorableText(request.body, "body") : []),
    ];
    if (issues.length > 0) {
      throw validationError(issues);
    }
  });

  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    if (error instanceof DomainError) return sendDomainError(reply, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details: FieldIssue[] = error.validation.map((v) =>
        zodFieldIssue(
          fieldName(
            // Fastify says "querystring"; the field names say "query" (`query.day`).
            (error.validationContext === "querystring" ? "query" : error.validationContext) as "body",
            String(v.instancePath).split("/").filter(Boolean),
          ),
          { ...v.params, code: v.keyword, message: v.message ?? "is invalid" },
        ),
      );
      return sendDomainError(reply, validationError(details));
    }
    if (
      isPgError(error) &&
      error.code === "23505" &&
      error.constraint &&
      CONSTRAINT_CONFLICTS[error.constraint]
    ) {
      const [code, message] = CONSTRAINT_CONFLICTS[error.constraint]!;
      return reply.status(409).send({ error: { code, message } });
    }
    if (isPgError(error) && PG_INPUT_ERRORS[error.code]) {
      const [status, code, message] = PG_INPUT_ERRORS[error.code]!;
      const field = error.constraint ? UNIQUE_FIELDS[error.constraint] : undefined;
      const details: FieldIssue[] | undefined = field ? [{ field, code: "taken", message }] : undefined;
      return reply.status(status).send({
        error: { code, message: field ? `${field}: ${message}` : message, ...(details ? { details } : {}) },
      });
    }
    const fastifyCode = (error as FastifyError).code;
    if (fastifyCode && BODY_ERRORS[fastifyCode]) {
      const [status, code, field] = BODY_ERRORS[fastifyCode]!;
      const message = `${field}: ${error.message}`;
      return reply
        .status(status)
        .send({ error: { code, message, details: [{ field, code: "malformed", message: error.message }] } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, "database unavailable");
      return sendDomainError(reply, databaseUnavailable());
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: codeForStatus(status), message: error.message } });
    }
    request.log.error({ err: error }, "unhandled error");
    return reply.status(500).send({ error: { code: "internal_error", message: "internal server error" } });
  });

  app.setNotFoundHandler((request, reply) => sendNoRoute(reply, request.method, request.url));
}

/**
 * No route for this URL: 404 — or 414 when a path segment is longer than any parameter may be,
 * whether the router noticed (no catch-all route) or the web app's catch-all took the URL first.
 */
export function sendNoRoute(reply: FastifyReply, method: string, url: string) {
  const path = url.split("?")[0]!;
  if (path.split("/").some((segment) => segment.length > MAX_PARAM_LENGTH)) {
    return reply.status(414).send({
      error: {
        code: codeForStatus(414),
        message: `a path segment is longer than ${MAX_PARAM_LENGTH} characters`,
      },
    });
  }
  return reply.status(404).send({ error: { code: "not_found", message: `no route ${method} ${path}` } });
}

const MAX_PARAM_LENGTH = 100;

/**
 * Fastify's router refuses some URLs before any route or hook runs: a malformed one (a broken
 * percent-escape) and a path parameter longer than `maxParamLength`. They get the one error shape
 * too, with a status that says what happened.
 */
export const routerOptions = {
  maxParamLength: MAX_PARAM_LENGTH,
} as const;

export function frameworkErrors(error: FastifyError, _request: unknown, reply: FastifyReply) {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    return reply.status(414).send({
      error: {
        code: codeForStatus(414),
        message: `a path segment is longer than ${MAX_PARAM_LENGTH} characters`,
      },
    });
  }
  if (error.code === "FST_ERR_BAD_URL") {
    return reply
      .status(400)
      .send({ error: { code: codeForStatus(400), message: "the URL is malformed (a broken %-escape?)" } });
  }
  return reply.status(500).send({ error: { code: "internal_error", message: "internal server error" } });
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers too large, a request that
 * took too long to arrive, bytes that are not HTTP): answered in the one error shape, then the
 * connection is closed, as Node does.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex) {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, message] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "the request did not arrive in time"]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "the request line and headers are larger than 16 KB (a query string that long?)"]
        : [400, "the request is not valid HTTP"];
  const body = JSON.stringify({ error: { code: codeForStatus(status), message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
