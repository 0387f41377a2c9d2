import { bookingSettingsSchema, type Service } from "@dq/shared";
import type { Insertable, Updateable } from "kysely";
import { invalidField } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import type { ServiceRow, ServicesTable } from "../../db/schema.ts";

export function toServiceDto(s: ServiceRow): Service {
  return {
    id: s.id,
    parentId: s.parent_id,
    isGroup: s.is_group,
    name: s.name,
    translations: s.translations,
    description: s.description,
    prefix: s.prefix,
    color: s.color,
    sortOrder: s.sort_order,
    schedule: s.schedule,
    dailyLimit: s.daily_limit,
    targetWaitMinutes: s.target_wait_minutes,
    priority: s.priority,
    expectedServiceMinutes: s.expected_service_minutes,
    active: s.active,
    acceptingTickets: s.accepting_tickets,
    booking: bookingSettingsSchema.parse(s.booking ?? {}),
    remoteJoin: s.remote_join,
  };
}

export function listServices(db: Executor, branchId: string) {
  return db
    .selectFrom("services")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("deleted_at", "is", null)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
}

export function findService(db: Executor, branchId: string, id: string) {
  return db
    .selectFrom("services")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
}

/** A service's name and translations, archived or not (a ticket keeps showing its service). */
export function serviceNames(db: Executor, id: string) {
  return db
    .selectFrom("services")
    .select(["name", "translations"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** Ids of the service's ancestors, nearest first; used to refuse cycles in the tree. */
export async function ancestorIds(db: Executor, branchId: string, id: string): Promise<string[]> {
  const ids: string[] = [];
  let current: string | null = id;
  while (current && ids.length < 100) {
    const row: { parent_id: string | null } | undefined = await db
      .selectFrom("services")
      .select("parent_id")
      .where("branch_id", "=", branchId)
      .where("id", "=", current)
      .executeTakeFirst();
    current = row?.parent_id ?? null;
    if (current) ids.push(current);
  }
  return ids;
}

/** 400 naming `field` unless every id is a (leaf) service of the branch. */
export async function assertServicesExist(db: Executor, branchId: string, ids: string[], field: string) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db
    .selectFrom("services")
    .select("id")
    .where("branch_id", "=", branchId)
    .where("is_group", "=", false)
    .where("deleted_at", "is", null)
    .where("id", "in", unique)
    .execute();
  const missing = unique.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw invalidField(field, "noSuchServices", { ids: missing.join(", ") });
}

export function insertService(db: Executor, values: Insertable<ServicesTable>) {
  return db.insertInto("services").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateService(db: Executor, id: string, set: Updateable<ServicesTable>) {
  return db.updateTable("services").set(set).where("id", "=", id).returningAll().executeTakeFirstOrThrow();
}

export async function archiveService(db: Executor, id: string, at: Date) {
  await db.updateTable("services").set({ deleted_at: at, active: false }).where("id", "=", id).execute();
}

/** Whether a group still holds services that are not archived. */
export async function hasLiveChildren(db: Executor, id: string): Promise<boolean> {
  const child = await db
    .selectFrom("services")
    .select("id")
    .where("parent_id", "=", id)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return child !== undefined;
}

/** Whether a service still has tickets that are waiting, called or being served. */
/** Whether visitors are still booked for the service (from `since` on: older ones are no-shows). */
export async function hasComingAppointments(db: Executor, serviceId: string, since: Date): Promise<boolean> {
  const booked = await db
    .selectFrom("appointments")
    .select("id")
    .where("service_id", "=", serviceId)
    .where("status", "=", "booked")
    .where("starts_at", ">=", since)
    .executeTakeFirst();
  return booked !== undefined;
}

export async function hasOpenTickets(db: Executor, serviceId: string): Promise<boolean> {
  const open = await db
    .selectFrom("tickets")
    .select("id")
    .where("service_id", "=", serviceId)
    .where("status", "in", ["waiting", "called", "serving"])
    .executeTakeFirst();
  return open !== undefined;
}
