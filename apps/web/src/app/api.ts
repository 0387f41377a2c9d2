import type { FieldIssue } from "@dq/shared";
import type { z } from "zod";

/** A failed API call: the server's `{error: {code, message, details}}`, or `network` when unreachable. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
  /** Field errors of a 400, keyed by field name (body fields are named bare), for forms. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    if (Array.isArray(this.details)) {
      for (const d of this.details as FieldIssue[]) out[d.field] = d.message;
    }
    return out;
  }
}

type Method = "GET" | "POST" | "PATCH" | "DELETE";

async function request<T>(
  method: Method,
  path: string,
  schema: z.ZodType<T> | null,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "network error");
  }
  if (res.status === 204) return undefined as T;
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (json as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? "unknown", e?.message ?? res.statusText, e?.details);
  }
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
