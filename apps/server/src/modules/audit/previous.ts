import type { Executor } from "../../db/executor.ts";

interface LoggedRow {
  id: string;
  action: string;
  entity: string;
  entity_id: string | null;
  data: unknown;
}

/** The fields an action sets, as the log knows them: a create's or update's data, or what it implies. */
function fieldsSet(row: LoggedRow): Record<string, unknown> {
  if (/\.(create|update)$/.test(row.action) && row.data && typeof row.data === "object") {
    return row.data as Record<string, unknown>;
  }
  if (row.action === "service.close") return { acceptingTickets: false };
  if (row.action === "service.open") return { acceptingTickets: true };
  return {};
}

/**
 * For each update in `page`, the values its fields had before it, as far as this log recorded
 * them: the value each field got from the object's latest earlier create or update (a field the
 * log never recorded, e.g. of the demo office, which is not made through the API, is left out).
 * Keyed by the update's id.
 */
export function previousValues(
  page: LoggedRow[],
  earlier: LoggedRow[],
): Map<string, Record<string, unknown>> {
  const updates = new Set(page.filter((r) => r.action.endsWith(".update")).map((r) => r.id));
  const byId = new Map([...earlier, ...page].map((r) => [r.id, r]));
  const ordered = [...byId.values()].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  const known = new Map<string, Record<string, unknown>>();
  const out = new Map<string, Record<string, unknown>>();
  for (const row of ordered) {
    const key = `${row.entity}:${row.entity_id}`;
    const state = known.get(key) ?? {};
    const set = fieldsSet(row);
    if (updates.has(row.id)) {
      out.set(
        row.id,
        Object.fromEntries(
          Object.keys(set)
            .filter((f) => f in state)
            .map((f) => [f, state[f]]),
        ),
      );
    }
    known.set(key, { ...state, ...set });
  }
  return out;
}

/** The earlier rows about the objects an update in `page` changed (what `previousValues` reads). */
export async function earlierRows(db: Executor, page: LoggedRow[]): Promise<LoggedRow[]> {
  const updates = page.filter((r) => r.action.endsWith(".update") && r.entity_id !== null);
  if (updates.length === 0) return [];
  const newest = updates.reduce((max, r) => (BigInt(r.id) > BigInt(max) ? r.id : max), updates[0]!.id);
  const rows = await db
    .selectFrom("audit_log")
    .select(["id", "action", "entity", "entity_id", "data"])
    .where("id", "<", newest)
    .where((eb) =>
      eb.or(updates.map((u) => eb.and([eb("entity", "=", u.entity), eb("entity_id", "=", u.entity_id)]))),
    )
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}
