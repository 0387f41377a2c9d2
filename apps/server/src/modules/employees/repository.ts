import type { Competency, Employee } from "@dq/shared";
import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { EmployeesTable } from "../../db/schema.ts";
import { lockedLogins } from "../auth/throttle.ts";
import { assertServicesExist } from "../services/repository.ts";

/** Data access for employees of a branch and their competencies (services with a rank). */

export async function loadEmployees(db: Executor, branchId: string, id?: string): Promise<Employee[]> {
  let q = db
    .selectFrom("employees as e")
    .innerJoin("employee_branches as eb", "eb.employee_id", "e.id")
    .select(["e.id", "e.login", "e.name", "e.role", "e.active", "e.created_at"])
    .where("eb.branch_id", "=", branchId)
    .where("e.deleted_at", "is", null);
  if (id) q = q.where("e.id", "=", id);
  const rows = await q.orderBy("e.name").orderBy("e.id").execute();
  const competencies = rows.length
    ? await db
        .selectFrom("competencies")
        .select(["employee_id", "service_id", "rank"])
        .where("branch_id", "=", branchId)
        .where(
          "employee_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("rank")
        .orderBy("service_id")
        .execute()
    : [];
  // Sign-in limits run on real time (see auth/throttle.ts), so their locks are read on it too.
  const locks = rows.length ? await lockedLogins(db, new Date()) : new Map<string, Date>();
  return rows.map((r) => ({
    id: r.id,
    login: r.login,
    name: r.name,
    role: r.role,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    competencies: competencies
      .filter((c) => c.employee_id === r.id)
      .map((c) => ({ serviceId: c.service_id, rank: c.rank })),
    signInLockedUntil: locks.get(r.login.toLowerCase())?.toISOString() ?? null,
  }));
}

/** One employee of the branch (not archived), or undefined. */
export async function findEmployee(
  db: Executor,
  branchId: string,
  id: string,
): Promise<Employee | undefined> {
  return (await loadEmployees(db, branchId, id))[0];
}

export async function setCompetencies(
  db: Executor,
  branchId: string,
  employeeId: string,
  list: Competency[],
) {
  await assertServicesExist(
    db,
    branchId,
    list.map((c) => c.serviceId),
    "serviceIds",
  );
  await db
    .deleteFrom("competencies")
    .where("employee_id", "=", employeeId)
    .where("branch_id", "=", branchId)
    .execute();
  if (list.length) {
    await db
      .insertInto("competencies")
      .values(
        list.map((c) => ({
          employee_id: employeeId,
          service_id: c.serviceId,
          rank: c.rank,
          branch_id: branchId,
        })),
      )
      .execute();
  }
}

/** A new employee, linked to the branch he works in. */
export async function insertEmployee(db: Executor, branchId: string, values: Insertable<EmployeesTable>) {
  const row = await db.insertInto("employees").values(values).returning("id").executeTakeFirstOrThrow();
  await db.insertInto("employee_branches").values({ employee_id: row.id, branch_id: branchId }).execute();
  return row;
}

export async function updateEmployee(db: Executor, id: string, set: Updateable<EmployeesTable>) {
  await db.updateTable("employees").set(set).where("id", "=", id).execute();
}

export async function archiveEmployee(db: Executor, id: string, at: Date) {
  await db.updateTable("employees").set({ deleted_at: at, active: false }).where("id", "=", id).execute();
}

/** Signs the employee out everywhere. */
export async function endSessions(db: Executor, employeeId: string) {
  await db.deleteFrom("sessions").where("employee_id", "=", employeeId).execute();
}
