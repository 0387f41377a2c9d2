import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { Clock } from "../../core/clock.ts";
import { notFound } from "../../core/errors.ts";
import type { DB } from "../../db/schema.ts";
import { auditedChange } from "../audit/audit.ts";
import * as repo from "./repository.ts";

/** A named list (client categories, pause reasons): each change with its audit row in one transaction. */
export interface NamedList {
  table: repo.NamedTable;
  /** The audit log's and the errors' name for an entry: `category`, `pause_reason`. */
  entity: string;
}

export interface NamedDeps {
  db: Kysely<DB>;
  clock: Clock;
}

export async function getNamed(deps: NamedDeps, list: NamedList, branchId: string, id: string) {
  const row = await repo.findNamed(deps.db, list.table, branchId, id);
  if (!row) throw notFound(list.entity);
  return repo.toDto(row);
}

export async function createNamed(
  deps: NamedDeps,
  list: NamedList,
  request: FastifyRequest,
  body: Record<string, unknown>,
) {
  const row = await auditedChange(deps.db, request, change(list, "create", body), (tx) =>
    repo.insertNamed(tx, list.table, request.branch.id, repo.toColumns(body)),
  );
  return repo.toDto(row);
}

export async function updateNamed(
  deps: NamedDeps,
  list: NamedList,
  request: FastifyRequest,
  id: string,
  body: Record<string, unknown>,
) {
  const columns = repo.toColumns(body);
  // Nothing to change: the entry as it is, with nothing written or audited.
  if (Object.keys(columns).length === 0) return getNamed(deps, list, request.branch.id, id);
  const row = await auditedChange(deps.db, request, change(list, "update", body), async (tx) => {
    const updated = await repo.updateNamed(tx, list.table, request.branch.id, id, columns, deps.clock());
    if (!updated) throw notFound(list.entity);
    return updated;
  });
  return repo.toDto(row);
}

export async function archiveNamed(deps: NamedDeps, list: NamedList, request: FastifyRequest, id: string) {
  await auditedChange(deps.db, request, change(list, "delete"), async (tx) => {
    const archived = await repo.archiveNamed(tx, list.table, request.branch.id, id, deps.clock());
    if (!archived) throw notFound(list.entity);
    return archived;
  });
}

function change(list: NamedList, verb: string, data?: Record<string, unknown>) {
  return { action: `${list.entity}.${verb}`, entity: list.entity, data };
}
