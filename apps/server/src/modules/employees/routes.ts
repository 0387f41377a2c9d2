import {
  type Competency,
  type Employee,
  employeeCreateSchema,
  employeePatchSchema,
  employeeSchema,
  idParamsSchema,
  listOf,
} from "@dq/shared";
import { z } from "zod";
import { conflict, invalidField, notFound } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import { inTransaction } from "../../db/transaction.ts";
import { errorResponses } from "../../http/openapi.ts";
import { actorOf } from "../../http/principal.ts";
import type { App } from "../../http/types.ts";
import { releaseWorkplace } from "../../queue/workplace.ts";
import { audit } from "../audit/audit.ts";
import { hashPassword } from "../auth/passwords.ts";
import { assertServicesExist } from "../services/repository.ts";

const tags = ["directories"];

async function loadEmployees(db: Executor, branchId: string, id?: string): Promise<Employee[]> {
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
  }));
}

async function findEmployee(db: Executor, branchId: string, id: string): Promise<Employee> {
  const [e] = await loadEmployees(db, branchId, id);
  if (!e) throw notFound("employee");
  return e;
}

/** `serviceIds` means rank 1 for each; `competencies` sets ranks explicitly. Not both. */
function competenciesFrom(body: {
  serviceIds?: string[];
  competencies?: Competency[];
}): Competency[] | undefined {
  if (body.serviceIds && body.competencies)
    throw invalidField("competencies", "give serviceIds or competencies, not both");
  const list = body.competencies ?? body.serviceIds?.map((serviceId) => ({ serviceId, rank: 1 }));
  if (!list) return undefined;
  const seen = new Set<string>();
  for (const c of list) {
    if (seen.has(c.serviceId)) throw invalidField("competencies", `service ${c.serviceId} is listed twice`);
    seen.add(c.serviceId);
  }
  return list;
}

async function setCompetencies(db: Executor, branchId: string, employeeId: string, list: Competency[]) {
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

export async function employeeRoutes(app: App) {
  const { db, clock } = app.deps;

  app.get(
    "/api/v1/employees",
    {
      config: { access: { role: "supervisor" } },
      schema: { operationId: "listEmployees", tags, response: { 200: listOf(employeeSchema) } },
    },
    async (request) => ({ items: await loadEmployees(db, request.branch.id) }),
  );

  app.get(
    "/api/v1/employees/:id",
    {
      config: { access: { role: "supervisor" } },
      schema: { operationId: "getEmployee", tags, params: idParamsSchema, response: { 200: employeeSchema } },
    },
    async (request) => findEmployee(db, request.branch.id, request.params.id),
  );

  app.post(
    "/api/v1/employees",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "createEmployee",
        tags,
        summary: "Create an employee; the password is never returned",
        body: employeeCreateSchema,
        response: { 201: employeeSchema, ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const competencies = competenciesFrom(b) ?? [];
      const passwordHash = await hashPassword(b.password);
      const created = await inTransaction(db, async (tx) => {
        const row = await tx
          .insertInto("employees")
          .values({
            login: b.login,
            name: b.name,
            role: b.role,
            password_hash: passwordHash,
            active: b.active,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await tx
          .insertInto("employee_branches")
          .values({ employee_id: row.id, branch_id: request.branch.id })
          .execute();
        await setCompetencies(tx, request.branch.id, row.id, competencies);
        const { password: _, ...logged } = b;
        await audit(tx, request, {
          action: "employee.create",
          entity: "employee",
          entityId: row.id,
          data: logged,
        });
        return (await loadEmployees(tx, request.branch.id, row.id))[0]!;
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    "/api/v1/employees/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "updateEmployee",
        tags,
        summary: "Change an employee; `password` resets it",
        params: idParamsSchema,
        body: employeePatchSchema,
        response: { 200: employeeSchema, ...errorResponses(409) },
      },
    },
    async (request) => {
      const b = request.body;
      // Nothing to change: the employee as he is, with nothing written or audited.
      if (Object.keys(b).length === 0) return findEmployee(db, request.branch.id, request.params.id);
      const competencies = competenciesFrom(b);
      const passwordHash = b.password ? await hashPassword(b.password) : undefined;
      const self = request.principal.kind === "employee" && request.principal.id === request.params.id;
      if (self && ((b.role !== undefined && b.role !== "admin") || b.active === false)) {
        throw conflict("cannot_demote_self", "you cannot remove your own administrator rights");
      }
      return inTransaction(db, async (tx) => {
        const current = await findEmployee(tx, request.branch.id, request.params.id);
        await tx
          .updateTable("employees")
          .set({
            ...(b.login !== undefined && { login: b.login }),
            ...(b.name !== undefined && { name: b.name }),
            ...(b.role !== undefined && { role: b.role }),
            ...(b.active !== undefined && { active: b.active }),
            ...(passwordHash && { password_hash: passwordHash }),
            updated_at: clock(),
          })
          .where("id", "=", current.id)
          .execute();
        if (competencies) await setCompetencies(tx, request.branch.id, current.id, competencies);
        // A new password or a deactivation signs the employee out everywhere; a deactivated
        // employee also leaves his workstation, so that a colleague can take it.
        if (passwordHash || b.active === false) {
          await tx.deleteFrom("sessions").where("employee_id", "=", current.id).execute();
        }
        if (b.active === false) {
          await releaseWorkplace(
            tx,
            request.branch,
            current.id,
            actorOf(request.principal),
            app.deps.clock(),
          );
        }
        const { password, ...logged } = b;
        await audit(tx, request, {
          action: "employee.update",
          entity: "employee",
          entityId: current.id,
          data: { ...logged, ...(password ? { passwordReset: true } : {}) },
        });
        return (await loadEmployees(tx, request.branch.id, current.id))[0]!;
      });
    },
  );

  app.delete(
    "/api/v1/employees/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "deleteEmployee",
        tags,
        summary: "Deactivate and archive an employee (history is kept)",
        params: idParamsSchema,
        response: { 204: z.void(), ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      if (request.principal.kind === "employee" && request.principal.id === request.params.id) {
        throw conflict("cannot_delete_self", "you cannot delete yourself");
      }
      await inTransaction(db, async (tx) => {
        const [current] = await loadEmployees(tx, request.branch.id, request.params.id);
        if (!current) throw notFound("employee");
        await releaseWorkplace(tx, request.branch, current.id, actorOf(request.principal), app.deps.clock());
        await tx
          .updateTable("employees")
          .set({ deleted_at: clock(), active: false })
          .where("id", "=", current.id)
          .execute();
        await tx.deleteFrom("sessions").where("employee_id", "=", current.id).execute();
        await audit(tx, request, { action: "employee.delete", entity: "employee", entityId: current.id });
      });
      return reply.status(204).send();
    },
  );
}
