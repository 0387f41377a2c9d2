import { parseArgs } from "node:util";
import { bootstrap } from "./bootstrap.ts";
import { loadConfig } from "./core/config.ts";
import { backupDatabase, restoreDatabase } from "./db/backup.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";
import { inTransaction } from "./db/transaction.ts";
import { DEFAULT_TICKETS_PER_DAY, generateHistory } from "./demo/history.ts";
import { seedDemoOffice } from "./demo/seed.ts";
import { generatePassword, hashPassword } from "./modules/auth/passwords.ts";
import { firstBranch } from "./queue/branches.ts";
import { startServer } from "./server.ts";

const HELP = `DigitalQueue command line

  serve                         start the server (default)
  migrate                       bring the database schema up to date and exit
  admin:create <login> [--password P] [--name N]
                                create an administrator (password generated when omitted)
  admin:reset-password <login> [--password P]
                                set a new password for an employee and end their sessions
  demo:seed                     add the demo office to the first branch (an empty database only)
  backup <file>                 PostgreSQL: pg_dump (custom format) while running; embedded database:
                                a .tar.gz of DQ_DATA_DIR (stop the server first)
  restore <file> [--force]      into an empty database or data directory; --force replaces what is
                                there (an existing data directory is moved aside, not deleted)
  history:generate [--days N] [--per-day M] [--seed S]
                                make N days of realistic history in the first branch (default 14
                                days of 120 tickets), through the queue engine with a simulated clock

Configuration comes from the environment; see README.md.`;

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      password: { type: "string" },
      name: { type: "string" },
      days: { type: "string" },
      "per-day": { type: "string" },
      seed: { type: "string" },
      force: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command = "serve", arg] = positionals;
  if (values.help || command === "help") return console.log(HELP);
  const config = loadConfig();

  if (command === "serve") {
    const { stop } = await startServer(config);
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      process.once(signal, () => {
        stop().then(
          () => process.exit(0),
          (error) => {
            console.error(error);
            process.exit(1);
          },
        );
      });
    }
    return;
  }

  if (command === "backup") {
    if (!arg) throw new Error("backup needs a file to write");
    await backupDatabase(config, arg);
    return console.log(`backup written to ${arg}`);
  }
  if (command === "restore") {
    if (!arg) throw new Error("restore needs a backup file");
    const movedTo = await restoreDatabase(config, arg, values.force ?? false);
    if (movedTo) console.log(`the previous data directory was moved to ${movedTo}`);
    return console.log(`restored from ${arg}; start the server to bring the schema up to date`);
  }

  const database = await openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db as never);
    if (command === "migrate") {
      console.log(applied.length ? `applied: ${applied.join(", ")}` : "the schema is up to date");
    } else if (command === "admin:create" || command === "admin:reset-password") {
      if (!arg) throw new Error(`${command} needs a login`);
      const password = values.password ?? generatePassword();
      if (password.length < 8) throw new Error("the password must be at least 8 characters");
      await bootstrap(database.db, { ...config, demo: false });
      const hash = await hashPassword(password);
      const existing = await database.db
        .selectFrom("employees")
        .select("id")
        .where("login", "=", arg)
        .executeTakeFirst();
      if (command === "admin:create") {
        if (existing) throw new Error(`the login ${arg} is taken`);
        const branch = await database.db
          .selectFrom("branches")
          .select("id")
          .orderBy("id")
          .executeTakeFirstOrThrow();
        const e = await database.db
          .insertInto("employees")
          .values({ login: arg, name: values.name ?? arg, role: "admin", password_hash: hash })
          .returning("id")
          .executeTakeFirstOrThrow();
        await database.db
          .insertInto("employee_branches")
          .values({ employee_id: e.id, branch_id: branch.id })
          .execute();
      } else {
        if (!existing) throw new Error(`no employee with the login ${arg}`);
        await database.db
          .updateTable("employees")
          .set({ password_hash: hash, active: true })
          .where("id", "=", existing.id)
          .execute();
        await database.db.deleteFrom("sessions").where("employee_id", "=", existing.id).execute();
      }
      console.log(`login: ${arg}\npassword: ${password}`);
    } else if (command === "demo:seed") {
      await bootstrap(database.db, { ...config, demo: false });
      const branch = await database.db
        .selectFrom("branches")
        .select("id")
        .orderBy("id")
        .executeTakeFirstOrThrow();
      const services = await database.db
        .selectFrom("services")
        .select("id")
        .where("branch_id", "=", branch.id)
        .executeTakeFirst();
      if (services)
        throw new Error("the first branch already has services; the demo goes only into an empty office");
      const demo = await inTransaction(database.db, (tx) => seedDemoOffice(tx, branch.id));
      console.log(JSON.stringify(demo, null, 2));
    } else if (command === "history:generate") {
      await bootstrap(database.db, { ...config, demo: false });
      const branch = await firstBranch(database.db);
      if (!branch) throw new Error("no branch to make history in");
      const days = positiveInt(values.days ?? "14", "--days", 3660);
      const ticketsPerDay = positiveInt(
        values["per-day"] ?? String(DEFAULT_TICKETS_PER_DAY),
        "--per-day",
        100_000,
      );
      const seed = positiveInt(values.seed ?? "42", "--seed", 2 ** 31);
      const result = await generateHistory(database.db, branch, {
        days,
        ticketsPerDay,
        seed,
        onDay: (day, tickets) => console.log(`${day}: ${tickets} tickets`),
      });
      if (result.tickets === 0)
        throw new Error("the first branch needs active services, operators and workstations for a history");
      console.log(`made ${result.tickets} tickets over ${result.days} working days`);
    } else {
      throw new Error(`unknown command ${command}\n\n${HELP}`);
    }
  } finally {
    await database.close();
  }
}

function positiveInt(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
