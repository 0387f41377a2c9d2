import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { adminUrl, testDatabaseName, withDatabase } from "../helpers/postgres-url.ts";
import { spawnServer, stopServer, waitReady } from "../helpers/server-process.ts";
import { SseClient } from "../helpers/sse.ts";

/** The real command a newcomer runs: start, use, SIGTERM, start again; the data is still there. */
const dataDir = mkdtempSync(join(tmpdir(), "dq-process-"));
const port = 18000 + Math.floor(Math.random() * 1000);
const base = `http://127.0.0.1:${port}`;
let child: ChildProcess | null = null;
let output = () => "";

// A test that failed half-way must not leave its server holding the port for the next one.
afterEach(() => {
  child?.kill("SIGKILL");
  child = null;
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(databaseUrl = ""): Promise<ChildProcess> {
  const server = spawnServer({
    PORT: String(port),
    DQ_DATA_DIR: dataDir,
    DQ_ADMIN_PASSWORD: "process-admin-1",
    DQ_DEMO: databaseUrl ? "0" : "1",
    DQ_DEMO_HISTORY_DAYS: "2",
    DATABASE_URL: databaseUrl,
  });
  output = server.output;
  child = server.proc;
  await waitReady(`${base}/readyz`, "server", server.output);
  return server.proc;
}

const stop = stopServer;

describe("the server process on the embedded database", () => {
  it("starts with the demo office, stops cleanly on SIGTERM with a board connected, and keeps its data", async () => {
    delete process.env.DATABASE_URL;
    child = await start();
    expect(output()).toContain("Demo office created");
    // The first start made past days for the reports before it listened (on a Sunday, only one of
    // the two is open).
    expect(output()).toMatch(/Making 2 days of demo history .*\.\.\n/);
    expect(output()).toContain("Demo history ready");
    const signIn = await fetch(`${base}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ login: "admin", password: "process-admin-1" }),
    });
    const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const daily = (await (
      await fetch(`${base}/api/v1/reports/daily?from=${day(5)}&to=${day(-1)}`, { headers: { cookie } })
    ).json()) as { days: { day: string; issued: number; served: number }[] };
    expect(daily.days.length).toBeGreaterThanOrEqual(1);
    for (const d of daily.days) expect(d.served).toBeGreaterThan(0);
    const kioskToken = /kiosk\?token=(dqd_[\w-]+)/.exec(output())?.[1];
    expect(kioskToken).toBeDefined();

    const services = (await (
      await fetch(`${base}/api/v1/services`, { headers: { authorization: `Bearer ${kioskToken}` } })
    ).json()) as {
      items: { id: string; name: string }[];
    };
    const buy = services.items.find((s) => s.name === "Купить билет")!;
    const issued = await fetch(`${base}/api/v1/tickets`, {
      method: "POST",
      headers: { authorization: `Bearer ${kioskToken}`, "content-type": "application/json" },
      body: JSON.stringify({ serviceId: buy.id }),
    });
    expect(issued.status).toBe(201);
    const ticket = (await issued.json()) as { label: string; code: string };
    expect(ticket.label).toBe("А001");

    const board = await SseClient.connect(`${base}/api/v1/events?channel=board`);
    expect(board.status).toBe(200);
    const t0 = Date.now();
    expect(await stop(child)).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
    await board.close();
    expect(existsSync(join(dataDir, "digitalqueue.lock"))).toBe(false);

    child = await start();
    expect(output()).not.toContain("Demo office created");
    const again = await (await fetch(`${base}/api/v1/tickets/${ticket.code}`)).json();
    expect(again).toMatchObject({ label: "А001", status: "waiting", position: 0 });
    expect(await stop(child)).toBe(0);
    child = null;
    // Two starts of a real process, one making two days of demo history on PGlite: about 15 s on
    // an idle 2-core machine, near 30 s while the other test files share its cores, more on a
    // machine busy with other work too.
  }, 180_000);
});

describe("the server process on PostgreSQL", () => {
  it("runs on DATABASE_URL, keeps data across a restart and stops cleanly", async () => {
    const admin = new pg.Client({ connectionString: adminUrl() });
    const name = testDatabaseName("process");
    await admin.connect();
    await admin.query(`create database "${name}"`);
    try {
      child = await start(withDatabase(name));
      expect(output()).toContain("(database: postgres)");
      expect(output()).not.toContain("Demo office created");
      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ login: "admin", password: "process-admin-1" }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
      const created = await fetch(`${base}/api/v1/categories`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ name: "Kept", priority: 1 }),
      });
      expect(created.status).toBe(201);
      expect(await stop(child)).toBe(0);
      child = await start(withDatabase(name));
      const list = (await (await fetch(`${base}/api/v1/categories`, { headers: { cookie } })).json()) as {
        items: { name: string }[];
      };
      expect(list.items.map((c) => c.name)).toEqual(["Kept"]);
      expect(await stop(child)).toBe(0);
      child = null;
    } finally {
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
    }
  }, 120_000);
});
