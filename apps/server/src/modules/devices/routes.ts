import {
  apiTokenCreatedSchema,
  apiTokenCreateSchema,
  apiTokenSchema,
  type Device,
  deviceCreatedSchema,
  deviceCreateSchema,
  devicePatchSchema,
  deviceSchema,
  idParamsSchema,
  listOf,
} from "@dq/shared";
import type { Selectable } from "kysely";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import { API_TOKEN_PREFIX, DEVICE_TOKEN_PREFIX, newSecret } from "../../core/secrets.ts";
import { type Executor, toIso } from "../../db/executor.ts";
import type { ApiTokensTable, DevicesTable } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { App } from "../../http/types.ts";
import { audit } from "../audit/audit.ts";

const tags = ["directories"];

function toDeviceDto(d: Selectable<DevicesTable>): Device {
  return {
    id: d.id,
    kind: d.kind,
    name: d.name,
    config: d.config as Device["config"],
    tokenPrefix: d.token_prefix,
    createdAt: d.created_at.toISOString(),
    lastSeenAt: toIso(d.last_seen_at),
    revokedAt: toIso(d.revoked_at),
  };
}

function toTokenDto(t: Selectable<ApiTokensTable>) {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    tokenPrefix: t.token_prefix,
    createdAt: t.created_at.toISOString(),
    lastUsedAt: toIso(t.last_used_at),
    revokedAt: toIso(t.revoked_at),
  };
}

function findDevice(db: Executor, branchId: string, id: string) {
  return db
    .selectFrom("devices")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export async function deviceRoutes(app: App) {
  const { db, clock } = app.deps;

  app.get(
    "/api/v1/devices",
    {
      config: { access: { role: "admin" } },
      schema: { operationId: "listDevices", tags, response: { 200: listOf(deviceSchema) } },
    },
    async (request) => {
      const rows = await db
        .selectFrom("devices")
        .selectAll()
        .where("branch_id", "=", request.branch.id)
        .orderBy("id")
        .execute();
      return { items: rows.map(toDeviceDto) };
    },
  );

  app.get(
    "/api/v1/devices/:id",
    {
      config: { access: { role: "admin" } },
      schema: { operationId: "getDevice", tags, params: idParamsSchema, response: { 200: deviceSchema } },
    },
    async (request) => {
      const row = await findDevice(db, request.branch.id, request.params.id);
      if (!row) throw notFound("device");
      return toDeviceDto(row);
    },
  );

  app.post(
    "/api/v1/devices",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "createDevice",
        tags,
        summary: "Register a kiosk, board, counter display or feedback tablet; the token is shown only here",
        body: deviceCreateSchema,
        response: { 201: deviceCreatedSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const secret = newSecret(DEVICE_TOKEN_PREFIX);
      const row = await inTransaction(db, async (tx) => {
        const created = await tx
          .insertInto("devices")
          .values({
            branch_id: request.branch.id,
            kind: b.kind,
            name: b.name,
            config: JSON.stringify(b.config),
            token_hash: secret.hash,
            token_prefix: secret.displayPrefix,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(tx, request, {
          action: "device.create",
          entity: "device",
          entityId: created.id,
          data: b,
        });
        return created;
      });
      return reply.status(201).send({ ...toDeviceDto(row), token: secret.token });
    },
  );

  app.patch(
    "/api/v1/devices/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "updateDevice",
        tags,
        params: idParamsSchema,
        body: devicePatchSchema,
        response: { 200: deviceSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const set = {
        ...(b.name !== undefined && { name: b.name }),
        ...(b.config !== undefined && { config: JSON.stringify(b.config) }),
      };
      // Nothing to change: the device as it is, with nothing written or audited.
      if (Object.keys(set).length === 0) {
        const current = await findDevice(db, request.branch.id, request.params.id);
        if (!current) throw notFound("device");
        return toDeviceDto(current);
      }
      const row = await inTransaction(db, async (tx) => {
        const updated = await tx
          .updateTable("devices")
          .set(set)
          .where("branch_id", "=", request.branch.id)
          .where("id", "=", request.params.id)
          .returningAll()
          .executeTakeFirst();
        if (!updated) throw notFound("device");
        await audit(tx, request, {
          action: "device.update",
          entity: "device",
          entityId: updated.id,
          data: b,
        });
        return updated;
      });
      return toDeviceDto(row);
    },
  );

  app.delete(
    "/api/v1/devices/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "deleteDevice",
        tags,
        summary: "Revoke the device's token",
        params: idParamsSchema,
        response: { 204: z.void() },
      },
    },
    async (request, reply) => {
      await inTransaction(db, async (tx) => {
        const revoked = await tx
          .updateTable("devices")
          .set({ revoked_at: clock() })
          .where("branch_id", "=", request.branch.id)
          .where("id", "=", request.params.id)
          .where("revoked_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!revoked) throw notFound("device");
        await audit(tx, request, { action: "device.revoke", entity: "device", entityId: revoked.id });
      });
      app.forgetTokens();
      return reply.status(204).send();
    },
  );

  app.get(
    "/api/v1/api-tokens",
    {
      config: { access: { role: "admin", employeeOnly: true } },
      schema: { operationId: "listApiTokens", tags, response: { 200: listOf(apiTokenSchema) } },
    },
    async () => {
      const rows = await db.selectFrom("api_tokens").selectAll().orderBy("id").execute();
      return { items: rows.map(toTokenDto) };
    },
  );

  app.post(
    "/api/v1/api-tokens",
    {
      config: { access: { role: "admin", employeeOnly: true } },
      schema: {
        operationId: "createApiToken",
        tags,
        summary: "Create a token for an integration; shown only here",
        body: apiTokenCreateSchema,
        response: { 201: apiTokenCreatedSchema },
      },
    },
    async (request, reply) => {
      const secret = newSecret(API_TOKEN_PREFIX);
      const p = request.principal;
      const row = await inTransaction(db, async (tx) => {
        const created = await tx
          .insertInto("api_tokens")
          .values({
            branch_id: request.branch.id,
            name: request.body.name,
            role: request.body.role as "admin" | "supervisor",
            token_hash: secret.hash,
            token_prefix: secret.displayPrefix,
            created_by: p.kind === "employee" ? p.id : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(tx, request, {
          action: "api_token.create",
          entity: "api_token",
          entityId: created.id,
          data: request.body,
        });
        return created;
      });
      return reply.status(201).send({ ...toTokenDto(row), token: secret.token });
    },
  );

  app.delete(
    "/api/v1/api-tokens/:id",
    {
      config: { access: { role: "admin", employeeOnly: true } },
      schema: {
        operationId: "deleteApiToken",
        tags,
        summary: "Revoke an API token",
        params: idParamsSchema,
        response: { 204: z.void() },
      },
    },
    async (request, reply) => {
      await inTransaction(db, async (tx) => {
        const revoked = await tx
          .updateTable("api_tokens")
          .set({ revoked_at: clock() })
          .where("id", "=", request.params.id)
          .where("revoked_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        if (!revoked) throw notFound("API token");
        await audit(tx, request, { action: "api_token.revoke", entity: "api_token", entityId: revoked.id });
      });
      app.forgetTokens();
      return reply.status(204).send();
    },
  );
}
