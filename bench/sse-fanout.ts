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
import { readFileSync } from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import { type BenchServer, startBenchServer } from "./support.ts";

const { values } = parseArgs({
  options: { clients: { type: "string", default: "10000" }, events: { type: "string", default: "20" } },
});
const CLIENTS = Number(values.clients);
const EVENTS = Number(values.events);
const port = 18901;
let base = "";
const agent = new http.Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });

const rssKb = (pid: number) =>
  Number(readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/)?.[1] ?? 0);

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
  const server: BenchServer = await startBenchServer(port);
  base = server.base;
  const { api } = server;
  const cookie = server.admin;
  try {
    const service = (await api("POST", "/api/v1/services", { name: "S", prefix: "S" }, { cookie })).body.id;
    const kiosk = (await api("POST", "/api/v1/devices", { kind: "kiosk", name: "k" }, { cookie })).body.token;

    global.gc?.();
    await new Promise((r) => setTimeout(r, 1000));
    const rssBefore = rssKb(server.process.pid!);
    const received = new Map<string, number>();
    const onLabel = (label: string) => received.set(label, (received.get(label) ?? 0) + 1);
    for (let i = 0; i < CLIENTS; i += 500) {
      await Promise.all(Array.from({ length: Math.min(500, CLIENTS - i) }, () => connect(onLabel)));
    }
    await new Promise((r) => setTimeout(r, 3000));
    const rssAfter = rssKb(server.process.pid!);

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
    agent.destroy();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
