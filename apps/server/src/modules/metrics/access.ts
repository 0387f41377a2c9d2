import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { DomainError, forbidden } from "../../core/errors.ts";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function isLoopback(ip: string): boolean {
  return ip === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);
}

/**
 * Who may read /metrics (not an /api route, so the auth plugin leaves it alone; this is its rule):
 * - with `DQ_METRICS_TOKEN` set, whoever sends `Authorization: Bearer <that token>`, compared in
 *   constant time (both sides hashed first, so the length does not show either);
 * - without it, loopback clients only: Prometheus (or curl) on the same host. `request.ip` follows
 *   `DQ_TRUST_PROXY`, so a client behind a trusted proxy is judged by its own address; a request
 *   that a proxy on this host forwarded without being trusted (it carries X-Forwarded-For or
 *   Forwarded) is someone else's and is refused too.
 */
export function metricsAccess(token: string | undefined, trustsProxies: boolean) {
  const expected = token === undefined ? null : digest(token);
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (expected) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
      if (match && timingSafeEqual(digest(match[1]!), expected)) return;
      reply.header("www-authenticate", 'Bearer realm="metrics"');
      throw new DomainError(401, "unauthenticated", "metrics need Authorization: Bearer <DQ_METRICS_TOKEN>");
    }
    const forwarded = !trustsProxies && (request.headers["x-forwarded-for"] || request.headers.forwarded);
    if (!isLoopback(request.ip) || forwarded) {
      throw forbidden(
        "metrics are served to loopback clients only; set DQ_METRICS_TOKEN to scrape from elsewhere",
      );
    }
  };
}
