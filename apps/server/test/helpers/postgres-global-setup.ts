import pg from "pg";
import { openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { adminUrl, TEMPLATE_DB, withDatabase } from "./postgres-url.ts";

/** Migrates a template database once; every test file then clones it (CREATE DATABASE … TEMPLATE). */
export default async function setup() {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    // Leftovers of an interrupted run would otherwise accumulate.
    const stale = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'dq_test_%'",
    );
    for (const { datname } of stale.rows)
      await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.query(`create database "${TEMPLATE_DB}"`);
  } finally {
    await admin.end();
  }
  const database = await openDatabase({ kind: "postgres", url: withDatabase(TEMPLATE_DB), poolSize: 2 });
  await migrateToLatest(database.db as never);
  await database.close();
}
