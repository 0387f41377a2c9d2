/**
 * Load benchmark of the two hottest paths, against the real server process on PostgreSQL:
 *   1. ticket issue over HTTP (kiosk token), many concurrent clients;
 *   2. call-next with many operators calling at once (each: call → start → finish, until empty).
 * Usage: node bench/queue-load.ts [--tickets 5000] [--concurrency 32] [--operators 200] [--calls 4000]
 * Needs PostgreSQL (DQ_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres).
 * The load and the server share the machine, so the figures are a lower bound for the server.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";

const { values } = parseArgs({
  options: {
    tickets: { type: "string", default: "5000" },
    concurrency: { type: "string", default: "32" },
    operators: { type: "string", default: "200" },
    calls: { type: "string", default: "4000" },
  },
});
const TICKETS = Number(values.tickets);
const CONCURRENCY = Number(values.concurrency);
const OPERATORS = Number(values.operators);
const CALLS = Number(values.calls);

const adminUrl = process.env.DQ_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = `dq_bench_${Date.now()}`;
const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const port = 18900;
const base = `http://127.0.0.1:${port}`;

async function sql(query: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(query);
  await c.end();
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summary(name: string, latencies: number[], seconds: number) {
  const s = [...latencies].sort((a, b) => a - b);
  return {
    name,
    requests: s.length,
    perSecond: Math.round(s.length / seconds),
    p50: +percentile(s, 50).toFixed(2),
    p99: +percentile(s, 99).toFixed(2),
    max: +s.at(-1)!.toFixed(2),
  };
}

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text ? JSON.parse(text) : null,
    cookie: res.headers.get("set-cookie")?.split(";")[0],
  };
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
    const admin = (await api("POST", "/api/v1/auth/login", { login: "admin", password: "bench-admin-1" }))
      .cookie!;
    const a = { cookie: admin };
    const issueService = (await api("POST", "/api/v1/services", { name: "Issue", prefix: "I" }, a)).body.id;
    const callService = (await api("POST", "/api/v1/services", { name: "Call", prefix: "C" }, a)).body.id;
    const kiosk = (await api("POST", "/api/v1/devices", { kind: "kiosk", name: "k" }, a)).body.token;
    const kioskHeaders = { authorization: `Bearer ${kiosk}` };

    // 1. Issue.
    let next = 0;
    const issueLatencies: number[] = [];
    let t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TICKETS) {
          next++;
          const start = performance.now();
          const r = await api("POST", "/api/v1/tickets", { serviceId: issueService }, kioskHeaders);
          if (r.status !== 201) throw new Error(`issue failed: ${r.status}`);
          issueLatencies.push(performance.now() - start);
        }
      }),
    );
    const issue = summary("ticket issue", issueLatencies, (performance.now() - t0) / 1000);

    // 2. Call next with many operators.
    const cookies: string[] = [];
    for (let i = 0; i < OPERATORS; i++) {
      const ws = (
        await api(
          "POST",
          "/api/v1/workstations",
          { name: `W${i}`, number: `${i + 1}`, serviceIds: [callService] },
          a,
        )
      ).body.id;
      await api(
        "POST",
        "/api/v1/employees",
        {
          login: `op${i}`,
          name: `op${i}`,
          role: "operator",
          password: "operator-pass",
          serviceIds: [callService],
        },
        a,
      );
      const cookie = (await api("POST", "/api/v1/auth/login", { login: `op${i}`, password: "operator-pass" }))
        .cookie!;
      await api("POST", "/api/v1/operator/workstation", { workstationId: ws }, { cookie });
      cookies.push(cookie);
    }
    let issued = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (issued < CALLS) {
          issued++;
          await api("POST", "/api/v1/tickets", { serviceId: callService }, kioskHeaders);
        }
      }),
    );
    const callLatencies: number[] = [];
    const claimed = new Set<string>();
    let duplicates = 0;
    t0 = performance.now();
    await Promise.all(
      cookies.map(async (cookie) => {
        for (;;) {
          const start = performance.now();
          const r = await api("POST", "/api/v1/operator/call-next", undefined, { cookie });
          callLatencies.push(performance.now() - start);
          if (r.status === 204) return;
          if (r.status !== 200) throw new Error(`call failed: ${r.status} ${JSON.stringify(r.body)}`);
          if (claimed.has(r.body.id)) duplicates++;
          claimed.add(r.body.id);
          await api("POST", `/api/v1/operator/tickets/${r.body.id}/start`, undefined, { cookie });
          await api("POST", `/api/v1/operator/tickets/${r.body.id}/finish`, undefined, { cookie });
        }
      }),
    );
    const call = summary(
      `call-next (${OPERATORS} operators)`,
      callLatencies,
      (performance.now() - t0) / 1000,
    );
    console.log(
      JSON.stringify({ issue, call, calledTickets: claimed.size, expected: CALLS, duplicates }, null, 2),
    );
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    await sql(`drop database if exists "${dbName}" with (force)`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
