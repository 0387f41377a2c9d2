import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { migrateToLatest } from "../../src/db/migrate.ts";

/** The embedded database on disk: one process at a time, data kept across restarts. */
const dir = mkdtempSync(join(tmpdir(), "dq-pglite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("PGlite data directory", () => {
  it("keeps data across a close and reopen, and refuses a second opener meanwhile", async () => {
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    await migrateToLatest(first.db as never);
    await first.db.insertInto("branches").values({ name: "Kept", timezone: "UTC", settings: "{}" }).execute();
    expect(readFileSync(join(dir, "digitalqueue.lock"), "utf8")).toBe(String(process.pid));

    // Same pid owns it: simulate another live process by writing the parent's pid.
    writeFileSync(join(dir, "digitalqueue.lock"), String(process.ppid));
    await expect(openDatabase({ kind: "pglite", dataDir: dir })).rejects.toThrow(/in use by process/);
    writeFileSync(join(dir, "digitalqueue.lock"), String(process.pid));

    await first.close();
    expect(() => readFileSync(join(dir, "digitalqueue.lock"))).toThrow();

    const second = await openDatabase({ kind: "pglite", dataDir: dir });
    const rows = await second.db.selectFrom("branches").select("name").execute();
    expect(rows).toEqual([{ name: "Kept" }]);
    await second.close();
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    writeFileSync(join(dir, "digitalqueue.lock"), "999999");
    const db = await openDatabase({ kind: "pglite", dataDir: dir });
    expect(readFileSync(join(dir, "digitalqueue.lock"), "utf8")).toBe(String(process.pid));
    await db.close();
  });
});
