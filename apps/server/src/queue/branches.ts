import { type BranchSettings, type BranchSettingsPatch, branchSettingsSchema } from "@dq/shared";
import type { BranchContext } from "../core/branch-context.ts";
import type { Executor } from "../db/executor.ts";
import type { BranchRow } from "../db/schema.ts";

export function toBranchContext(row: BranchRow): BranchContext {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    // Stored settings are merged over defaults, so settings added later get their default.
    settings: branchSettingsSchema.parse(row.settings ?? {}) as BranchSettings,
  };
}

export async function findBranch(db: Executor, id: string) {
  const row = await db.selectFrom("branches").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toBranchContext(row) : null;
}

export async function firstBranch(db: Executor) {
  const row = await db.selectFrom("branches").selectAll().orderBy("id").limit(1).executeTakeFirst();
  return row ? toBranchContext(row) : null;
}

export async function insertBranch(
  db: Executor,
  b: { name: string; timezone: string; settings?: BranchSettingsPatch },
) {
  const settings = branchSettingsSchema.parse(b.settings ?? {});
  const row = await db
    .insertInto("branches")
    .values({ name: b.name, timezone: b.timezone, settings: JSON.stringify(settings) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toBranchContext(row);
}

export async function listBranches(db: Executor) {
  const rows = await db.selectFrom("branches").selectAll().orderBy("id").execute();
  return rows.map(toBranchContext);
}

/** Changes a branch's name, timezone and (already merged) settings. */
export async function updateBranch(
  db: Executor,
  id: string,
  change: { name?: string; timezone?: string; settings: BranchSettings; at: Date },
) {
  await db
    .updateTable("branches")
    .set({
      ...(change.name !== undefined && { name: change.name }),
      ...(change.timezone !== undefined && { timezone: change.timezone }),
      settings: JSON.stringify(change.settings),
      updated_at: change.at,
    })
    .where("id", "=", id)
    .execute();
}
