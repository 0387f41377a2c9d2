import {
  categoryCreateSchema,
  categoryPatchSchema,
  categorySchema,
  idParamsSchema,
  listOf,
  pauseReasonCreateSchema,
  pauseReasonPatchSchema,
  pauseReasonSchema,
} from "@dq/shared";
import type { FastifyInstance, FastifySchema } from "fastify";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { App } from "../../http/types.ts";
import { audit } from "../audit/audit.ts";

const tags = ["directories"];

type NamedTable = "categories" | "pause_reasons";

interface NamedDirectory<C extends z.ZodType, P extends z.ZodType, O extends z.ZodType> {
  path: string;
  table: NamedTable;
  entity: string;
  /** Operation names in the API document: `list${plural}`, `get${singular}`, … */
  names: { singular: string; plural: string };
  create: C;
  patch: P;
  output: O;
  /** Who besides admins may list it (operators need pause reasons and categories). */
  readers: { role: "operator"; devices?: readonly ("kiosk" | "feedback")[] };
}

// Column ↔ field names shared by both tables; categories also have priority and sort order.
const COLUMNS: Record<string, string> = {
  name: "name",
  translations: "translations",
  active: "active",
  priority: "priority",
  sortOrder: "sort_order",
};

function toColumns(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    const column = COLUMNS[field];
    if (column && value !== undefined) out[column] = field === "translations" ? JSON.stringify(value) : value;
  }
  return out;
}

function toDto(row: object): Record<string, unknown> {
  const r = row as Record<string, unknown>;
  return {
    id: r.id,
    name: r.name,
    translations: r.translations,
    active: r.active,
    ...(r.priority !== undefined ? { priority: r.priority, sortOrder: r.sort_order } : {}),
  };
}

type IdRoute = { Params: { id: string } };
type BodyRoute = { Body: Record<string, unknown> };

/** Client categories and pause reasons are the same kind of small named list. */
function namedDirectory(app: FastifyInstance, d: NamedDirectory<z.ZodType, z.ZodType, z.ZodType>) {
  // Schemas still validate and serialise every request; only static typing is given up here,
  // because Kysely cannot check a table chosen at run time.
  const { db, clock } = (app as unknown as App).deps;
  const table = d.table as "categories";
  const schema = (s: object) => s as FastifySchema;
  const find = (branchId: string, id: string) =>
    db
      .selectFrom(table)
      .selectAll()
      .where("branch_id", "=", branchId)
      .where("id", "=", id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();

  app.get(
    d.path,
    {
      config: { access: d.readers },
      schema: schema({ operationId: `list${d.names.plural}`, tags, response: { 200: listOf(d.output) } }),
    },
    async (request) => {
      let q = db
        .selectFrom(table)
        .selectAll()
        .where("branch_id", "=", request.branch.id)
        .where("deleted_at", "is", null);
      if (request.principal.kind === "device") q = q.where("active", "=", true);
      const rows = await q
        .orderBy(d.table === "categories" ? "sort_order" : "id")
        .orderBy("id")
        .execute();
      return { items: rows.map((r) => toDto(r)) };
    },
  );

  app.get<IdRoute>(
    `${d.path}/:id`,
    {
      config: { access: d.readers },
      schema: schema({
        operationId: `get${d.names.singular}`,
        tags,
        params: idParamsSchema,
        response: { 200: d.output },
      }),
    },
    async (request) => {
      const row = await find(request.branch.id, request.params.id);
      if (!row) throw notFound(d.entity);
      return toDto(row);
    },
  );

  app.post<BodyRoute>(
    d.path,
    {
      config: { access: { role: "admin" } },
      schema: schema({
        operationId: `create${d.names.singular}`,
        tags,
        body: d.create,
        response: { 201: d.output },
      }),
    },
    async (request, reply) => {
      const row = await inTransaction(db, async (tx) => {
        const created = await tx
          .insertInto(table)
          .values({ branch_id: request.branch.id, ...toColumns(request.body) } as never)
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(tx, request, {
          action: `${d.entity}.create`,
          entity: d.entity,
          entityId: created.id,
          data: request.body,
        });
        return created;
      });
      return reply.status(201).send(toDto(row));
    },
  );

  app.patch<IdRoute & BodyRoute>(
    `${d.path}/:id`,
    {
      config: { access: { role: "admin" } },
      schema: schema({
        operationId: `update${d.names.singular}`,
        tags,
        params: idParamsSchema,
        body: d.patch,
        response: { 200: d.output },
      }),
    },
    async (request) => {
      const columns = toColumns(request.body);
      // Nothing to change: the entry as it is, with nothing written or audited.
      if (Object.keys(columns).length === 0) {
        const current = await find(request.branch.id, request.params.id);
        if (!current) throw notFound(d.entity);
        return toDto(current);
      }
      const row = await inTransaction(db, async (tx) => {
        const updated = await tx
          .updateTable(table)
          .set({ ...columns, updated_at: clock() })
          .where("branch_id", "=", request.branch.id)
          .where("id", "=", request.params.id)
          .where("deleted_at", "is", null)
          .returningAll()
          .executeTakeFirst();
        if (!updated) throw notFound(d.entity);
        await audit(tx, request, {
          action: `${d.entity}.update`,
          entity: d.entity,
          entityId: updated.id,
          data: request.body,
        });
        return updated;
      });
      return toDto(row);
    },
  );

  app.delete<IdRoute>(
    `${d.path}/:id`,
    {
      config: { access: { role: "admin" } },
      schema: schema({
        operationId: `delete${d.names.singular}`,
        tags,
        summary: "Archive (history is kept)",
        params: idParamsSchema,
        response: { 204: z.void() },
      }),
    },
    async (request, reply) => {
      await inTransaction(db, async (tx) => {
        const deleted = await tx
          .updateTable(table)
          .set({ deleted_at: clock(), active: false })
          .where("branch_id", "=", request.branch.id)
          .where("id", "=", request.params.id)
          .where("deleted_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!deleted) throw notFound(d.entity);
        await audit(tx, request, { action: `${d.entity}.delete`, entity: d.entity, entityId: deleted.id });
      });
      return reply.status(204).send();
    },
  );
}

export async function categoryRoutes(app: App) {
  namedDirectory(app as unknown as FastifyInstance, {
    path: "/api/v1/categories",
    table: "categories",
    entity: "category",
    names: { singular: "Category", plural: "Categories" },
    create: categoryCreateSchema,
    patch: categoryPatchSchema,
    output: categorySchema,
    readers: { role: "operator", devices: ["kiosk"] },
  });
  namedDirectory(app as unknown as FastifyInstance, {
    path: "/api/v1/pause-reasons",
    table: "pause_reasons",
    entity: "pause_reason",
    names: { singular: "PauseReason", plural: "PauseReasons" },
    create: pauseReasonCreateSchema,
    patch: pauseReasonPatchSchema,
    output: pauseReasonSchema,
    readers: { role: "operator" },
  });
}
