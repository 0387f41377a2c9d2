import { idempotencyKeySchema } from "@dq/shared";
import type { FastifyRequest } from "fastify";
import { validationError, zodFieldIssue } from "../core/errors.ts";

/** The request's `Idempotency-Key` header, checked (400 naming the header when malformed); null without one. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const raw = request.headers["idempotency-key"];
  if (typeof raw !== "string") return null;
  const parsed = idempotencyKeySchema.safeParse(raw);
  if (!parsed.success)
    throw validationError([zodFieldIssue("headers.idempotency-key", parsed.error.issues[0]!)]);
  return parsed.data;
}
