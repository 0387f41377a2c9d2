import {
  idParamsSchema,
  listOf,
  workstationCreateSchema,
  workstationPatchSchema,
  workstationSchema,
} from "@dq/shared";
import { z } from "zod";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { loadWorkstations } from "./repository.ts";
import { archiveWorkstation, createWorkstation, getWorkstation, updateWorkstation } from "./service.ts";

const tags = ["directories"];

export async function workstationRoutes(app: App) {
  const { deps } = app;

  app.get(
    "/api/v1/workstations",
    {
      config: { access: { role: "operator", devices: ["board", "counter"] } },
      schema: { operationId: "listWorkstations", tags, response: { 200: listOf(workstationSchema) } },
    },
    async (request) => ({ items: await loadWorkstations(deps.db, request.branch.id) }),
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
    (request) => getWorkstation(deps.db, request.branch.id, request.params.id),
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
    async (request, reply) => reply.status(201).send(await createWorkstation(deps, request, request.body)),
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
    (request) => updateWorkstation(deps, request, request.params.id, request.body),
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
      await archiveWorkstation(deps, request, request.params.id);
      return reply.status(204).send();
    },
  );
}
