import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Config } from "../core/config.ts";
import { acquireDataDirLock } from "./data-dir-lock.ts";

/**
 * Backups of either database, as one command:
 * - PostgreSQL: `pg_dump --format=custom` (consistent while the app runs; any number of instances)
 *   and `pg_restore` into an empty database;
 * - PGlite: a gzipped tarball of the data directory made by PGlite itself. The directory can be
 *   opened by one process at a time, so the server must be stopped (the data-directory lock says so).
 */
export async function backupDatabase(config: Config, file: string): Promise<void> {
  if (config.database.kind === "postgres") {
    await run("pg_dump", ["--format=custom", "--no-owner", "--file", file], config.database.url);
    return;
  }
  const dataDir = requireDataDir(config);
  if (!existsSync(join(dataDir, "PG_VERSION"))) throw new Error(`no embedded database in ${dataDir}`);
  const unlock = acquireDataDirLock(dataDir);
  try {
    const db = await PGlite.create(dataDir);
    try {
      const dump = await db.dumpDataDir("gzip");
      writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  } finally {
    unlock();
  }
}

/**
 * Restores a backup made by backupDatabase. The target must be empty — a new PostgreSQL database,
 * or a missing or empty data directory — unless `force`: then PostgreSQL objects are dropped and
 * replaced, and an existing data directory is moved aside (`<dir>.before-restore-<time>`), never
 * deleted.
 */
export async function restoreDatabase(config: Config, file: string, force: boolean): Promise<string | null> {
  if (!existsSync(file)) throw new Error(`no backup file ${file}`);
  if (config.database.kind === "postgres") {
    const url = config.database.url;
    if (!force && (await hasTables(url)))
      throw new Error(
        "the database is not empty: restore into a new database, or pass --force to replace it",
      );
    await run(
      "pg_restore",
      [
        "--no-owner",
        "--single-transaction",
        "--exit-on-error",
        ...(force ? ["--clean", "--if-exists"] : []),
        file,
      ],
      url,
    );
    return null;
  }
  const dataDir = requireDataDir(config);
  let movedTo: string | null = null;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    if (!force) throw new Error(`${dataDir} is not empty: pass --force to move it aside and restore`);
    // Refuses while a server has it open.
    acquireDataDirLock(dataDir)();
    movedTo = `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    renameSync(dataDir, movedTo);
  }
  mkdirSync(dataDir, { recursive: true });
  const unlock = acquireDataDirLock(dataDir);
  try {
    const db = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
    await db.query("select 1");
    await db.close();
  } finally {
    unlock();
  }
  return movedTo;
}

function requireDataDir(config: Config): string {
  if (config.database.kind !== "pglite" || !config.database.dataDir) throw new Error("no DQ_DATA_DIR");
  return config.database.dataDir;
}

async function hasTables(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query("select count(*)::int as n from pg_tables where schemaname = 'public'");
    return r.rows[0].n > 0;
  } finally {
    await client.end();
  }
}

/**
 * Runs a PostgreSQL client tool against `url`. The password goes in PGPASSWORD, not on the command
 * line, where any local user could read it.
 */
function run(tool: string, args: string[], url: string): Promise<void> {
  const target = new URL(url);
  const password = decodeURIComponent(target.password);
  target.password = "";
  return new Promise((resolve, reject) => {
    const child = spawn(tool, [...args, "--dbname", target.toString()], {
      stdio: ["ignore", "inherit", "pipe"],
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", (error) =>
      reject(
        (error as NodeJS.ErrnoException).code === "ENOENT"
          ? new Error(
              `${tool} not found: install the PostgreSQL client tools (the same major version as the server or newer)`,
            )
          : error,
      ),
    );
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
