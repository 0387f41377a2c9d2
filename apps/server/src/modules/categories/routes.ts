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
import type { App } from "../../http/types.ts";
import { listNamed, type NamedTable, toDto } from "./repository.ts";
import { archiveNamed, createNamed, getNamed, updateNamed } from "./service.ts";

const tags = ["directories"];

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

type IdRoute = { Params: { id: string } };
type BodyRoute = { Body: Record<string, unknown> };

/** Client categories and pause reasons are the same kind of small named list. */
function namedDirectory(app: FastifyInstance, d: NamedDirectory<z.ZodType, z.ZodType, z.ZodType>) {
  // Schemas still validate and serialise every request; only static typing is given up here.
  const { deps } = app as unknown as App;
  const schema = (s: object) => s as FastifySchema;

  app.get(
    d.path,
    {
      config: { access: d.readers },
      schema: schema({ operationId: `list${d.names.plural}`, tags, response: { 200: listOf(d.output) } }),
    },
    async (request) => {
      const rows = await listNamed(deps.db, d.table, request.branch.id, request.principal.kind === "device");
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
    (request) => getNamed(deps, d, request.branch.id, request.params.id),
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
    async (request, reply) => reply.status(201).send(await createNamed(deps, d, request, request.body)),
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
    (request) => updateNamed(deps, d, request, request.params.id, request.body),
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
      await archiveNamed(deps, d, request, request.params.id);
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
