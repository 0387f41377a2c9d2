import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { ApiTokensTable, DevicesTable } from "../../db/schema.ts";

/** Data access for devices (kiosks, boards, counter displays) and API tokens. */

export function listDevices(db: Executor, branchId: string) {
  return db.selectFrom("devices").selectAll().where("branch_id", "=", branchId).orderBy("id").execute();
}

export function findDevice(db: Executor, branchId: string, id: string) {
  return db
    .selectFrom("devices")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .executeTakeFirst();
}

export function insertDevice(db: Executor, values: Insertable<DevicesTable>) {
  return db.insertInto("devices").values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateDevice(db: Executor, branchId: string, id: string, set: Updateable<DevicesTable>) {
  return db
    .updateTable("devices")
    .set(set)
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirst();
}

/** Revokes a device's token; undefined when there is no such device or it is already revoked. */
export function revokeDevice(db: Executor, branchId: string, id: string, at: Date) {
  return db
    .updateTable("devices")
    .set({ revoked_at: at })
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returning("id")
    .executeTakeFirst();
}

export function listApiTokens(db: Executor) {
  return db.selectFrom("api_tokens").selectAll().orderBy("id").execute();
}

export function insertApiToken(db: Executor, values: Insertable<ApiTokensTable>) {
  return db.insertInto("api_tokens").values(values).returningAll().executeTakeFirstOrThrow();
}

/** Revokes an API token; undefined when there is no such token or it is already revoked. */
export function revokeApiToken(db: Executor, id: string, at: Date) {
  return db
    .updateTable("api_tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .returning("id")
    .executeTakeFirst();
}
