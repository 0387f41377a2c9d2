import type { Executor } from "../../db/executor.ts";

/** Data access for signing in and out: employees by login, and their sessions. */

/** An active employee by login, ignoring case (people type «Ivanova» and «ivanova»). */
export function findActiveEmployeeByLogin(db: Executor, login: string) {
  return db
    .selectFrom("employees")
    .select(["id", "login", "name", "role", "password_hash"])
    .where((eb) => eb(eb.fn("lower", ["login"]), "=", login.toLowerCase()))
    .where("active", "=", true)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

export interface NewSession {
  tokenHash: string;
  employeeId: string;
  at: Date;
  expiresAt: Date;
  ip: string;
  userAgent: string | null;
}

export async function insertSession(db: Executor, s: NewSession) {
  await db
    .insertInto("sessions")
    .values({
      token_hash: s.tokenHash,
      employee_id: s.employeeId,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

/** Ends the session with this token hash; returns whose it was, if it existed. */
export function deleteSession(db: Executor, tokenHash: string) {
  return db
    .deleteFrom("sessions")
    .where("token_hash", "=", tokenHash)
    .returning("employee_id")
    .executeTakeFirst();
}
