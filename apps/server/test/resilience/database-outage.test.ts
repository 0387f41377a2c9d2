import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, OwnPostgres, sleep } from "../helpers/own-postgres.ts";
import { spawnServer, waitReady } from "../helpers/server-process.ts";
import { SseClient } from "../helpers/sse.ts";
import { OfficeLoad, Recorder, type Sample } from "./office-load.ts";

/**
 * The app on a PostgreSQL of its own while kiosks issue and operators serve: PostgreSQL is
 * restarted (`-m fast`), killed (SIGKILL to the postmaster) and started again, and stopped for
 * 10 s, three times each. The app must stay up, answer 503 (never another 5xx) while the database
 * is away, serve again within 5 s of the database accepting connections, lose no acknowledged
 * ticket, and keep an event stream open throughout that receives every committed event once, in
 * order. The figures are printed (bench/README.md keeps a run of them).
 */
const ADMIN_PASSWORD = "outage-admin-password";
const OPERATOR_PASSWORD = "outage-operator-password";
const RECOVERY_LIMIT_MS = 5_000;
const STOPPED_FOR_MS = 10_000;

let cluster: OwnPostgres;
let server: { proc: ChildProcess; output(): string };
let base: string;
let admin: string;
let office: { serviceId: string; kioskToken: string; operators: { login: string; cookie: string }[] };

async function json(method: string, path: string, body?: unknown, cookie?: string) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return { body: text ? JSON.parse(text) : null, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

const signIn = async (login: string, password: string) =>
  (await json("POST", "/api/v1/auth/login", { login, password })).cookie!;

beforeAll(async () => {
  cluster = await OwnPostgres.create();
  await cluster.createDatabase("dq");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawnServer({
    PORT: String(port),
    DATABASE_URL: cluster.url("dq"),
    DQ_ADMIN_PASSWORD: ADMIN_PASSWORD,
    DQ_DEMO: "0",
    LOG_LEVEL: "warn",
  });
  await waitReady(`${base}/readyz`, "server", server.output);

  admin = await signIn("admin", ADMIN_PASSWORD);
  const service = (await json("POST", "/api/v1/services", { name: "Приём", prefix: "П" }, admin)).body;
  const operators = [];
  for (const n of [1, 2]) {
    const ws = (
      await json(
        "POST",
        "/api/v1/workstations",
        { name: `Окно ${n}`, number: String(n), serviceIds: [service.id] },
        admin,
      )
    ).body;
    const login = `operator${n}`;
    await json(
      "POST",
      "/api/v1/employees",
      { login, name: login, role: "operator", password: OPERATOR_PASSWORD, serviceIds: [service.id] },
      admin,
    );
    const cookie = await signIn(login, OPERATOR_PASSWORD);
    await json("POST", "/api/v1/operator/workstation", { workstationId: ws.id }, cookie);
    operators.push({ login, cookie });
  }
  const kiosk = (await json("POST", "/api/v1/devices", { kind: "kiosk", name: "Киоск" }, admin)).body;
  office = { serviceId: service.id, kioskToken: kiosk.token, operators };
}, 120_000);

afterAll(async () => {
  server?.proc.kill("SIGKILL");
  await cluster?.destroy();
});

interface Round {
  kind: "restart -m fast" | "SIGKILL + start" | "stopped 10 s";
  outageMs: number;
  recoveryMs: number;
  floorMs: number;
  unavailable: number;
  otherErrors: number;
  issuedSoFar: number;
}

/**
 * Polls a new connection until PostgreSQL accepts one. Returns when it did, and how long that
 * first successful connection and `select 1` took: the floor for the app's own reconnect.
 */
async function whenAccepting(): Promise<{ at: number; floorMs: number }> {
  for (;;) {
    const tried = Date.now();
    if (await cluster.accepts()) return { at: Date.now(), floorMs: Date.now() - tried };
    await sleep(50);
  }
}

/** A request that needs the database (the session, then a list), every 50 ms until stopped. */
function startProbe(recorder: Recorder) {
  let stopped = false;
  const done = (async () => {
    while (!stopped) {
      await recorder.call("probe", "GET", "/api/v1/services", { cookie: admin });
      await sleep(50);
    }
  })();
  return async () => {
    stopped = true;
    await done;
  };
}

async function eventIdsInLog(afterId: bigint): Promise<string[]> {
  const client = new pg.Client({ connectionString: cluster.url("dq") });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>(
      "select id::text from events where id > $1 order by events.id",
      [String(afterId)],
    );
    return rows.map((r) => r.id);
  } finally {
    await client.end();
  }
}

describe("PostgreSQL restarts, crashes and stops while the office works", () => {
  it("keeps serving: 503 while away, back within 5 s, nothing acknowledged lost, every event streamed once", async () => {
    const recorder = new Recorder(base);
    const firstId = BigInt((await eventIdsInLog(0n)).at(-1) ?? 0);
    const stream = await SseClient.connect(`${base}/api/v1/events?channel=staff`, { cookie: admin });
    expect(stream.status).toBe(200);
    const load = new OfficeLoad(recorder, office);
    load.start(2);
    const stopProbe = startProbe(recorder);
    const rounds: Round[] = [];

    const outage = async (kind: Round["kind"]) => {
      await sleep(1500); // the office works for a while first
      const started = Date.now();
      if (kind === "restart -m fast") {
        await cluster.restartFast();
      } else if (kind === "SIGKILL + start") {
        cluster.killPostmaster();
        await sleep(300);
        await cluster.start();
      } else {
        await cluster.stop();
        await sleep(STOPPED_FOR_MS);
        await cluster.start();
      }
      const { at: accepting, floorMs } = await whenAccepting();
      // Serving again: the first probe sent after the database accepted connections that succeeded.
      let back: Sample | undefined;
      for (let waited = 0; !back && waited < RECOVERY_LIMIT_MS * 3; waited += 50) {
        back = recorder.samples.find((s) => s.who === "probe" && s.at >= accepting && s.status === 200);
        if (!back) await sleep(50);
      }
      expect(back, `${kind}: the app serves again\n${server.output().slice(-3000)}`).toBeDefined();
      expect(server.proc.exitCode, `${kind}: the app process is up`).toBeNull();
      const during = recorder.samples.filter((s) => s.at >= started && s.at < accepting);
      const unavailable = during.filter((s) => s.status === 503);
      for (const s of unavailable) {
        expect(s.code).toBe("database_unavailable");
        expect(Number(s.retryAfter)).toBeGreaterThan(0);
      }
      const round: Round = {
        kind,
        outageMs: accepting - started,
        recoveryMs: back!.at - accepting,
        floorMs,
        unavailable: unavailable.length,
        otherErrors: during.filter((s) => s.status >= 500 && s.status !== 503).length,
        issuedSoFar: load.issued.size,
      };
      rounds.push(round);
      expect(round.unavailable, `${kind}: requests during the outage got 503`).toBeGreaterThan(0);
      expect(round.recoveryMs, `${kind}: back within 5 s`).toBeLessThanOrEqual(RECOVERY_LIMIT_MS);
    };

    try {
      for (const kind of ["restart -m fast", "SIGKILL + start", "stopped 10 s"] as const) {
        for (let i = 0; i < 3; i++) await outage(kind);
      }
      await sleep(1000);
    } finally {
      await load.stop();
      await stopProbe();
      console.log(
        [
          "database outages (outage: from the restart/kill/stop until PostgreSQL accepts connections;",
          " recovery: from then until the app answered a request that needs the database, probed every 50 ms;",
          " floor: one fresh connection + select 1 to PostgreSQL at that moment)",
          ...rounds.map(
            (r) =>
              `  ${r.kind.padEnd(16)} outage ${String(r.outageMs).padStart(6)} ms  recovery ${String(r.recoveryMs).padStart(5)} ms  ` +
              `floor ${String(r.floorMs).padStart(3)} ms  ` +
              `503s ${String(r.unavailable).padStart(4)}  other 5xx ${r.otherErrors}  tickets acknowledged so far ${r.issuedSoFar}`,
          ),
        ].join("\n"),
      );
    }

    // No answer other than 503 was a server error, and the app always answered.
    const failures = recorder.samples.filter((s) => (s.status >= 500 && s.status !== 503) || s.status === 0);
    expect(failures, server.output().slice(-3000)).toEqual([]);

    // Every acknowledged ticket is there with the number it was given; no number twice.
    const client = new pg.Client({ connectionString: cluster.url("dq") });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string; number: number }>(
        "select id::text, number from tickets where id = any($1::bigint[])",
        [[...load.issued.keys()]],
      );
      expect(rows.length).toBe(load.issued.size);
      for (const r of rows) expect(r.number).toBe(load.issued.get(r.id)!.number);
      const duplicates = await client.query(
        "select service_id, business_day, number from tickets group by 1, 2, 3 having count(*) > 1",
      );
      expect(duplicates.rows).toEqual([]);
      // No ticket was called by two operators (first segment: each call is one operator's).
      const shared = await client.query(
        "select ticket_id from events where type = 'ticket.called' group by ticket_id having count(distinct employee_id) > 1",
      );
      expect(shared.rows).toEqual([]);
      console.log(
        `acknowledged tickets ${load.issued.size}, present ${rows.length}; served ${load.served.size}; ` +
          `requests ${recorder.samples.length}, of which 503 ${recorder.samples.filter((s) => s.status === 503).length}`,
      );
    } finally {
      await client.end();
    }
    for (const [ticket, by] of load.calledBy) expect(by, `ticket ${ticket}`).toHaveLength(1);

    // The stream stayed open and got every event of the log, once each, in order.
    const inLog = await eventIdsInLog(firstId);
    await stream.waitFor((events) => events.at(-1)?.id === inLog.at(-1), 10_000).catch(() => {});
    const received = stream.events.map((e) => e.id);
    const missing = inLog.filter((id) => !received.includes(id));
    expect(
      { missing: missing.length, extra: received.length - (inLog.length - missing.length) },
      `stream ${stream.ended ? "ended" : "open"}; received ${received.length} of ${inLog.length}; ` +
        `first missing ${missing[0]}, last received ${received.at(-1)}\n${server.output().slice(-3000)}`,
    ).toEqual({ missing: 0, extra: 0 });
    expect(received).toEqual(inLog);
    console.log(
      `events committed during the run ${inLog.length}, streamed ${received.length}, in order, once each`,
    );
    await stream.close();
  }, 600_000);
});
