import { AUDIT_ID_FIELDS, type AuditRefKind } from "@dq/shared";
import type { Executor } from "../../db/executor.ts";

/** The kinds of object an audit row's data may name by id, and the tables holding their names. */
export type RefKind = AuditRefKind;
const REF_TABLES = {
  service: "services",
  workstation: "workstations",
  employee: "employees",
  category: "categories",
} as const;

/** Where a row's own object is named: its table and the column with its name. */
const ENTITY_NAMES = {
  service: ["services", "name"],
  category: ["categories", "name"],
  pause_reason: ["pause_reasons", "name"],
  employee: ["employees", "name"],
  workstation: ["workstations", "name"],
  device: ["devices", "name"],
  api_token: ["api_tokens", "name"],
  branch: ["branches", "name"],
  ticket: ["tickets", "label"],
  alert_rule: ["alert_rules", "name"],
} as const;
type NamedEntity = keyof typeof ENTITY_NAMES;

const isId = (v: unknown): v is string => typeof v === "string" && /^\d{1,18}$/.test(v);

/** The ids a row's data names, by kind (walks nested objects and lists). */
export function refsIn(
  data: unknown,
  into: Map<RefKind, Set<string>> = new Map(),
): Map<RefKind, Set<string>> {
  const add = (kind: RefKind, id: unknown) => {
    if (!isId(id)) return;
    const ids = into.get(kind) ?? new Set<string>();
    ids.add(id);
    into.set(kind, ids);
  };
  if (Array.isArray(data)) for (const item of data) refsIn(item, into);
  else if (data && typeof data === "object") {
    for (const [key, value] of Object.entries(data)) {
      const kind = AUDIT_ID_FIELDS[key];
      if (kind && Array.isArray(value)) for (const id of value) add(kind, id);
      else if (kind) add(kind, value);
      else refsIn(value, into);
    }
  }
  return into;
}

/** Names of the given ids per kind: `{service: {"12": "Купить билет"}}` (archived ones too). */
export async function namesOf(
  db: Executor,
  refs: Map<RefKind, Set<string>>,
): Promise<Record<string, Record<string, string>>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [kind, ids] of refs) {
    if (ids.size === 0) continue;
    const rows = await db
      .selectFrom(REF_TABLES[kind])
      .select(["id", "name"])
      .where("id", "in", [...ids])
      .execute();
    out[kind] = Object.fromEntries(rows.map((r) => [String(r.id), r.name]));
  }
  return out;
}

/** The name of each row's own object (`"service:12"` → «Купить билет»), for the entities that have one. */
export async function entityNames(
  db: Executor,
  rows: { entity: string; entity_id: string | null }[],
): Promise<Map<string, string>> {
  const wanted = new Map<NamedEntity, Set<string>>();
  for (const r of rows) {
    if (!(r.entity in ENTITY_NAMES) || !isId(r.entity_id)) continue;
    const ids = wanted.get(r.entity as NamedEntity) ?? new Set<string>();
    ids.add(r.entity_id);
    wanted.set(r.entity as NamedEntity, ids);
  }
  const out = new Map<string, string>();
  for (const [entity, ids] of wanted) {
    const [table, column] = ENTITY_NAMES[entity];
    const found = await db
      .selectFrom(table)
      .select(["id", `${column} as name` as "name"])
      .where("id", "in", [...ids])
      .execute();
    for (const r of found as { id: string; name: string }[]) out.set(`${entity}:${r.id}`, r.name);
  }
  return out;
}
