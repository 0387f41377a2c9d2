import { AUDIT_ID_FIELDS, type AuditEntry } from "@dq/shared";
import type { AuditStrings } from "./strings.ts";

/** An audit entry in words: the action, its object, and one "field: old → new" line per change. */
export interface DescribedEntry {
  actor: string;
  action: string;
  object: string;
  changes: string[];
}

export function describeEntry(e: AuditEntry, s: AuditStrings): DescribedEntry {
  const data = (e.data && typeof e.data === "object" ? e.data : {}) as Record<string, unknown>;
  const changes = Object.entries(data).map(([field, value]) => {
    const label = s.fields[field] ?? field;
    const to = formatValue(field, value, e.names, s);
    if (!(field in e.previous)) return `${label}: ${to}`;
    return `${label}: ${formatValue(field, e.previous[field], e.names, s)} → ${to}`;
  });
  return {
    actor: actorText(e, s),
    action: s.actions[e.action] ?? e.action,
    object: objectText(e, s),
    changes,
  };
}

/** «Администратор (admin)»; a device or an API key with what it is. */
function actorText(e: AuditEntry, s: AuditStrings): string {
  const { kind, id, name } = e.actor;
  if (kind === "employee") {
    const person = id ? e.names.employee?.[id] : undefined;
    return person && person !== name ? `${person} (${name})` : (name ?? person ?? kind);
  }
  if (kind === "device") return `${s.device}: ${name ?? ""}`;
  if (kind === "api_token") return `${s.apiToken}: ${name ?? ""}`;
  return name ?? kind;
}

/** «Услуга «Купить билет»», or its id where the object has no name. */
function objectText(e: AuditEntry, s: AuditStrings): string {
  const kind = s.entities[e.entity] ?? e.entity;
  if (e.entityName) return e.entity === "ticket" ? `${kind} ${e.entityName}` : `${kind} «${e.entityName}»`;
  return e.entityId ? `${kind} #${e.entityId}` : kind;
}

function formatValue(field: string, value: unknown, names: AuditEntry["names"], s: AuditStrings): string {
  const kind = AUDIT_ID_FIELDS[field];
  const nameOf = (of: string, id: unknown) => names[of]?.[String(id)] ?? `#${String(id)}`;
  if (value === null || value === undefined || value === "") return s.none;
  if (kind)
    return Array.isArray(value)
      ? value.map((id) => nameOf(kind, id)).join(", ") || s.none
      : nameOf(kind, value);
  if (field === "role" && typeof value === "string") return s.roles[value] ?? value;
  if (field === "kind" && typeof value === "string") return s.kinds[value] ?? value;
  if (field === "competencies" && Array.isArray(value)) {
    const list = value as { serviceId?: string; rank?: number }[];
    return list.map((c) => `${nameOf("service", c.serviceId)} (${c.rank})`).join(", ") || s.none;
  }
  if (typeof value === "boolean") return value ? s.yes : s.no;
  if (Array.isArray(value)) return value.map((v) => formatValue("", v, names, s)).join(", ") || s.none;
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${s.fields[k] ?? k}: ${formatValue(k, v, names, s)}`)
      .join("; ");
  }
  return String(value);
}
