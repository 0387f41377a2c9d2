import type { Workstation, WorkstationCreate, WorkstationPatch } from "@dq/shared";
import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Clock } from "../../core/clock.ts";
import { conflict, notFound } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import type { DB } from "../../db/schema.ts";
import { auditedChange } from "../audit/audit.ts";
import * as repo from "./repository.ts";

/** Workstations: each change, its services and its audit row in one transaction. */
export interface WorkstationDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export async function getWorkstation(db: Executor, branchId: string, id: string): Promise<Workstation> {
  const w = await repo.findWorkstation(db, branchId, id);
  if (!w) throw notFound("workstation");
  return w;
}

export function createWorkstation(
  deps: WorkstationDeps,
  request: FastifyRequest,
  body: WorkstationCreate,
): Promise<Workstation> {
  const branchId = request.branch.id;
  const entry = { action: "workstation.create", entity: "workstation", data: body };
  return auditedChange(deps.db, request, entry, async (tx) => {
    const row = await repo.insertWorkstation(tx, {
      branch_id: branchId,
      name: body.name,
      number: body.number,
      spoken_name: body.spokenName,
      active: body.active,
    });
    await repo.setServices(tx, branchId, row.id, body.serviceIds);
    return getWorkstation(tx, branchId, row.id);
  });
}

export async function updateWorkstation(
  deps: WorkstationDeps,
  request: FastifyRequest,
  id: string,
  patch: WorkstationPatch,
): Promise<Workstation> {
  const branchId = request.branch.id;
  // Nothing to change: the workstation as it is, with nothing written or audited.
  if (Object.keys(patch).length === 0) return getWorkstation(deps.db, branchId, id);
  const entry = { action: "workstation.update", entity: "workstation", data: patch };
  return auditedChange(deps.db, request, entry, async (tx) => {
    const updated = await repo.updateWorkstation(tx, branchId, id, {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.number !== undefined && { number: patch.number }),
      ...(patch.spokenName !== undefined && { spoken_name: patch.spokenName }),
      ...(patch.active !== undefined && { active: patch.active }),
      updated_at: deps.clock(),
    });
    if (!updated) throw notFound("workstation");
    if (patch.serviceIds) await repo.setServices(tx, branchId, updated.id, patch.serviceIds);
    return getWorkstation(tx, branchId, updated.id);
  });
}

/** Archives a workstation (its history stays); refused while someone works at it. */
export async function archiveWorkstation(deps: WorkstationDeps, request: FastifyRequest, id: string) {
  await auditedChange(
    deps.db,
    request,
    { action: "workstation.delete", entity: "workstation" },
    async (tx) => {
      const w = await getWorkstation(tx, request.branch.id, id);
      if (w.operator)
        throw conflict("workstation_in_use", `${w.operator.name} works at this workstation now`);
      await repo.archiveWorkstation(tx, w.id, deps.clock());
      return w;
    },
  );
}
