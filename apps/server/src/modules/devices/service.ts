import type { ApiTokenCreate, Device, DeviceCreate, DevicePatch } from "@dq/shared";
import type { FastifyRequest } from "fastify";
import type { Kysely, Selectable } from "kysely";
import type { Clock } from "../../core/clock.ts";
import { notFound } from "../../core/errors.ts";
import { API_TOKEN_PREFIX, DEVICE_TOKEN_PREFIX, newSecret } from "../../core/secrets.ts";
import { type Executor, toIso } from "../../db/executor.ts";
import type { ApiTokensTable, DB, DevicesTable } from "../../db/schema.ts";
import { auditedChange } from "../audit/audit.ts";
import * as repo from "./repository.ts";

/**
 * Devices and API tokens: each change and its audit row in one transaction. A new token is
 * returned once, with the record; only its hash is stored.
 */
export interface DeviceDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export function toDeviceDto(d: Selectable<DevicesTable>): Device {
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

export function toTokenDto(t: Selectable<ApiTokensTable>) {
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

export async function getDevice(db: Executor, branchId: string, id: string): Promise<Device> {
  const row = await repo.findDevice(db, branchId, id);
  if (!row) throw notFound("device");
  return toDeviceDto(row);
}

export async function createDevice(deps: DeviceDeps, request: FastifyRequest, body: DeviceCreate) {
  const secret = newSecret(DEVICE_TOKEN_PREFIX);
  const entry = { action: "device.create", entity: "device", data: body };
  const row = await auditedChange(deps.db, request, entry, (tx) =>
    repo.insertDevice(tx, {
      branch_id: request.branch.id,
      kind: body.kind,
      name: body.name,
      config: JSON.stringify(body.config),
      token_hash: secret.hash,
      token_prefix: secret.displayPrefix,
    }),
  );
  return { ...toDeviceDto(row), token: secret.token };
}

export async function updateDevice(
  deps: DeviceDeps,
  request: FastifyRequest,
  id: string,
  patch: DevicePatch,
): Promise<Device> {
  const set = {
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.config !== undefined && { config: JSON.stringify(patch.config) }),
  };
  // Nothing to change: the device as it is, with nothing written or audited.
  if (Object.keys(set).length === 0) return getDevice(deps.db, request.branch.id, id);
  const entry = { action: "device.update", entity: "device", data: patch };
  const row = await auditedChange(deps.db, request, entry, async (tx) => {
    const updated = await repo.updateDevice(tx, request.branch.id, id, set);
    if (!updated) throw notFound("device");
    return updated;
  });
  return toDeviceDto(row);
}

export async function revokeDevice(deps: DeviceDeps, request: FastifyRequest, id: string) {
  await auditedChange(deps.db, request, { action: "device.revoke", entity: "device" }, async (tx) => {
    const revoked = await repo.revokeDevice(tx, request.branch.id, id, deps.clock());
    if (!revoked) throw notFound("device");
    return revoked;
  });
}

export async function createApiToken(deps: DeviceDeps, request: FastifyRequest, body: ApiTokenCreate) {
  const secret = newSecret(API_TOKEN_PREFIX);
  const p = request.principal;
  const entry = { action: "api_token.create", entity: "api_token", data: body };
  const row = await auditedChange(deps.db, request, entry, (tx) =>
    repo.insertApiToken(tx, {
      branch_id: request.branch.id,
      name: body.name,
      role: body.role as "admin" | "supervisor",
      token_hash: secret.hash,
      token_prefix: secret.displayPrefix,
      created_by: p.kind === "employee" ? p.id : null,
    }),
  );
  return { ...toTokenDto(row), token: secret.token };
}

export async function revokeApiToken(deps: DeviceDeps, request: FastifyRequest, id: string) {
  await auditedChange(deps.db, request, { action: "api_token.revoke", entity: "api_token" }, async (tx) => {
    const revoked = await repo.revokeApiToken(tx, id, deps.clock());
    if (!revoked) throw notFound("API token");
    return revoked;
  });
}
