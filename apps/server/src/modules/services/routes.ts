import { idParamsSchema, listOf, serviceCreateSchema, servicePatchSchema, serviceSchema } from "@dq/shared";
import { z } from "zod";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { listServices, toServiceDto } from "./repository.ts";
import { archiveService, createService, getService, updateService } from "./service.ts";

const tags = ["directories"];

export async function serviceRoutes(app: App) {
  const { deps } = app;

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
      const rows = await listServices(deps.db, request.branch.id);
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
    async (request) => toServiceDto(await getService(deps.db, request.branch.id, request.params.id)),
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
    async (request, reply) => reply.status(201).send(await createService(deps, request, request.body)),
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
    (request) => updateService(deps, request, request.params.id, request.body),
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
      await archiveService(deps, request, request.params.id);
      return reply.status(204).send();
    },
  );
}
