import type { Executor } from "../../db/executor.ts";

/**
 * Data access for the two small named lists, client categories and pause reasons. The table is
 * chosen at run time, which Kysely cannot check statically: it is typed as `categories`, whose
 * columns are a superset of `pause_reasons`' (both have name, translations, active, archiving).
 */
export type NamedTable = "categories" | "pause_reasons";
const typed = (table: NamedTable) => table as "categories";

// Column ↔ field names shared by both tables; categories also have priority and sort order.
const COLUMNS: Record<string, string> = {
  name: "name",
  translations: "translations",
  active: "active",
  priority: "priority",
  sortOrder: "sort_order",
};

export function toColumns(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(body)) {
    const column = COLUMNS[field];
    if (column && value !== undefined) out[column] = field === "translations" ? JSON.stringify(value) : value;
  }
  return out;
}

export function toDto(row: object): Record<string, unknown> {
  const r = row as Record<string, unknown>;
  return {
    id: r.id,
    name: r.name,
    translations: r.translations,
    active: r.active,
    ...(r.priority !== undefined ? { priority: r.priority, sortOrder: r.sort_order } : {}),
  };
}

export function findNamed(db: Executor, table: NamedTable, branchId: string, id: string) {
  return db
    .selectFrom(typed(table))
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** The list in display order; devices see only the active entries. */
export function listNamed(db: Executor, table: NamedTable, branchId: string, activeOnly: boolean) {
  let q = db
    .selectFrom(typed(table))
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("deleted_at", "is", null);
  if (activeOnly) q = q.where("active", "=", true);
  return q
    .orderBy(table === "categories" ? "sort_order" : "id")
    .orderBy("id")
    .execute();
}

export function insertNamed(
  db: Executor,
  table: NamedTable,
  branchId: string,
  columns: Record<string, unknown>,
) {
  return db
    .insertInto(typed(table))
    .values({ branch_id: branchId, ...columns } as never)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Updates an entry that is not archived; undefined when there is none. */
export function updateNamed(
  db: Executor,
  table: NamedTable,
  branchId: string,
  id: string,
  columns: Record<string, unknown>,
  at: Date,
) {
  return db
    .updateTable(typed(table))
    .set({ ...columns, updated_at: at })
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .returningAll()
    .executeTakeFirst();
}

/** Archives an entry (history keeps pointing at it); undefined when there is none. */
export function archiveNamed(db: Executor, table: NamedTable, branchId: string, id: string, at: Date) {
  return db
    .updateTable(typed(table))
    .set({ deleted_at: at, active: false })
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .returning("id")
    .executeTakeFirst();
}
