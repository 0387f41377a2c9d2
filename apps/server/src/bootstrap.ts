import { type Kysely, sql } from "kysely";
import type { Config } from "./core/config.ts";
import type { DB } from "./db/schema.ts";
import { inTransaction } from "./db/transaction.ts";
import { type DemoSummary, seedDemoOffice } from "./demo/seed.ts";
import { generatePassword, hashPassword } from "./modules/auth/passwords.ts";
import { insertBranch } from "./queue/branches.ts";

export interface BootstrapResult {
  /** Present when this start created the first administrator. */
  admin?: { login: string; password: string; generated: boolean };
  demo?: DemoSummary;
}

/**
 * First start: a branch, an administrator and (if asked) the demo office. Runs under an advisory
 * lock so that instances starting together do it once.
 */
export async function bootstrap(db: Kysely<DB>, config: Config): Promise<BootstrapResult> {
  return inTransaction(db, async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext('digitalqueue.bootstrap'))`.execute(tx);
    const result: BootstrapResult = {};
    let branch = await tx.selectFrom("branches").select("id").orderBy("id").limit(1).executeTakeFirst();
    const isNew = !branch;
    if (!branch) {
      branch = await insertBranch(tx, {
        name: config.demo ? "Железнодорожная касса «Центральный вокзал»" : "Офис",
        timezone: config.defaultTimezone,
      });
    }
    const admin = await tx
      .selectFrom("employees")
      .select("id")
      .where("role", "=", "admin")
      .where("deleted_at", "is", null)
      .limit(1)
      .executeTakeFirst();
    if (!admin) {
      const password = config.adminPassword ?? generatePassword();
      const row = await tx
        .insertInto("employees")
        .values({
          login: config.adminLogin,
          name: "Администратор",
          role: "admin",
          password_hash: await hashPassword(password),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await tx
        .insertInto("employee_branches")
        .values({ employee_id: row.id, branch_id: branch.id })
        .execute();
      result.admin = { login: config.adminLogin, password, generated: !config.adminPassword };
    }
    if (config.demo && isNew) result.demo = await seedDemoOffice(tx, branch.id);
    return result;
  });
}
