import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import { entityNames, namesOf, refsIn } from "./names.ts";
import { earlierRows, previousValues } from "./previous.ts";

export interface AuditQuery {
  limit: number;
  beforeId?: string;
  entity?: string;
  actorId?: string;
  /** Calendar days in the office's timezone, both included. */
  from?: string;
  to?: string;
}

/**
 * The branch's audit entries (and those of no branch), newest first, each with the names of what
 * it names by id (its object, its actor, the services, workstations… in its data) and the values
 * an update's fields had before it (as far as the log recorded them), so it reads without ids.
 */
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
  const rows = (await query.execute()).map((r) => ({ ...r, id: String(r.id) }));
  const [objects, previous] = await Promise.all([
    entityNames(db, rows),
    earlierRows(db, rows).then((earlier) => previousValues(rows, earlier)),
  ]);
  // Everything a row names by id: in its data, in its old values, and its actor.
  const named = (r: (typeof rows)[number]) => [
    r.data,
    previous.get(r.id) ?? null,
    r.actor_kind === "employee" ? { employeeId: r.actor_id } : null,
  ];
  const names = await namesOf(db, refsIn(rows.map(named)));
  return rows.map((r) => ({
    id: r.id,
    at: r.created_at.toISOString(),
    actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    entityName: objects.get(`${r.entity}:${r.entity_id}`) ?? null,
    data: r.data,
    previous: previous.get(r.id) ?? {},
    ip: r.ip,
    names: namesIn(names, refsIn(named(r))),
  }));
}

/** The part of the page's names that one row needs. */
function namesIn(all: Record<string, Record<string, string>>, refs: ReturnType<typeof refsIn>) {
  const out: Record<string, Record<string, string>> = {};
  for (const [kind, ids] of refs) {
    const known = [...ids].filter((id) => all[kind]?.[id] !== undefined).map((id) => [id, all[kind]![id]!]);
    if (known.length) out[kind] = Object.fromEntries(known);
  }
  return out;
}
