import type { FastifyRequest } from "fastify";
import type { Kysely, Transaction } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { DB } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  data?: Record<string, unknown>;
}

/** Who changed what: one row per administrative action, written in the same transaction. */
export async function audit(db: Executor, request: FastifyRequest, entry: AuditEntry) {
  const p = request.principal;
  const actor =
    p.kind === "employee"
      ? { kind: "employee", id: p.id, name: p.login }
      : p.kind === "token"
        ? { kind: "api_token", id: p.id, name: p.name }
        : p.kind === "device"
          ? { kind: "device", id: p.id, name: p.name }
          : { kind: "anonymous", id: null, name: "anonymous" };
  await db
    .insertInto("audit_log")
    .values({
      branch_id: request.branch?.id ?? null,
      actor_kind: actor.kind,
      actor_id: actor.id,
      actor_name: actor.name,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      data: JSON.stringify(entry.data ?? {}),
      ip: request.ip,
      created_at: new Date(), // real time, like sessions: an audit trail records when it happened
    })
    .execute();
}

/**
 * An administrative change and its audit row in one transaction: `change` does it (checks
 * included) and returns the record it changed, whose id the audit row names.
 */
export function auditedChange<T extends { id: string }>(
  db: Kysely<DB>,
  request: FastifyRequest,
  entry: Omit<AuditEntry, "entityId">,
  change: (tx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return inTransaction(db, async (tx) => {
    const changed = await change(tx);
    await audit(tx, request, { ...entry, entityId: changed.id });
    return changed;
  });
}
