import {
  idParamsSchema,
  listOf,
  type Workstation,
  workstationCreateSchema,
  workstationPatchSchema,
  workstationSchema,
} from "@dq/shared";
import { z } from "zod";
import { conflict, notFound } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import { inTransaction } from "../../db/transaction.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { audit } from "../audit/audit.ts";
import { assertServicesExist } from "../services/repository.ts";

const tags = ["directories"];

async function loadWorkstations(db: Executor, branchId: string, id?: string): Promise<Workstation[]> {
  let q = db
    .selectFrom("workstations as w")
    .leftJoin("operator_states as os", "os.workstation_id", "w.id")
    .leftJoin("employees as e", "e.id", "os.employee_id")
    .select([
      "w.id",
      "w.name",
      "w.number",
      "w.spoken_name",
      "w.active",
      "e.id as operator_id",
      "e.name as operator_name",
    ])
    .where("w.branch_id", "=", branchId)
    .where("w.deleted_at", "is", null);
  if (id) q = q.where("w.id", "=", id);
  const rows = await q.orderBy("w.number").execute();
  const links = rows.length
    ? await db
        .selectFrom("workstation_services")
        .select(["workstation_id", "service_id"])
        .where(
          "workstation_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("service_id")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    number: r.number,
    spokenName: r.spoken_name,
    active: r.active,
    serviceIds: links.filter((l) => l.workstation_id === r.id).map((l) => l.service_id),
    operator: r.operator_id ? { id: r.operator_id, name: r.operator_name! } : null,
  }));
}

async function findWorkstation(db: Executor, branchId: string, id: string): Promise<Workstation> {
  const [w] = await loadWorkstations(db, branchId, id);
  if (!w) throw notFound("workstation");
  return w;
}

async function setServices(db: Executor, branchId: string, workstationId: string, serviceIds: string[]) {
  const unique = [...new Set(serviceIds)];
  await assertServicesExist(db, branchId, unique, "serviceIds");
  await db.deleteFrom("workstation_services").where("workstation_id", "=", workstationId).execute();
  if (unique.length) {
    await db
      .insertInto("workstation_services")
      .values(
        unique.map((service_id) => ({ workstation_id: workstationId, service_id, branch_id: branchId })),
      )
      .execute();
  }
}

export async function workstationRoutes(app: App) {
  const { db, clock } = app.deps;

  app.get(
    "/api/v1/workstations",
    {
      config: { access: { role: "operator", devices: ["board", "counter"] } },
      schema: { operationId: "listWorkstations", tags, response: { 200: listOf(workstationSchema) } },
    },
    async (request) => ({ items: await loadWorkstations(db, request.branch.id) }),
  );

  app.get(
    "/api/v1/workstations/:id",
    {
      config: { access: { role: "operator" } },
      schema: {
        operationId: "getWorkstation",
        tags,
        params: idParamsSchema,
        response: { 200: workstationSchema },
      },
    },
    async (request) => findWorkstation(db, request.branch.id, request.params.id),
  );

  app.post(
    "/api/v1/workstations",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "createWorkstation",
        tags,
        body: workstationCreateSchema,
        response: { 201: workstationSchema, ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const created = await inTransaction(db, async (tx) => {
        const row = await tx
          .insertInto("workstations")
          .values({
            branch_id: request.branch.id,
            name: b.name,
            number: b.number,
            spoken_name: b.spokenName,
            active: b.active,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await setServices(tx, request.branch.id, row.id, b.serviceIds);
        await audit(tx, request, {
          action: "workstation.create",
          entity: "workstation",
          entityId: row.id,
          data: b,
        });
        return (await loadWorkstations(tx, request.branch.id, row.id))[0]!;
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    "/api/v1/workstations/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "updateWorkstation",
        tags,
        params: idParamsSchema,
        body: workstationPatchSchema,
        response: { 200: workstationSchema, ...errorResponses(409) },
      },
    },
    async (request) => {
      const b = request.body;
      // Nothing to change: the workstation as it is, with nothing written or audited.
      if (Object.keys(b).length === 0) return findWorkstation(db, request.branch.id, request.params.id);
      return inTransaction(db, async (tx) => {
        const updated = await tx
          .updateTable("workstations")
          .set({
            ...(b.name !== undefined && { name: b.name }),
            ...(b.number !== undefined && { number: b.number }),
            ...(b.spokenName !== undefined && { spoken_name: b.spokenName }),
            ...(b.active !== undefined && { active: b.active }),
            updated_at: clock(),
          })
          .where("branch_id", "=", request.branch.id)
          .where("id", "=", request.params.id)
          .where("deleted_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!updated) throw notFound("workstation");
        if (b.serviceIds) await setServices(tx, request.branch.id, updated.id, b.serviceIds);
        await audit(tx, request, {
          action: "workstation.update",
          entity: "workstation",
          entityId: updated.id,
          data: b,
        });
        return (await loadWorkstations(tx, request.branch.id, updated.id))[0]!;
      });
    },
  );

  app.delete(
    "/api/v1/workstations/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "deleteWorkstation",
        tags,
        summary: "Archive (history is kept)",
        params: idParamsSchema,
        response: { 204: z.void(), ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      await inTransaction(db, async (tx) => {
        const [w] = await loadWorkstations(tx, request.branch.id, request.params.id);
        if (!w) throw notFound("workstation");
        if (w.operator)
          throw conflict("workstation_in_use", `${w.operator.name} works at this workstation now`);
        await tx
          .updateTable("workstations")
          .set({ deleted_at: clock(), active: false })
          .where("id", "=", w.id)
          .execute();
        await audit(tx, request, { action: "workstation.delete", entity: "workstation", entityId: w.id });
      });
      return reply.status(204).send();
    },
  );
}
