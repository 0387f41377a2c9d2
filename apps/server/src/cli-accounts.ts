import type { Kysely } from "kysely";
import { bootstrap } from "./bootstrap.ts";
import { type CliCommand, type CliInput, firstBranchOrThrow } from "./cli-commands.ts";
import type { DB } from "./db/schema.ts";
import { generatePassword, hashPassword } from "./modules/auth/passwords.ts";

type AccountInput = CliInput & { db: Kysely<DB> };

/** An administrator of the first branch, with the given or a generated password. */
export const adminCreateCommand: CliCommand = {
  database: true,
  run: (input) =>
    withNewPassword("admin:create", input, async (login, hash) => {
      const { db, values } = input;
      if (await employeeIdByLogin(db, login)) throw new Error(`the login ${login} is taken`);
      const branch = await firstBranchOrThrow(db);
      const e = await db
        .insertInto("employees")
        .values({ login, name: values.name ?? login, role: "admin", password_hash: hash })
        .returning("id")
        .executeTakeFirstOrThrow();
      await db.insertInto("employee_branches").values({ employee_id: e.id, branch_id: branch.id }).execute();
    }),
};

/** A new password for an employee, who is made active again and signed out everywhere. */
export const adminResetPasswordCommand: CliCommand = {
  database: true,
  run: (input) =>
    withNewPassword("admin:reset-password", input, async (login, hash) => {
      const { db } = input;
      const id = await employeeIdByLogin(db, login);
      if (!id) throw new Error(`no employee with the login ${login}`);
      await db
        .updateTable("employees")
        .set({ password_hash: hash, active: true })
        .where("id", "=", id)
        .execute();
      await db.deleteFrom("sessions").where("employee_id", "=", id).execute();
    }),
};

/** Checks the login and the password (generated when not given), applies it and prints both. */
async function withNewPassword(
  command: string,
  { db, config, arg, values }: AccountInput,
  apply: (login: string, hash: string) => Promise<void>,
): Promise<void> {
  if (!arg) throw new Error(`${command} needs a login`);
  const password = values.password ?? generatePassword();
  if (password.length < 8) throw new Error("the password must be at least 8 characters");
  await bootstrap(db, { ...config, demo: false });
  await apply(arg, await hashPassword(password));
  console.log(`login: ${arg}\npassword: ${password}`);
}

async function employeeIdByLogin(db: Kysely<DB>, login: string): Promise<string | undefined> {
  const row = await db.selectFrom("employees").select("id").where("login", "=", login).executeTakeFirst();
  return row?.id;
}
