import type { FieldIssue } from "@dq/shared";
import type { z } from "zod";
import { connectivity } from "./connection.ts";

/** The code of an answer without the server's JSON error body (a proxy's own page, say). */
const NO_ERROR_BODY = "unknown";

/**
 * A failed API call: the server's `{error: {code, message, details}}`, `network` when the server
 * could not be reached at all, or `unknown` for an answer without that body.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** The server's Retry-After, in seconds, when it said when to try again. */
  readonly retryAfterSeconds: number | null;
  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    retryAfterSeconds?: number | null,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds ?? null;
  }
  /** Field issues of a 400 (code, words, params), keyed by field name (body fields are named bare), for forms. */
  get fieldErrors(): Record<string, FieldIssue> {
    const out: Record<string, FieldIssue> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as FieldIssue[]) out[d.field] = d;
    }
    return out;
  }
}

/** Answers of a reverse proxy while the app behind it restarts or does not answer in time. */
const PROXY_UNAVAILABLE = new Set([502, 503, 504]);

/**
 * True when the server or its database is only temporarily out of reach, so the same request may
 * simply be tried again in a few seconds: no connection at all, the app's 503 `database_unavailable`,
 * or a proxy's 502/503/504 without the app's error body. Screens say "reconnecting" then, not "error".
 */
export function isServerUnreachable(error: unknown): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 0) return true;
  if (error.status === 503 && error.code === "database_unavailable") return true;
  return PROXY_UNAVAILABLE.has(error.status) && error.code === NO_ERROR_BODY;
}

/** A Retry-After header in seconds: a number of seconds or an HTTP date (RFC 9110); null if absent or bad. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return Number(text);
  // HTTP dates are always in GMT; anything else (a negative or fractional number) is not understood.
  const at = text.endsWith("GMT") ? Date.parse(text) : Number.NaN;
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

async function request<T>(
  method: Method,
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  // Every answer tells the screens whether the server is reachable (see connection.ts).
  const request = connectivity.requestStarted();
  const fail = (error: ApiError) => {
    connectivity.requestAnswered(request, !isServerUnreachable(error));
    return error;
  };
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw fail(new ApiError(0, "network", "network error"));
  }
  if (res.status === 204) {
    connectivity.requestAnswered(request, true);
    return undefined as T;
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const retryAfter = parseRetryAfter(res.headers.get("retry-after"));
    throw fail(
      new ApiError(
        res.status,
        e?.code ?? NO_ERROR_BODY,
        e?.message ?? res.statusText,
        e?.details,
        retryAfter,
      ),
    );
  }
  connectivity.requestAnswered(request, true);
  return schema ? schema.parse(json) : (json as T);
}

/**
 * The typed API client: every response is checked against the shared zod schema. Staff use the
 * session cookie; a device passes its token (`api.as(token)`), and may add headers to a write
 * (an Idempotency-Key).
 */
function client(auth: Record<string, string>) {
  return {
    get: <T>(path: string, schema: z.ZodType<T>) => request("GET", path, schema, undefined, auth),
    post: <T>(
      path: string,
      body: unknown,
      schema: z.ZodType<T> | null = null,
      headers: Record<string, string> = {},
    ) => request("POST", path, schema, body, { ...auth, ...headers }),
    patch: <T>(path: string, body: unknown, schema: z.ZodType<T>) =>
      request("PATCH", path, schema, body, auth),
    delete: (path: string) => request<void>("DELETE", path, null, undefined, auth),
  };
}

export const api = {
  ...client({}),
  /** The same client authenticated with a device token (or the session, when there is none). */
  as: (token: string | null) => client(token ? { authorization: `Bearer ${token}` } : {}),
};
