import { roleAtLeast } from "@dq/shared";
import type { FastifyRequest } from "fastify";
import { DomainError, forbidden } from "../core/errors.ts";
import type { Access, Principal } from "./principal.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Refuses a principal the route's access rule does not let in: 401 for nobody, 403 for others. */
export function authorize(p: Principal, access: Access) {
  if (access === "public") return;
  const allowed =
    (p.kind === "employee" && access.role !== undefined && roleAtLeast(p.role, access.role)) ||
    (p.kind === "token" &&
      access.role !== undefined &&
      !access.employeeOnly &&
      roleAtLeast(p.role, access.role)) ||
    (p.kind === "device" && (access.devices ?? []).includes(p.deviceKind));
  if (allowed) return;
  if (p.kind === "anonymous") throw new DomainError(401, "unauthenticated", "sign in first");
  throw forbidden();
}

/** State-changing requests from another origin, or marked cross-site, are refused (403). */
export function checkOrigin(request: FastifyRequest, allowedOrigins: string[]) {
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers["sec-fetch-site"] === "cross-site") {
    throw new DomainError(403, "cross_origin_forbidden", "cross-site requests are not allowed");
  }
  const origin = request.headers.origin;
  if (!origin) return;
  const own = `${request.protocol}://${request.host}`;
  if (origin !== own && !allowedOrigins.includes(origin)) {
    throw new DomainError(403, "cross_origin_forbidden", `requests from ${origin} are not allowed`);
  }
}
