import type { FastifyBaseLogger } from "fastify";

/**
 * Whether an error means "the database cannot be reached right now" (a restart, a failover, a
 * network cut, a pool that cannot get a connection) rather than "this query is wrong". Requests
 * that fail this way answer 503 `database_unavailable` and may simply be tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return check(error, 0);
}

// SQLSTATE class 08 (connection exception); 57P01–57P03: the server is shutting down, crashed or
// is starting up; 53300: it has no connection slot left.
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

// Socket and DNS failures on the way to the server.
const UNAVAILABLE_SYSTEM_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EHOSTDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

// node-postgres reports a lost connection or a pool that cannot connect without a code.
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^Query read timeout$/,
];

function check(error: unknown, depth: number): boolean {
  if (depth > 4 || typeof error !== "object" || error === null) return false;
  const { code, message, cause, errors } = error as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === "string" && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SYSTEM_CODES.has(code))) {
    return true;
  }
  if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => m.test(message))) return true;
  // Node reports a connection refused on every address of a host as an AggregateError.
  if (Array.isArray(errors) && errors.some((e) => check(e, depth + 1))) return true;
  return check(cause, depth + 1);
}

/**
 * A background job's failure: while the database is away that is expected and the job simply runs
 * again next time (a warning, without the stack); anything else is a bug worth an error.
 */
export function logJobFailure(log: FastifyBaseLogger, error: unknown, what: string) {
  if (isDatabaseUnavailable(error))
    log.warn({ reason: (error as Error).message }, `${what}: database unavailable`);
  else log.error({ err: error }, what);
}
