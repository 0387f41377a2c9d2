import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { adminUrl, STALE_AFTER_SECONDS, testDatabaseName, withDatabase } from "./postgres-url.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The migrated database every test file of this run clones (CREATE DATABASE … TEMPLATE). */
    templateDb: string;
  }
}

async function withAdmin<T>(fn: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.end();
  }
}

/** Migrates a template database once per run; drops it afterwards, and old leftovers of killed runs. */
export default async function setup(project: TestProject) {
  const template = testDatabaseName("template");
  await withAdmin(async (admin) => {
    const all = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname ~ '^dq_test_[0-9]+_'",
    );
    const now = Date.now() / 1000;
    for (const { datname } of all.rows) {
      const created = Number(datname.split("_")[2]);
      if (now - created > STALE_AFTER_SECONDS)
        await admin.query(`drop database if exists "${datname}" with (force)`);
    }
    await admin.query(`create database "${template}"`);
  });
  const database = await openDatabase({ kind: "postgres", url: withDatabase(template), poolSize: 2 });
  await migrateToLatest(database.db as never);
  await database.close();
  project.provide("templateDb", template);
  return async () => {
    await withAdmin((admin) => admin.query(`drop database if exists "${template}" with (force)`));
  };
}
