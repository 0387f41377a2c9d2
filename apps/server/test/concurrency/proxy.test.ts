import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUrl, testDatabaseName, withDatabase } from "../helpers/postgres-url.ts";
import { HttpReceiver } from "../helpers/receivers.ts";
import { type ServerProcess, spawnServer, waitReady } from "../helpers/server-process.ts";
import { SseClient } from "../helpers/sse.ts";

/**
 * The production topology, for real: two server processes on one new PostgreSQL database behind
 * Debian's nginx (with the proxy configuration the deployment examples ship), all on loopback.
 * Both instances start at once on an empty database, so they race to migrate it.
 */
const root = resolve(import.meta.dirname, "../../../..");
const work = mkdtempSync(join(tmpdir(), "dq-proxy-"));
const dbName = testDatabaseName("proxy");
const ADMIN_PASSWORD = "proxy-admin-password";
const instances: ({ port: number } & ServerProcess)[] = [];
let nginx: ChildProcess | null = null;
let base = "";
let receiver: HttpReceiver;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

function startInstance(port: number) {
  const server = spawnServer({
    PORT: String(port),
    DATABASE_URL: withDatabase(dbName),
    DQ_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DQ_DEMO: "0",
    DQ_TRUST_PROXY: "1",
    DQ_ALERT_INTERVAL_SECONDS: "1",
  });
  instances.push({ port, ...server });
}

/** nginx in the foreground with its files in the work directory, proxying to both instances. */
async function startNginx(ports: number[]): Promise<string> {
  const port = await freePort();
  const snippet = readFileSync(join(root, "deploy/nginx/digitalqueue.conf"), "utf8");
  const conf = join(work, "nginx.conf");
  writeFileSync(
    conf,
    `
pid ${work}/nginx.pid;
error_log ${work}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${work}/body;
  proxy_temp_path ${work}/proxy;
  fastcgi_temp_path ${work}/fastcgi;
  uwsgi_temp_path ${work}/uwsgi;
  scgi_temp_path ${work}/scgi;
  upstream digitalqueue { ${ports.map((p) => `server 127.0.0.1:${p};`).join(" ")} }
  server {
    listen 127.0.0.1:${port};
    # Which instance answered, so the test can tell them apart.
    add_header X-Upstream $upstream_addr always;
    ${snippet}
  }
}`,
  );
  let output = "";
  nginx = spawn("nginx", ["-c", conf, "-p", work, "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  nginx.stderr!.on("data", (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/readyz`, "nginx", () => `${output}\n${readLog()}`);
  return url;
}

function readLog() {
  try {
    return readFileSync(join(work, "error.log"), "utf8");
  } catch {
    return "";
  }
}

async function http(method: string, path: string, cookie: string | null, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

async function login(loginName: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login: loginName, password }),
  });
  expect(res.status).toBe(200);
  return res.headers.get("set-cookie")!.split(";")[0]!;
}

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`create database "${dbName}"`);
  await admin.end();
  receiver = await HttpReceiver.start();
  const ports = [await freePort(), await freePort()];
  for (const port of ports) startInstance(port);
  for (const i of instances)
    await waitReady(`http://127.0.0.1:${i.port}/readyz`, `instance ${i.port}`, i.output);
  base = await startNginx(ports);
}, 90_000);

afterAll(async () => {
  nginx?.kill("SIGQUIT");
  for (const i of instances) i.proc.kill("SIGTERM");
  await receiver?.close();
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
});

describe("two instances behind nginx on one PostgreSQL", () => {
  it("both started on an empty database: each migration ran once, one administrator", async () => {
    const client = new pg.Client({ connectionString: withDatabase(dbName) });
    await client.connect();
    try {
      const migrations = await client.query("select name from kysely_migration order by name");
      expect(migrations.rows.map((r) => r.name)).toEqual([
        "0001_initial",
        "0002_ticket_segments",
        "0003_report_rollups",
        "0004_alerts",
        "0005_ticket_calls",
        "0006_demo_history",
        "0007_wait_quotes",
        "0008_appointments",
        "0009_remote_visitors",
      ]);
      const admins = await client.query("select login from employees where role = 'admin'");
      expect(admins.rows).toEqual([{ login: "admin" }]);
    } finally {
      await client.end();
    }
  });

  it("streams events through the proxy without buffering, from whichever instance made them", async () => {
    const cookie = await login("admin", ADMIN_PASSWORD);
    const service = await http("POST", "/api/v1/services", cookie, { name: "Справки", prefix: "С" });
    expect(service.status).toBe(201);
    const kiosk = await http("POST", "/api/v1/devices", cookie, { kind: "kiosk", name: "Киоск" });
    const board = await http("POST", "/api/v1/devices", cookie, { kind: "board", name: "Табло" });

    // Board streams through nginx until there is one on each instance (round robin alternates).
    const streams: SseClient[] = [];
    const upstreams = new Set<string>();
    for (let i = 0; i < 6 && upstreams.size < 2; i++) {
      const stream = await SseClient.connect(`${base}/api/v1/events?channel=board&token=${board.body.token}`);
      expect(stream.status).toBe(200);
      const upstream = stream.headers.get("x-upstream") ?? "";
      if (upstreams.has(upstream)) {
        await stream.close();
        continue;
      }
      upstreams.add(upstream);
      streams.push(stream);
    }
    expect(upstreams.size).toBe(2);
    try {
      const issued = Date.now();
      const res = await fetch(`${base}/api/v1/tickets`, {
        method: "POST",
        headers: { authorization: `Bearer ${kiosk.body.token}`, "content-type": "application/json" },
        body: JSON.stringify({ serviceId: service.body.id }),
      });
      expect(res.status).toBe(201);
      const { label } = (await res.json()) as { label: string };
      // Each stream, whichever instance it is on, gets the event at once: nothing held in a buffer.
      for (const s of streams)
        await s.waitFor((events) =>
          events.some((e) => e.event === "ticket.issued" && (e.data as any).label === label),
        );
      expect(Date.now() - issued).toBeLessThan(2000);
    } finally {
      for (const s of streams) await s.close();
    }
  });

  it("evaluates alerts in one instance only: one alert, one message", async () => {
    const cookie = await login("admin", ADMIN_PASSWORD);
    const rule = await http("POST", "/api/v1/alert-rules", cookie, {
      kind: "queue_length",
      threshold: 0,
      channels: [{ type: "in_app" }, { type: "webhook", url: receiver.url }],
    });
    expect(rule.status).toBe(201);
    // Both instances evaluate every second; give them several rounds.
    await new Promise((r) => setTimeout(r, 4000));
    const alerts = await http("GET", "/api/v1/alerts", cookie);
    expect(alerts.body.total).toBe(1);
    expect(receiver.received.map((r) => JSON.parse(r.body).event)).toEqual(["alert.opened"]);
  });

  it("an instance stopped for an upgrade ends its streams and exits; the proxy sends everyone to the other", async () => {
    const board = await http("POST", "/api/v1/devices", await login("admin", ADMIN_PASSWORD), {
      kind: "board",
      name: "Табло 2",
    });
    const stopping = instances[0]!;
    const stream = await SseClient.connect(
      `http://127.0.0.1:${stopping.port}/api/v1/events?channel=board&token=${board.body.token}`,
    );
    expect(stream.status).toBe(200);
    const exited = new Promise<number | null>((r) => stopping.proc.once("exit", r));
    stopping.proc.kill("SIGTERM");
    expect(await exited).toBe(0);
    await stream.closed;
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });
});
