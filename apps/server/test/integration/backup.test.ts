import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Config } from "../../src/core/config.ts";
import { backupDatabase, restoreDatabase } from "../../src/db/backup.ts";
import { openDatabase } from "../../src/db/database.ts";
import { buildOffice, issue, takeWorkstation } from "../helpers/office.ts";
import { adminUrl, testDatabaseName, withDatabase } from "../helpers/postgres-url.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";
import { testDbKind } from "../helpers/test-database.ts";

/**
 * `dq backup` and `dq restore` on the database this run tests: PostgreSQL backed up while the app
 * runs (pg_dump), or the embedded database from its data directory once the server stopped.
 */
const kind = testDbKind();
const work = mkdtempSync(join(tmpdir(), "dq-backup-"));
const file = join(work, kind === "postgres" ? "backup.dump" : "backup.tar.gz");
let ctx: TestContext;
let source: Config["database"];
let before: { tickets: unknown[]; segments: unknown[]; events: number };
const targets: string[] = [];

async function snapshot(db: import("kysely").Kysely<import("../../src/db/schema.ts").DB>) {
  return {
    tickets: await db.selectFrom("tickets").selectAll().orderBy("id").execute(),
    segments: await db
      .selectFrom("ticket_segments")
      .selectAll()
      .orderBy("ticket_id")
      .orderBy("segment")
      .execute(),
    events: Number(
      (
        await db
          .selectFrom("events")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  };
}

async function emptyPostgres(): Promise<string> {
  const name = testDatabaseName("restore");
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  targets.push(name);
  return withDatabase(name);
}

beforeAll(async () => {
  ctx = await createTestContext({
    realClock: true,
    ...(kind === "pglite" ? { dataDir: join(work, "data") } : {}),
  });
  const office = await buildOffice(ctx);
  // A morning: two served, one called, three waiting.
  const tickets = [];
  for (let i = 0; i < 6; i++)
    tickets.push(await issue(ctx, office, i % 2 ? office.services.buy : office.services.refund));
  await takeWorkstation(ctx, office.operators.anna.cookie, office.workstations.w1);
  for (let i = 0; i < 3; i++) {
    const called = await ctx.request("POST", "/api/v1/operator/call-next", {
      cookie: office.operators.anna.cookie,
    });
    if (i === 2) break;
    const cookie = office.operators.anna.cookie;
    await ctx.request("POST", `/api/v1/operator/tickets/${called.body.id}/start`, { cookie });
    const finished = await ctx.request("POST", `/api/v1/operator/tickets/${called.body.id}/finish`, {
      cookie,
      body: {},
    });
    expect(finished.body.status).toBe("served");
  }
  before = await snapshot(ctx.database.db);
  expect(before.tickets).toHaveLength(6);
  source =
    kind === "postgres"
      ? { kind: "postgres", url: ctx.testDb.url! }
      : { kind: "pglite", dataDir: join(work, "data") };
  // The embedded database is backed up with the server stopped; PostgreSQL while it runs.
  if (kind === "pglite") await ctx.close();
}, 60_000);

afterAll(async () => {
  if (kind === "postgres") {
    await ctx.close();
    const admin = new pg.Client({ connectionString: adminUrl() });
    await admin.connect();
    for (const name of targets) await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  rmSync(work, { recursive: true, force: true });
});

const withDatabaseConfig = (database: Config["database"]) => ({ ...ctx.config, database }) as Config;

describe(`backup and restore (${kind})`, () => {
  it("restores every ticket, segment and event", async () => {
    await backupDatabase(withDatabaseConfig(source), file);
    const target: Config["database"] =
      kind === "postgres"
        ? { kind: "postgres", url: await emptyPostgres() }
        : { kind: "pglite", dataDir: join(work, "restored") };
    expect(await restoreDatabase(withDatabaseConfig(target), file, false)).toBeNull();

    const restored = await openDatabase(target);
    try {
      const after = await snapshot(restored.db);
      expect(after.tickets).toEqual(before.tickets);
      expect(after.segments).toEqual(before.segments);
      expect(after.events).toBe(before.events);
      expect(after.tickets.map((t: any) => t.status).sort()).toEqual([
        "called",
        "served",
        "served",
        "waiting",
        "waiting",
        "waiting",
      ]);
    } finally {
      await restored.close();
    }
  });

  it("refuses to restore over data without --force; with it, keeps the old data aside", async () => {
    const target: Config["database"] =
      kind === "postgres"
        ? { kind: "postgres", url: ctx.testDb.url! }
        : { kind: "pglite", dataDir: join(work, "restored") };
    await expect(restoreDatabase(withDatabaseConfig(target), file, false)).rejects.toThrow(
      kind === "postgres" ? /the database is not empty/ : /is not empty: pass --force/,
    );
    if (kind === "pglite") {
      const movedTo = await restoreDatabase(withDatabaseConfig(target), file, true);
      expect(movedTo).toMatch(/restored\.before-restore-/);
      expect(readdirSync(work).filter((f) => f.startsWith("restored"))).toHaveLength(2);
      const restored = await openDatabase(target);
      expect((await snapshot(restored.db)).tickets).toEqual(before.tickets);
      await restored.close();
    }
  });

  it("names a missing backup file", async () => {
    await expect(restoreDatabase(withDatabaseConfig(source), join(work, "nope.dump"), false)).rejects.toThrow(
      /no backup file .*nope\.dump/,
    );
  });
});
