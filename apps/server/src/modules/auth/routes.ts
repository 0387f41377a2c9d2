import { loginRequestSchema, userResponseSchema } from "@dq/shared";
import { z } from "zod";
import { DomainError } from "../../core/errors.ts";
import { hashSecret, newSecret, SESSION_COOKIE } from "../../core/secrets.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { releaseOnSignOut } from "../../queue/workplace.ts";
import { audit } from "../audit/audit.ts";
import { dummyPasswordHash, verifyPassword } from "./passwords.ts";
import { deleteSession, findActiveEmployeeByLogin, insertSession } from "./sessions.ts";
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from "./throttle.ts";

const WRONG = "wrong login or password";

export async function authRoutes(app: App) {
  const { db, config } = app.deps;

  app.post(
    "/api/v1/auth/login",
    {
      config: { access: "public" },
      schema: {
        operationId: "signIn",
        tags: ["auth"],
        summary: "Sign in; sets the HttpOnly session cookie",
        body: loginRequestSchema,
        response: { 200: userResponseSchema, ...errorResponses(401, 429) },
      },
    },
    async (request, reply) => {
      const { login, password } = request.body;
      // Sessions and sign-in limits run on real time, like the session check in http/principal-resolver.ts.
      const now = new Date();
      await assertSignInAllowed(db, request.ip, login, now);
      const employee = await findActiveEmployeeByLogin(db, login);
      const ok = await verifyPassword(password, employee?.password_hash ?? (await dummyPasswordHash()));
      if (!employee || !ok) {
        await recordSignInFailure(db, request.ip, login, now);
        throw new DomainError(401, "invalid_credentials", WRONG);
      }
      await clearSignInFailures(db, request.ip, login);

      const session = newSecret("");
      await insertSession(db, {
        tokenHash: session.hash,
        employeeId: employee.id,
        at: now,
        expiresAt: new Date(now.getTime() + config.sessionTtlHours * 3_600_000),
        ip: request.ip,
        userAgent: request.headers["user-agent"]?.slice(0, 300) ?? null,
      });
      request.principal = {
        kind: "employee",
        id: employee.id,
        login: employee.login,
        name: employee.name,
        role: employee.role,
        sessionId: "",
      };
      await audit(db, request, { action: "auth.login", entity: "employee", entityId: employee.id });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: request.protocol === "https",
        maxAge: 30 * 24 * 3600, // the server decides validity; the cookie just outlives a sliding session
      });
      return { user: { id: employee.id, login: employee.login, name: employee.name, role: employee.role } };
    },
  );

  app.post(
    "/api/v1/auth/logout",
    {
      config: { access: "public" },
      schema: {
        operationId: "signOut",
        tags: ["auth"],
        summary: "Sign out: ends the session",
        response: { 204: z.void() },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) {
        const ended = await deleteSession(db, hashSecret(cookie));
        if (ended) await releaseOnSignOut(app.deps, ended.employee_id, (id) => app.branches.get(id));
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/auth/me",
    {
      // Public so that anyone who is not a signed-in employee (a device, a stale token) gets 401.
      config: { access: "public" },
      schema: {
        operationId: "getCurrentUser",
        tags: ["auth"],
        summary: "The signed-in employee",
        response: { 200: userResponseSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const p = request.principal;
      if (p.kind !== "employee") throw new DomainError(401, "unauthenticated", "sign in first");
      return { user: { id: p.id, login: p.login, name: p.name, role: p.role } };
    },
  );
}
