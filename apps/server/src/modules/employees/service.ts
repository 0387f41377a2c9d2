import type { Competency, Employee, employeeCreateSchema, employeePatchSchema } from "@dq/shared";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { z } from "zod";
import type { Clock } from "../../core/clock.ts";
import { conflict, invalidField, notFound } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import type { DB } from "../../db/schema.ts";
import { actorOf } from "../../http/principal.ts";
import { releaseWorkplace } from "../../queue/workplace.ts";
import { auditedChange } from "../audit/audit.ts";
import { hashPassword } from "../auth/passwords.ts";
import { clearLoginLock } from "../auth/throttle.ts";
import * as repo from "./repository.ts";

/** Employees: each change, its competencies, sessions and audit row in one transaction. */
export interface EmployeeDeps {
  db: Kysely<DB>;
  clock: Clock;
}
type EmployeeCreate = z.output<typeof employeeCreateSchema>;
type EmployeePatch = z.output<typeof employeePatchSchema>;

export async function getEmployee(db: Executor, branchId: string, id: string): Promise<Employee> {
  const e = await repo.findEmployee(db, branchId, id);
  if (!e) throw notFound("employee");
  return e;
}

/** `serviceIds` means rank 1 for each; `competencies` sets ranks explicitly. Not both. */
export function competenciesFrom(body: {
  serviceIds?: string[];
  competencies?: Competency[];
}): Competency[] | undefined {
  if (body.serviceIds && body.competencies) throw invalidField("competencies", "bothWays");
  const list = body.competencies ?? body.serviceIds?.map((serviceId) => ({ serviceId, rank: 1 }));
  if (!list) return undefined;
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c.serviceId)) throw invalidField("competencies", "listedTwice", { id: c.serviceId });
    seen.add(c.serviceId);
  }
  return list;
}

export async function createEmployee(deps: EmployeeDeps, request: FastifyRequest, b: EmployeeCreate) {
  const branchId = request.branch.id;
  const competencies = competenciesFrom(b) ?? [];
  const passwordHash = await hashPassword(b.password);
  const { password: _, ...logged } = b;
  const entry = { action: "employee.create", entity: "employee", data: logged };
  return auditedChange(deps.db, request, entry, async (tx) => {
    const row = await repo.insertEmployee(tx, branchId, {
      login: b.login,
      name: b.name,
      role: b.role,
      password_hash: passwordHash,
      active: b.active,
    });
    await repo.setCompetencies(tx, branchId, row.id, competencies);
    return getEmployee(tx, branchId, row.id);
  });
}

export async function updateEmployee(
  deps: EmployeeDeps,
  request: FastifyRequest,
  id: string,
  b: EmployeePatch,
) {
  const branchId = request.branch.id;
  // Nothing to change: the employee as he is, with nothing written or audited.
  if (Object.keys(b).length === 0) return getEmployee(deps.db, branchId, id);
  const competencies = competenciesFrom(b);
  const passwordHash = b.password ? await hashPassword(b.password) : undefined;
  const self = request.principal.kind === "employee" && request.principal.id === id;
  if (self && ((b.role !== undefined && b.role !== "admin") || b.active === false)) {
    throw conflict("cannot_demote_self", "you cannot remove your own administrator rights");
  }
  const { password, ...logged } = b;
  const entry = {
    action: "employee.update",
    entity: "employee",
    data: { ...logged, ...(password ? { passwordReset: true } : {}) },
  };
  return auditedChange(deps.db, request, entry, async (tx) => {
    const current = await getEmployee(tx, branchId, id);
    await repo.updateEmployee(tx, current.id, {
      ...(b.login !== undefined && { login: b.login }),
      ...(b.name !== undefined && { name: b.name }),
      ...(b.role !== undefined && { role: b.role }),
      ...(b.active !== undefined && { active: b.active }),
      ...(passwordHash && { password_hash: passwordHash }),
      updated_at: deps.clock(),
    });
    if (competencies) await repo.setCompetencies(tx, branchId, current.id, competencies);
    // A new password or a deactivation signs the employee out everywhere; a deactivated
    // employee also leaves his workstation, so that a colleague can take it.
    if (passwordHash || b.active === false) await repo.endSessions(tx, current.id);
    if (b.active === false) {
      await releaseWorkplace(tx, request.branch, current.id, actorOf(request.principal), deps.clock());
    }
    return getEmployee(tx, branchId, current.id);
  });
}

/** Deactivates and archives an employee (history stays): he leaves his workstation and is signed out. */
export async function archiveEmployee(deps: EmployeeDeps, request: FastifyRequest, id: string) {
  if (request.principal.kind === "employee" && request.principal.id === id) {
    throw conflict("cannot_delete_self", "you cannot delete yourself");
  }
  await auditedChange(deps.db, request, { action: "employee.delete", entity: "employee" }, async (tx) => {
    const current = await getEmployee(tx, request.branch.id, id);
    await releaseWorkplace(tx, request.branch, current.id, actorOf(request.principal), deps.clock());
    await repo.archiveEmployee(tx, current.id, deps.clock());
    await repo.endSessions(tx, current.id);
    return current;
  });
}

/** Lifts the sign-in lock that wrong passwords put on an employee's login (from any address). */
export async function unlockEmployee(deps: EmployeeDeps, request: FastifyRequest, id: string) {
  const entry = { action: "employee.unlock", entity: "employee" };
  return auditedChange(deps.db, request, entry, async (tx) => {
    const current = await getEmployee(tx, request.branch.id, id);
    await clearLoginLock(tx, current.login);
    return getEmployee(tx, request.branch.id, id);
  });
}
