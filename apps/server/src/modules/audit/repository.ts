import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";

export interface AuditQuery {
  limit: number;
  beforeId?: string;
  entity?: string;
  actorId?: string;
  /** Calendar days in the office's timezone, both included. */
  from?: string;
  to?: string;
}

/** The branch's audit entries (and those of no branch), newest first. */
export async function listAudit(db: Executor, branch: { id: string; timezone: string }, q: AuditQuery) {
  let query = db
    .selectFrom("audit_log")
    .selectAll()
    .where((eb) => eb.or([eb("branch_id", "=", branch.id), eb("branch_id", "is", null)]))
    .orderBy("id", "desc")
    .limit(q.limit);
  if (q.beforeId) query = query.where("id", "<", q.beforeId);
  if (q.entity) query = query.where("entity", "=", q.entity);
  if (q.actorId) query = query.where("actor_id", "=", q.actorId);
  const tz = branch.timezone;
  if (q.from)
    query = query.where("created_at", ">=", sql<Date>`(${q.from}::date)::timestamp at time zone ${tz}`);
  if (q.to)
    query = query.where("created_at", "<", sql<Date>`((${q.to}::date) + 1)::timestamp at time zone ${tz}`);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at.toISOString(),
    actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    data: r.data,
    ip: r.ip,
  }));
}
