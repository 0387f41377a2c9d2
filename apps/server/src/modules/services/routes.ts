import { idParamsSchema, listOf, serviceCreateSchema, servicePatchSchema, serviceSchema } from "@dq/shared";
import { z } from "zod";
import { conflict, invalidField, notFound } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import type { ServicesTable } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { audit } from "../audit/audit.ts";
import { ancestorIds, findService, listServices, toServiceDto } from "./repository.ts";

const tags = ["directories"];

async function checkParent(db: Executor, branchId: string, parentId: string | null, selfId?: string) {
  if (!parentId) return;
  const parent = await findService(db, branchId, parentId);
  if (!parent) throw invalidField("parentId", "no such service group");
  if (!parent.is_group) throw invalidField("parentId", "must be a group, not a service");
  if (selfId && (parentId === selfId || (await ancestorIds(db, branchId, parentId)).includes(selfId))) {
    throw invalidField("parentId", "would put the group inside itself");
  }
}

export async function serviceRoutes(app: App) {
  const { db, clock } = app.deps;

  app.get(
    "/api/v1/services",
    {
      // Kiosks and boards need the service tree too; they see only the active part.
      config: { access: { role: "operator", devices: ["kiosk", "board", "counter", "feedback"] } },
      schema: {
        operationId: "listServices",
        tags,
        summary: "The service tree as a flat list (parentId links)",
        response: { 200: listOf(serviceSchema) },
      },
    },
    async (request) => {
      const rows = await listServices(db, request.branch.id);
      const all = request.principal.kind !== "device";
      return { items: rows.filter((s) => all || s.active).map(toServiceDto) };
    },
  );

  app.get(
    "/api/v1/services/:id",
    {
      config: { access: { role: "operator", devices: ["kiosk", "board", "counter", "feedback"] } },
      schema: { operationId: "getService", tags, params: idParamsSchema, response: { 200: serviceSchema } },
    },
    async (request) => {
      const s = await findService(db, request.branch.id, request.params.id);
      if (!s) throw notFound("service");
      return toServiceDto(s);
    },
  );

  app.post(
    "/api/v1/services",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "createService",
        tags,
        summary: "Create a service or a group",
        body: serviceCreateSchema,
        response: { 201: serviceSchema, ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const row = await inTransaction(db, async (tx) => {
        await checkParent(tx, request.branch.id, b.parentId);
        const created = await tx
          .insertInto("services")
          .values({
            branch_id: request.branch.id,
            parent_id: b.parentId,
            is_group: b.isGroup,
            name: b.name,
            translations: JSON.stringify(b.translations),
            description: b.description,
            prefix: b.isGroup ? null : b.prefix,
            color: b.color,
            sort_order: b.sortOrder,
            schedule: b.schedule ? JSON.stringify(b.schedule) : null,
            daily_limit: b.dailyLimit,
            target_wait_minutes: b.targetWaitMinutes,
            priority: b.priority,
            expected_service_minutes: b.expectedServiceMinutes,
            active: b.active,
            accepting_tickets: b.acceptingTickets,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(tx, request, {
          action: "service.create",
          entity: "service",
          entityId: created.id,
          data: b,
        });
        return created;
      });
      return reply.status(201).send(toServiceDto(row));
    },
  );

  app.patch(
    "/api/v1/services/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "updateService",
        tags,
        params: idParamsSchema,
        body: servicePatchSchema,
        response: { 200: serviceSchema, ...errorResponses(409) },
      },
    },
    async (request) => {
      const b = request.body;
      // Nothing to change: the service as it is, with nothing written or audited.
      if (Object.keys(b).length === 0) {
        const current = await findService(db, request.branch.id, request.params.id);
        if (!current) throw notFound("service");
        return toServiceDto(current);
      }
      const row = await inTransaction(db, async (tx) => {
        const current = await findService(tx, request.branch.id, request.params.id);
        if (!current) throw notFound("service");
        if (b.parentId !== undefined) await checkParent(tx, request.branch.id, b.parentId, current.id);
        if (b.prefix === null && !current.is_group)
          throw invalidField("prefix", "a service needs a ticket prefix");
        const set: Partial<Record<keyof ServicesTable, unknown>> = { updated_at: clock() };
        if (b.name !== undefined) set.name = b.name;
        if (b.translations !== undefined) set.translations = JSON.stringify(b.translations);
        if (b.description !== undefined) set.description = b.description;
        if (b.parentId !== undefined) set.parent_id = b.parentId;
        if (b.prefix !== undefined && !current.is_group) set.prefix = b.prefix;
        if (b.color !== undefined) set.color = b.color;
        if (b.sortOrder !== undefined) set.sort_order = b.sortOrder;
        if (b.schedule !== undefined) set.schedule = b.schedule ? JSON.stringify(b.schedule) : null;
        if (b.dailyLimit !== undefined) set.daily_limit = b.dailyLimit;
        if (b.targetWaitMinutes !== undefined) set.target_wait_minutes = b.targetWaitMinutes;
        if (b.priority !== undefined) set.priority = b.priority;
        if (b.expectedServiceMinutes !== undefined) set.expected_service_minutes = b.expectedServiceMinutes;
        if (b.active !== undefined) set.active = b.active;
        if (b.acceptingTickets !== undefined) set.accepting_tickets = b.acceptingTickets;
        const updated = await tx
          .updateTable("services")
          .set(set as never)
          .where("id", "=", current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(tx, request, {
          action: "service.update",
          entity: "service",
          entityId: current.id,
          data: b,
        });
        return updated;
      });
      return toServiceDto(row);
    },
  );

  app.delete(
    "/api/v1/services/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "deleteService",
        tags,
        summary: "Archive a service (history is kept)",
        params: idParamsSchema,
        response: { 204: z.void(), ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      await inTransaction(db, async (tx) => {
        const current = await findService(tx, request.branch.id, request.params.id);
        if (!current) throw notFound("service");
        const child = await tx
          .selectFrom("services")
          .select("id")
          .where("parent_id", "=", current.id)
          .where("deleted_at", "is", null)
          .executeTakeFirst();
        if (child) throw conflict("group_not_empty", "move or delete the services of this group first");
        const waiting = await tx
          .selectFrom("tickets")
          .select("id")
          .where("service_id", "=", current.id)
          .where("status", "in", ["waiting", "called", "serving"])
          .executeTakeFirst();
        if (waiting) throw conflict("service_has_open_tickets", "the service still has open tickets");
        await tx
          .updateTable("services")
          .set({ deleted_at: clock(), active: false })
          .where("id", "=", current.id)
          .execute();
        await audit(tx, request, { action: "service.delete", entity: "service", entityId: current.id });
      });
      return reply.status(204).send();
    },
  );
}
