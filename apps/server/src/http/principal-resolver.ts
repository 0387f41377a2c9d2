import { deviceConfigSchema } from "@dq/shared";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { DomainError } from "../core/errors.ts";
import { API_TOKEN_PREFIX, DEVICE_TOKEN_PREFIX, hashSecret, SESSION_COOKIE } from "../core/secrets.ts";
import type { DB } from "../db/schema.ts";
import { ANONYMOUS, type Principal } from "./principal.ts";

const SESSION_REFRESH_MS = 5 * 60_000;
// Kiosks and boards send their token with every request; a revocation through another instance
// takes effect within this time, through this one at once.
const TOKEN_CACHE_MS = 5_000;
/** A device's or a token's "last seen" is written at most this often. */
const LAST_SEEN_EVERY_MS = 60_000;

const invalidToken = () =>
  new DomainError(401, "unauthenticated", "the token is invalid or has been revoked");

/**
 * Who sends a request: a device or an API token (a bearer token, briefly cached), a signed-in
 * employee (the session cookie), or nobody. Sessions and tokens run on real time, not the clock.
 */
export class PrincipalResolver {
  readonly #db: Kysely<DB>;
  readonly #sessionTtlHours: number;
  readonly #tokenCache = new Map<string, { principal: Principal; at: number }>();

  constructor(db: Kysely<DB>, sessionTtlHours: number) {
    this.#db = db;
    this.#sessionTtlHours = sessionTtlHours;
  }

  /** Forget cached bearer tokens at once (after a revocation). */
  forgetTokens(): void {
    this.#tokenCache.clear();
  }

  async resolve(request: FastifyRequest): Promise<Principal> {
    const bearer = bearerOf(request);
    if (bearer) return this.#resolveBearer(bearer);
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) return this.#resolveSession(cookie);
    return ANONYMOUS;
  }

  async #resolveBearer(token: string): Promise<Principal> {
    const hash = hashSecret(token);
    const cached = this.#tokenCache.get(hash);
    if (cached && Date.now() - cached.at < TOKEN_CACHE_MS) return cached.principal;
    const principal = token.startsWith(DEVICE_TOKEN_PREFIX)
      ? await this.#lookupDevice(hash)
      : token.startsWith(API_TOKEN_PREFIX)
        ? await this.#lookupApiToken(hash)
        : undefined;
    if (!principal) throw invalidToken();
    if (this.#tokenCache.size > 10_000) this.#tokenCache.clear();
    this.#tokenCache.set(hash, { principal, at: Date.now() });
    return principal;
  }

  async #lookupDevice(hash: string): Promise<Principal | undefined> {
    const d = await this.#db
      .selectFrom("devices")
      .select(["id", "kind", "branch_id", "name", "config", "last_seen_at"])
      .where("token_hash", "=", hash)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!d) return undefined;
    if (isStale(d.last_seen_at)) {
      await this.#db
        .updateTable("devices")
        .set({ last_seen_at: new Date() })
        .where("id", "=", d.id)
        .execute();
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

  async #lookupApiToken(hash: string): Promise<Principal | undefined> {
    const t = await this.#db
      .selectFrom("api_tokens")
      .select(["id", "role", "branch_id", "name", "last_used_at"])
      .where("token_hash", "=", hash)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (!t) return undefined;
    if (isStale(t.last_used_at)) {
      await this.#db
        .updateTable("api_tokens")
        .set({ last_used_at: new Date() })
        .where("id", "=", t.id)
        .execute();
    }
    return { kind: "token", id: t.id, role: t.role, branchId: t.branch_id, name: t.name };
  }

  async #resolveSession(cookie: string): Promise<Principal> {
    const now = new Date();
    const s = await this.#db
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
      await this.#db
        .updateTable("sessions")
        .set({ last_seen_at: now, expires_at: new Date(now.getTime() + this.#sessionTtlHours * 3_600_000) })
        .where("id", "=", s.sessionId)
        .execute();
    }
    return { kind: "employee", id: s.id, login: s.login, name: s.name, role: s.role, sessionId: s.sessionId };
  }
}

/** The bearer token: the Authorization header, or `?token=` on routes that allow it (EventSource). */
function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const bearer = header?.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
  if (bearer || !request.routeOptions.config?.tokenInQuery) return bearer;
  const q = (request.query as Record<string, unknown> | undefined)?.token;
  return typeof q === "string" && q.length > 0 ? q : bearer;
}

function isStale(lastSeen: Date | null): boolean {
  return !lastSeen || Date.now() - lastSeen.getTime() > LAST_SEEN_EVERY_MS;
}
