import { deviceConfigSchema, roleAtLeast } from "@dq/shared";
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Kysely } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import { DomainError, forbidden } from "../core/errors.ts";
import { API_TOKEN_PREFIX, DEVICE_TOKEN_PREFIX, hashSecret, SESSION_COOKIE } from "../core/secrets.ts";
import type { DB } from "../db/schema.ts";
import { BranchCache } from "../queue/branch-cache.ts";
import { type Access, ANONYMOUS, type Principal } from "./principal.ts";

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

const SESSION_REFRESH_MS = 5 * 60_000;
// Kiosks and boards send their token with every request; a revocation through another instance
// takes effect within this time, through this one at once.
const TOKEN_CACHE_MS = 5_000;
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface AuthPluginOptions {
  db: Kysely<DB>;
  sessionTtlHours: number;
  allowedOrigins: string[];
}

/**
 * Every /api route declares `config.access`; this plugin refuses to start a route without one and
 * checks it on every request, before the body is even parsed: cross-origin writes, then the
 * principal (cookie or bearer token), then the role, then the branch.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: AuthPluginOptions) => {
  const { db } = opts;
  app.decorate("branches", new BranchCache(db));
  const tokenCache = new Map<string, { principal: Principal; at: number }>();
  app.decorate("forgetTokens", () => tokenCache.clear());
  app.decorateRequest("principal", null as never);
  app.decorateRequest("branch", null as never);

  app.decorate("assertWorksInBranch", async (request: FastifyRequest) => {
    const p = request.principal;
    if (p.kind !== "employee" || p.role === "admin") return;
    if ((await memberBranch(p.id, request.branch.id)) === null)
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
    request.principal = await resolvePrincipal(request).catch((error: unknown) => {
      // A stale token must not lock anyone out of public pages (or of signing in).
      if (access === "public" && error instanceof DomainError && error.status === 401) return ANONYMOUS;
      throw error;
    });
    authorize(request.principal, access);
    request.branch = await resolveBranch(request, access === "public");
  });

  async function resolvePrincipal(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    let bearer = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
    if (!bearer && request.routeOptions.config?.tokenInQuery) {
      const q = (request.query as Record<string, unknown> | undefined)?.token;
      if (typeof q === "string" && q.length > 0) bearer = q;
    }
    if (bearer) return resolveBearer(bearer);
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) return resolveSession(cookie);
    return ANONYMOUS;
  }

  async function resolveBearer(token: string): Promise<Principal> {
    const hash = hashSecret(token);
    const cached = tokenCache.get(hash);
    if (cached && Date.now() - cached.at < TOKEN_CACHE_MS) return cached.principal;
    const principal = await lookupBearer(token, hash);
    if (tokenCache.size > 10_000) tokenCache.clear();
    tokenCache.set(hash, { principal, at: Date.now() });
    return principal;
  }

  async function lookupBearer(token: string, hash: string): Promise<Principal> {
    if (token.startsWith(DEVICE_TOKEN_PREFIX)) {
      const d = await db
        .selectFrom("devices")
        .select(["id", "kind", "branch_id", "name", "config", "last_seen_at"])
        .where("token_hash", "=", hash)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (d) {
        if (!d.last_seen_at || Date.now() - d.last_seen_at.getTime() > 60_000) {
          await db.updateTable("devices").set({ last_seen_at: new Date() }).where("id", "=", d.id).execute();
        }
        return {
          kind: "device",
          id: d.id,
          deviceKind: d.kind,
          branchId: d.branch_id,
          name: d.name,
          config: deviceConfigSchema.catch({}).parse(d.config),
        };
      }
    } else if (token.startsWith(API_TOKEN_PREFIX)) {
      const t = await db
        .selectFrom("api_tokens")
        .select(["id", "role", "branch_id", "name", "last_used_at"])
        .where("token_hash", "=", hash)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (t) {
        if (!t.last_used_at || Date.now() - t.last_used_at.getTime() > 60_000) {
          await db
            .updateTable("api_tokens")
            .set({ last_used_at: new Date() })
            .where("id", "=", t.id)
            .execute();
        }
        return { kind: "token", id: t.id, role: t.role, branchId: t.branch_id, name: t.name };
      }
    }
    throw new DomainError(401, "unauthenticated", "the token is invalid or has been revoked");
  }

  async function resolveSession(cookie: string): Promise<Principal> {
    const now = new Date();
    const s = await db
      .selectFrom("sessions")
      .innerJoin("employees", "employees.id", "sessions.employee_id")
      .select([
        "sessions.id as sessionId",
        "sessions.last_seen_at",
        "employees.id",
        "employees.login",
        "employees.name",
        "employees.role",
      ])
      .where("sessions.token_hash", "=", hashSecret(cookie))
      .where("sessions.expires_at", ">", now)
      .where("employees.active", "=", true)
      .where("employees.deleted_at", "is", null)
      .executeTakeFirst();
    if (!s) return ANONYMOUS;
    if (now.getTime() - s.last_seen_at.getTime() > SESSION_REFRESH_MS) {
      // Sliding expiry: an operator active all day is not signed out mid-shift.
      await db
        .updateTable("sessions")
        .set({ last_seen_at: now, expires_at: new Date(now.getTime() + opts.sessionTtlHours * 3_600_000) })
        .where("id", "=", s.sessionId)
        .execute();
    }
    return { kind: "employee", id: s.id, login: s.login, name: s.name, role: s.role, sessionId: s.sessionId };
  }

  /** The employee's branch: `named` if he works there (null if not), else his first one. */
  async function memberBranch(employeeId: string, named: string | undefined): Promise<string | null> {
    let q = db.selectFrom("employee_branches").select("branch_id").where("employee_id", "=", employeeId);
    if (named) q = q.where("branch_id", "=", named);
    const row = await q.orderBy("branch_id").limit(1).executeTakeFirst();
    return row?.branch_id ?? null;
  }

  async function resolveBranch(request: FastifyRequest, isPublic: boolean): Promise<BranchContext> {
    const p = request.principal;
    const header = request.headers["x-branch-id"];
    const query = (request.query as Record<string, unknown> | undefined)?.branchId;
    const named = typeof header === "string" ? header : typeof query === "string" ? query : undefined;
    if (named !== undefined && !/^[1-9]\d{0,17}$/.test(named)) {
      throw new DomainError(400, "validation_error", "branchId: must be a numeric id string", [
        { field: "branchId", message: "must be a numeric id string" },
      ]);
    }
    const pinned = p.kind === "device" ? p.branchId : p.kind === "token" ? p.branchId : null;
    if (pinned && named && named !== pinned) throw forbidden("this token belongs to another branch");
    // Staff other than admins work only in their branches; without a named one, in their first.
    const member =
      p.kind === "employee" && p.role !== "admin" && !isPublic ? await memberBranch(p.id, named) : undefined;
    if (member === null) throw forbidden("you do not work in this branch");
    const id = pinned ?? member ?? named;
    const branch = id ? await app.branches.get(id) : await app.branches.getDefault();
    if (!branch) {
      if (id) throw new DomainError(404, "not_found", "branch not found");
      throw new DomainError(503, "not_ready", "no branch is configured yet");
    }
    return branch;
  }
});

function authorize(p: Principal, access: Access) {
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
function checkOrigin(request: FastifyRequest, allowedOrigins: string[]) {
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
