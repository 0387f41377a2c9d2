import type { Kysely } from "kysely";
import type { Config } from "./core/config.ts";
import { backupDatabase, restoreDatabase } from "./db/backup.ts";
import type { DB } from "./db/schema.ts";
import { firstBranch } from "./queue/branches.ts";
import { startServer } from "./server.ts";

/** The options `parseArgs` reads; each command looks at those it takes. */
export interface CliValues {
  password?: string;
  name?: string;
  days?: string;
  "per-day"?: string;
  seed?: string;
  force?: boolean;
}

export interface CliInput {
  config: Config;
  /** The positional argument after the command (a login, a file). */
  arg: string | undefined;
  values: CliValues;
}

/**
 * A command of the command line. Those that work on the database get it opened and migrated to the
 * latest schema first (`applied` lists the migrations this run applied), and closed after.
 */
export type CliCommand =
  | { database: false; run: (input: CliInput) => Promise<void> }
  | {
      database: true;
      run: (input: CliInput & { db: Kysely<DB>; applied: string[] }) => Promise<void>;
    };

/** The server until SIGTERM or SIGINT, which stop it gracefully. */
export const serveCommand: CliCommand = {
  database: false,
  async run({ config }) {
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
  },
};

export const backupCommand: CliCommand = {
  database: false,
  async run({ config, arg }) {
    if (!arg) throw new Error("backup needs a file to write");
    await backupDatabase(config, arg);
    console.log(`backup written to ${arg}`);
  },
};

export const restoreCommand: CliCommand = {
  database: false,
  async run({ config, arg, values }) {
    if (!arg) throw new Error("restore needs a backup file");
    const movedTo = await restoreDatabase(config, arg, values.force ?? false);
    if (movedTo) console.log(`the previous data directory was moved to ${movedTo}`);
    console.log(`restored from ${arg}; start the server to bring the schema up to date`);
  },
};

/** Every command that opens the database migrates it; this one only says what it did. */
export const migrateCommand: CliCommand = {
  database: true,
  async run({ applied }) {
    console.log(applied.length ? `applied: ${applied.join(", ")}` : "the schema is up to date");
  },
};

/** The first branch, which the commands that add people or data work in. */
export async function firstBranchOrThrow(db: Kysely<DB>) {
  const branch = await firstBranch(db);
  if (!branch) throw new Error("no branch to work in");
  return branch;
}

export function positiveInt(value: string, name: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`${name} must be a whole number from 1 to ${max}`);
  return n;
}
