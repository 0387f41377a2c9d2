import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";
import { adminUrl, testDatabaseName, withDatabase } from "./postgres-url.ts";

export type TestDbKind = "postgres" | "pglite";

export function testDbKind(): TestDbKind {
  return process.env.DQ_TEST_DB === "postgres" ? "postgres" : "pglite";
}

export interface TestDatabase {
  kind: TestDbKind;
  /** Opens a connection (pool) to this test database; PostgreSQL allows several, like app instances. */
  open(): Promise<Database>;
  /** PostgreSQL: where the database is. */
  url?: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database for one test file: a clone of the template on PostgreSQL, in-memory PGlite otherwise. */
export async function createTestDatabase(
  kind: TestDbKind = testDbKind(),
  /** PGlite on disk instead of in memory (e.g. to back it up). */
  dataDir: string | null = null,
): Promise<TestDatabase> {
  if (kind === "pglite") {
    let single: Database | null = null;
    return {
      kind,
      async open() {
        if (single) throw new Error("PGlite is a single in-process database; open it once");
        single = await openDatabase({ kind: "pglite", dataDir });
        await migrateToLatest(single.db as never);
        return single;
      },
      async drop() {},
    };
  }
  const name = testDatabaseName("file");
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database "${name}" template "${inject("templateDb")}"`);
  await admin.end();
  return {
    kind,
    url: withDatabase(name),
    open: () => openDatabase({ kind: "postgres", url: withDatabase(name), poolSize: 30 }),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl() });
      await c.connect();
      await c.query(`drop database if exists "${name}" with (force)`);
      await c.end();
    },
  };
}

/**
 * A migrated database of the test file's own, opened before its tests and dropped after them:
 * `const database = useTestDatabase();`, then `database().db` inside a test.
 */
export function useTestDatabase(): () => Database {
  let testDb: TestDatabase | undefined;
  let database: Database | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    database = await testDb.open();
  });
  afterAll(async () => {
    await database?.close();
    await testDb?.drop();
  });
  return () => {
    if (!database) throw new Error("the test database is opened in beforeAll");
    return database;
  };
}
