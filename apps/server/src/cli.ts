import { parseArgs } from "node:util";
import { adminCreateCommand, adminResetPasswordCommand } from "./cli-accounts.ts";
import {
  backupCommand,
  type CliCommand,
  migrateCommand,
  restoreCommand,
  serveCommand,
} from "./cli-commands.ts";
import { demoSeedCommand, historyGenerateCommand } from "./cli-demo.ts";
import { loadConfig } from "./core/config.ts";
import { openDatabase } from "./db/database.ts";
import { migrateToLatest } from "./db/migrate.ts";

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

const COMMANDS: Record<string, CliCommand> = {
  serve: serveCommand,
  migrate: migrateCommand,
  "admin:create": adminCreateCommand,
  "admin:reset-password": adminResetPasswordCommand,
  "demo:seed": demoSeedCommand,
  backup: backupCommand,
  restore: restoreCommand,
  "history:generate": historyGenerateCommand,
};

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
  const [name = "serve", arg] = positionals;
  if (values.help || name === "help") return console.log(HELP);
  const config = loadConfig();
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new Error(`unknown command ${name}\n\n${HELP}`);
  if (!command.database) return command.run({ config, arg, values });

  const database = await openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db as never);
    await command.run({ config, arg, values, db: database.db, applied });
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
