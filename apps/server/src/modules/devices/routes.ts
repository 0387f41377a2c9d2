import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  deviceCreatedSchema,
  deviceCreateSchema,
  devicePatchSchema,
  deviceSchema,
  idParamsSchema,
  listOf,
} from "@dq/shared";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import type { App } from "../../http/types.ts";
import { listApiTokens, listDevices } from "./repository.ts";
import {
  createApiToken,
  createDevice,
  type DeviceDeps,
  getDevice,
  revokeApiToken,
  revokeDevice,
  toDeviceDto,
  toTokenDto,
  updateDevice,
} from "./service.ts";

const tags = ["directories"];
const admins = { access: { role: "admin" } } as const;
// API tokens are managed by people only: a token may not mint or revoke tokens.
const adminPeople = { access: { role: "admin", employeeOnly: true } } as const;

export async function deviceRoutes(app: App) {
  const { deps } = app;

  app.get(
    "/api/v1/devices",
    { config: admins, schema: { operationId: "listDevices", tags, response: { 200: listOf(deviceSchema) } } },
    async (request) => ({ items: (await listDevices(deps.db, request.branch.id)).map(toDeviceDto) }),
  );

  app.get(
    "/api/v1/devices/:id",
    {
      config: admins,
      schema: { operationId: "getDevice", tags, params: idParamsSchema, response: { 200: deviceSchema } },
    },
    (request) => getDevice(deps.db, request.branch.id, request.params.id),
  );

  app.post(
    "/api/v1/devices",
    {
      config: admins,
      schema: {
        operationId: "createDevice",
        tags,
        summary: "Register a kiosk, board, counter display or feedback tablet; the token is shown only here",
        body: deviceCreateSchema,
        response: { 201: deviceCreatedSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createDevice(deps, request, request.body)),
  );

  app.patch(
    "/api/v1/devices/:id",
    {
      config: admins,
      schema: {
        operationId: "updateDevice",
        tags,
        params: idParamsSchema,
        body: devicePatchSchema,
        response: { 200: deviceSchema },
      },
    },
    (request) => updateDevice(deps, request, request.params.id, request.body),
  );

  revokeRoute(app, "/api/v1/devices/:id", admins, "deleteDevice", "Revoke the device's token", revokeDevice);

  app.get(
    "/api/v1/api-tokens",
    {
      config: adminPeople,
      schema: { operationId: "listApiTokens", tags, response: { 200: listOf(apiTokenSchema) } },
    },
    async () => ({ items: (await listApiTokens(deps.db)).map(toTokenDto) }),
  );

  app.post(
    "/api/v1/api-tokens",
    {
      config: adminPeople,
      schema: {
        operationId: "createApiToken",
        tags,
        summary: "Create a token for an integration; shown only here",
        body: apiTokenCreateSchema,
        response: { 201: apiTokenCreatedSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await createApiToken(deps, request, request.body)),
  );

  revokeRoute(
    app,
    "/api/v1/api-tokens/:id",
    adminPeople,
    "deleteApiToken",
    "Revoke an API token",
    revokeApiToken,
  );
}

/** A DELETE that revokes a token; this instance stops accepting it at once (others within seconds). */
function revokeRoute(
  app: App,
  url: string,
  config: typeof admins | typeof adminPeople,
  operationId: string,
  summary: string,
  revoke: (deps: DeviceDeps, request: FastifyRequest, id: string) => Promise<void>,
) {
  app.delete(
    url,
    { config, schema: { operationId, tags, summary, params: idParamsSchema, response: { 204: z.void() } } },
    async (request, reply) => {
      await revoke(app.deps, request, request.params.id);
      app.forgetTokens();
      return reply.status(204).send();
    },
  );
}
