/**
 * SSE fan-out benchmark: --clients board clients on the public event stream of the real server
 * process (PostgreSQL), then --events tickets issued one after another; for each event, the time
 * from the issue request's start until every client has received it. Also the server's memory per
 * idle client (resident set size before and after connecting them).
 *
 * Usage: node bench/sse-fanout.ts [--clients 10000] [--events 20]
 * Needs PostgreSQL (DQ_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres). The
 * clients run in this process over plain sockets; raise `ulimit -n` above --clients if needed.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: { clients: { type: "string", default: "10000" }, events: { type: "string", default: "20" } },
});
const CLIENTS = Number(values.clients);
const EVENTS = Number(values.events);
const adminUrl = process.env.DQ_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `dq_bench_sse_${Date.now()}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const port = 18901;
const base = `http://127.0.0.1:${port}`;
const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

async function sql(query: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(query);
  await c.end();
}

const rssKb = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, cookie: res.headers.get("set-cookie") };
}

/** A board client that only looks for `"label":"…"` in what arrives and remembers when. */
function connect(onLabel: (label: string) => void): Promise<void> {
  return new Promise((resolveConnected, reject) => {
    const req = http.get(`${base}/api/v1/events?channel=board`, { agent }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        for (const m of chunk.matchAll(/"label":"([^"]+)"/g)) onLabel(m[1]!);
      });
      resolveConnected();
    });
    req.on("error", reject);
  });
}

async function main() {
  await sql(`create database "${dbName}"`);
  const server = spawn(process.execPath, ["apps/server/src/cli.ts", "serve"], {
    cwd: resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      DQ_ADMIN_PASSWORD: "bench-admin-1",
      DQ_DEMO: "0",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  try {
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${base}/readyz`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const cookie = (
      await api("POST", "/api/v1/auth/login", { login: "admin", password: "bench-admin-1" })
    ).cookie!.split(";")[0]!;
    const service = (await api("POST", "/api/v1/services", { name: "S", prefix: "S" }, { cookie })).body.id;
    const kiosk = (await api("POST", "/api/v1/devices", { kind: "kiosk", name: "k" }, { cookie })).body.token;

    global.gc?.();
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = rssKb(server.pid!);
    const received = new Map<string, number>();
    const onLabel = (label: string) => received.set(label, (received.get(label) ?? 0) + 1);
    for (let i = 0; i < CLIENTS; i += 500) {
      await Promise.all(Array.from({ length: Math.min(500, CLIENTS - i) }, () => connect(onLabel)));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const rssAfter = rssKb(server.pid!);

    const deliveries: number[] = [];
    for (let e = 0; e < EVENTS; e++) {
      const t0 = performance.now();
      const ticket = await api(
        "POST",
        "/api/v1/tickets",
        { serviceId: service },
        { authorization: `Bearer ${kiosk}` },
      );
      const label = ticket.body.label as string;
      while ((received.get(label) ?? 0) < CLIENTS) {
        if (performance.now() - t0 > 30_000)
          throw new Error(`only ${received.get(label)} clients got ${label}`);
        await new Promise((r) => setImmediate(r));
      }
      deliveries.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 200));
    }
    deliveries.sort((a, b) => a - b);
    console.log(
      JSON.stringify(
        {
          clients: CLIENTS,
          events: EVENTS,
          lastDeliveryMs: {
            p50: +deliveries[Math.floor(deliveries.length / 2)]!.toFixed(1),
            p99:
              +deliveries[Math.min(deliveries.length - 1, Math.floor(deliveries.length * 0.99))]!.toFixed(1),
            max: +deliveries.at(-1)!.toFixed(1),
          },
          serverRssMb: { before: Math.round(rssBefore / 1024), after: Math.round(rssAfter / 1024) },
          kbPerIdleClient: +((rssAfter - rssBefore) / CLIENTS).toFixed(1),
        },
        null,
        2,
      ),
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    agent.destroy();
    await sql(`drop database if exists "${dbName}" with (force)`);
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
