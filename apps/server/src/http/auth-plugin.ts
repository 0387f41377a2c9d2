import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import { DomainError, forbidden } from "../core/errors.ts";
import type { DB } from "../db/schema.ts";
import { BranchCache } from "../queue/branch-cache.ts";
import { BranchResolver } from "./branch-resolver.ts";
import { type Access, ANONYMOUS, type Principal } from "./principal.ts";
import { PrincipalResolver } from "./principal-resolver.ts";
import { authorize, checkOrigin } from "./request-checks.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    /** EventSource cannot send headers: these GET routes also accept `?token=`. */
    tokenInQuery?: boolean;
  }
  interface FastifyRequest {
    principal: Principal;
    /** The branch this request acts in; resolved before the handler runs. */
    branch: BranchContext;
  }
  interface FastifyInstance {
    branches: BranchCache;
    /** Forget cached bearer tokens at once (after a revocation). */
    forgetTokens(): void;
    /**
     * For public routes that show staff data to staff (the staff event channel): refuses a
     * non-admin employee who does not work in the request's branch, as staff routes do.
     */
    assertWorksInBranch(request: FastifyRequest): Promise<void>;
  }
}

export interface AuthPluginOptions {
  db: Kysely<DB>;
  sessionTtlHours: number;
  allowedOrigins: string[];
}

/**
 * Every /api route declares `config.access`; this plugin refuses to start a route without one and
 * checks it on every request, before the body is even parsed: cross-origin writes, then the
 * principal (cookie or bearer token, `principal-resolver.ts`), then the role, then the branch
 * (`branch-resolver.ts`).
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthPluginOptions) => {
  const principals = new PrincipalResolver(opts.db, opts.sessionTtlHours);
  app.decorate("branches", new BranchCache(opts.db));
  const branches = new BranchResolver(opts.db, app.branches);
  app.decorate("forgetTokens", () => principals.forgetTokens());
  app.decorateRequest("principal", null as never);
  app.decorateRequest("branch", null as never);

  app.decorate("assertWorksInBranch", async (request: FastifyRequest) => {
    const p = request.principal;
    if (p.kind !== "employee" || p.role === "admin") return;
    if ((await branches.memberBranch(p.id, request.branch.id)) === null)
      throw forbidden("you do not work in this branch");
  });

  app.addHook("onRoute", (route) => {
    if (route.url.startsWith("/api/v1") && !route.config?.access) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
  });

  app.addHook("onRequest", async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    checkOrigin(request, opts.allowedOrigins);
    request.principal = await principals.resolve(request).catch((error: unknown) => {
      // A stale token must not lock anyone out of public pages (or of signing in).
      if (access === "public" && error instanceof DomainError && error.status === 401) return ANONYMOUS;
      throw error;
    });
    authorize(request.principal, access);
    request.branch = await branches.resolve(request, access === "public");
  });
});
