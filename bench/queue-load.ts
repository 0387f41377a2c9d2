/**
 * Load benchmark of the two hottest paths against the real server process on PostgreSQL.
 *
 *   1. Ticket issue over HTTP: kiosks (wrk connections, closed loop) issuing for random services of
 *      an office with --services services, for --seconds seconds at each concurrency in --kiosks.
 *   2. Call next: --operators operators, each at his own workstation, working in a loop
 *      call-next → (think) → start → (think) → finish, with --think-ms between steps; plus one
 *      burst where every operator calls at the same instant. Reports call-next latency and checks
 *      that no ticket was called twice.
 *
 * Usage: node bench/queue-load.ts [--services 10] [--kiosks 8,16] [--seconds 10]
 *                                 [--operators 200] [--think-ms 1000] [--call-seconds 20]
 * Needs PostgreSQL (DQ_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres) and wrk
 * (`apt-get install wrk`): a load generator in C, so that the measuring takes little of the CPU
 * the server and PostgreSQL share. Results go to bench/README.md by hand, with the machine.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startBenchServer } from "./support.ts";

const { values } = parseArgs({
  options: {
    services: { type: "string", default: "10" },
    kiosks: { type: "string", default: "8,16" },
    seconds: { type: "string", default: "10" },
    operators: { type: "string", default: "200" },
    "think-ms": { type: "string", default: "1000" },
    "call-seconds": { type: "string", default: "20" },
  },
});
const SERVICES = Number(values.services);
const KIOSKS = values.kiosks.split(",").map(Number);
const SECONDS = Number(values.seconds);
const OPERATORS = Number(values.operators);
const THINK_MS = Number(values["think-ms"]);
const CALL_SECONDS = Number(values["call-seconds"]);

const port = 18900;
let base = "";

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs wrk against the issue endpoint and reads throughput and the latency distribution. */
function wrkIssue(token: string, serviceIds: string[], connections: number) {
  const dir = mkdtempSync(join(tmpdir(), "dq-bench-"));
  const script = join(dir, "issue.lua");
  writeFileSync(
    script,
    `wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer ${token}"
local ids = { ${serviceIds.map((id) => `"${id}"`).join(", ")} }
request = function()
  return wrk.format(nil, nil, nil, '{"serviceId":"' .. ids[math.random(#ids)] .. '"}')
end
`,
  );
  const out = execFileSync(
    "wrk",
    ["-t1", `-c${connections}`, `-d${SECONDS}s`, "--latency", "-s", script, `${base}/api/v1/tickets`],
    { encoding: "utf8" },
  );
  const ms = (label: string) => {
    const m = out.match(new RegExp(`${label}\\s+([\\d.]+)(us|ms|s)`));
    if (!m) return null;
    const v = Number(m[1]);
    return m[2] === "us" ? v / 1000 : m[2] === "s" ? v * 1000 : v;
  };
  const errors = Number(out.match(/Non-2xx or 3xx responses: (\d+)/)?.[1] ?? 0);
  return {
    kiosks: connections,
    perSecond: Math.round(Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1])),
    p50: ms("50%"),
    p90: ms("90%"),
    p99: ms("99%"),
    errors,
  };
}

async function main() {
  const server = await startBenchServer(port);
  base = server.base;
  const { api, admin } = server;
  try {
    const a = { cookie: admin };
    const services: string[] = [];
    for (let i = 0; i < SERVICES; i++) {
      const prefix = String.fromCharCode(65 + i);
      services.push((await api("POST", "/api/v1/services", { name: `S${prefix}`, prefix }, a)).body.id);
    }
    const kiosk = (await api("POST", "/api/v1/devices", { kind: "kiosk", name: "k" }, a)).body.token;

    // 1. Issue.
    const issue = KIOSKS.map((c) => wrkIssue(kiosk, services, c));

    // 2. Call next: start from an empty queue, then keep it fed like a busy office.
    await api("POST", "/api/v1/queue/close-day", undefined, a);
    const operators: string[] = [];
    for (let i = 0; i < OPERATORS; i++) {
      const ws = (
        await api(
          "POST",
          "/api/v1/workstations",
          { name: `W${i}`, number: `${i + 1}`, serviceIds: services },
          a,
        )
      ).body.id;
      const competencies = services.map((serviceId, k) => ({ serviceId, rank: ((i + k) % 3) + 1 }));
      await api(
        "POST",
        "/api/v1/employees",
        { login: `op${i}`, name: `op${i}`, role: "operator", password: "operator-pass", competencies },
        a,
      );
      const cookie = (await api("POST", "/api/v1/auth/login", { login: `op${i}`, password: "operator-pass" }))
        .cookie!;
      await api("POST", "/api/v1/operator/workstation", { workstationId: ws }, { cookie });
      operators.push(cookie);
    }
    const kioskHeaders = { authorization: `Bearer ${kiosk}` };
    const feed = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const serviceId = services[i % services.length]!;
        await api("POST", "/api/v1/tickets", { serviceId }, kioskHeaders);
      }
    };
    await feed(OPERATORS * 3);

    const claimed = new Set<string>();
    let duplicates = 0;
    const called = (id: string) => {
      if (claimed.has(id)) duplicates++;
      claimed.add(id);
    };
    const finish = async (cookie: string, id: string, think: boolean) => {
      if (think) await new Promise((r) => setTimeout(r, Math.random() * THINK_MS));
      await api("POST", `/api/v1/operator/tickets/${id}/start`, undefined, { cookie });
      if (think) await new Promise((r) => setTimeout(r, Math.random() * THINK_MS));
      await api("POST", `/api/v1/operator/tickets/${id}/finish`, undefined, { cookie });
    };

    // 2a. Everyone calls at the same instant.
    const burst = await Promise.all(
      operators.map(async (cookie) => {
        const t = performance.now();
        const r = await api("POST", "/api/v1/operator/call-next", undefined, { cookie });
        return { ms: performance.now() - t, r, cookie };
      }),
    );
    for (const b of burst) if (b.r.status === 200) called(b.r.body.id);
    await Promise.all(
      burst.filter((b) => b.r.status === 200).map((b) => finish(b.cookie, b.r.body.id, false)),
    );
    const burstMs = burst.map((b) => b.ms).sort((x, y) => x - y);

    // 2b. A working day, compressed: every operator in a loop, the queue kept fed.
    const latencies: number[] = [];
    let empty = 0;
    const until = performance.now() + CALL_SECONDS * 1000;
    const feeder = (async () => {
      while (performance.now() < until) await feed(20);
    })();
    await Promise.all(
      operators.map(async (cookie) => {
        // Operators do not all start at the same instant (that is the burst above).
        await new Promise((r) => setTimeout(r, Math.random() * THINK_MS));
        while (performance.now() < until) {
          const t = performance.now();
          const r = await api("POST", "/api/v1/operator/call-next", undefined, { cookie });
          latencies.push(performance.now() - t);
          if (r.status === 204) {
            empty++;
            await new Promise((res) => setTimeout(res, THINK_MS));
            continue;
          }
          if (r.status !== 200) throw new Error(`call failed: ${r.status} ${JSON.stringify(r.body)}`);
          called(r.body.id);
          await finish(cookie, r.body.id, true);
        }
      }),
    );
    await feeder;
    latencies.sort((x, y) => x - y);
    const seconds = CALL_SECONDS;
    console.log(
      JSON.stringify(
        {
          issue,
          callBurst: {
            operators: OPERATORS,
            p50: +percentile(burstMs, 50).toFixed(1),
            p99: +percentile(burstMs, 99).toFixed(1),
            max: +burstMs.at(-1)!.toFixed(1),
          },
          callSteady: {
            operators: OPERATORS,
            thinkMs: THINK_MS,
            calls: latencies.length,
            callsPerSecond: Math.round(latencies.length / seconds),
            emptyCalls: empty,
            p50: +percentile(latencies, 50).toFixed(1),
            p99: +percentile(latencies, 99).toFixed(1),
            max: +latencies.at(-1)!.toFixed(1),
          },
          duplicates,
        },
        null,
        2,
      ),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
