/**
 * Wait quotes under load (issue 16), against the real server process on PostgreSQL.
 *
 *   An office of --services services and --operators operators (each at his own workstation,
 *   serving 2–3 services by rank), a few days of history made by the queue engine
 *   (`history:generate`), and --waiting waiting tickets (every 8th with a priority category).
 *   The office's timezone is chosen so that its local time is late morning (arrivals by hour).
 *
 *   1. Quote latency of `GET /api/v1/tickets/:code` (the tracking page):
 *      warm — the forecast computed, nothing changed since; cold — the first request right after a
 *      call-next (it computes the forecast); storm — right after a call-next, every waiting
 *      ticket's page at once (phones reacting to the SSE event): per-request latency and the time
 *      until the last answered. --rounds rounds of cold and of storm.
 *   2. Call-next latency while operators work in a loop (call → think → start → think → finish,
 *      random 0–--think-ms each), every call followed by a new ticket (arrivals keep the queue at
 *      --waiting): --call-seconds without storms, then --call-seconds with a storm after each call.
 *   3. Floors, measured the same ways in the same run: a minimal Fastify process (this file with
 *      --floor-server) answering one indexed SELECT by ticket code on the same database.
 *
 * Usage: node bench/estimates-load.ts [--waiting 500] [--services 10] [--operators 20] [--rounds 20]
 *          [--history-days 7] [--per-day 300] [--think-ms 20000] [--call-seconds 60] [--tz Etc/GMT-3]
 *          [--cpu-prof DIR] (profiles the server: NODE_OPTIONS=--cpu-prof, written when it stops)
 * Each phone sends its own X-Forwarded-For (the server trusts a loopback proxy), as phones on the
 * street have their own addresses; the per-address lookup limit is not what is measured.
 * Needs PostgreSQL (DQ_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres). Results
 * go to bench/README.md by hand, with the machine.
 */
import { execFileSync, spawn } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type BenchServer, startBenchServer } from "./support.ts";

const { values } = parseArgs({
  options: {
    waiting: { type: "string", default: "500" },
    services: { type: "string", default: "10" },
    operators: { type: "string", default: "20" },
    rounds: { type: "string", default: "20" },
    "history-days": { type: "string", default: "7" },
    "per-day": { type: "string", default: "300" },
    "think-ms": { type: "string", default: "20000" },
    "call-seconds": { type: "string", default: "60" },
    tz: { type: "string" },
    "cpu-prof": { type: "string" },
    "floor-server": { type: "string" },
  },
});
const WAITING = Number(values.waiting);
const SERVICES = Number(values.services);
const OPERATORS = Number(values.operators);
const ROUNDS = Number(values.rounds);
const HISTORY_DAYS = Number(values["history-days"]);
const PER_DAY = Number(values["per-day"]);
const THINK_MS = Number(values["think-ms"]);
const CALL_SECONDS = Number(values["call-seconds"]);
const PORT = 18_980;
const FLOOR_PORT = 18_981;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round1 = (x: number) => Math.round(x * 10) / 10;

/** Nearest-rank percentiles (p99 of 20 samples is the largest). */
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const p = (q: number) => round1(s[Math.max(0, Math.ceil((q / 100) * s.length) - 1)]!);
  return { n: s.length, p50: p(50), p95: p(95), p99: p(99), max: round1(s.at(-1)!) };
}

/** A fixed-offset zone whose local time is about 11:00 now, so that history's arrival hours apply. */
function lateMorningZone(): string {
  const now = new Date();
  let offset = Math.round(11 - now.getUTCHours() - now.getUTCMinutes() / 60);
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  // Etc/GMT's sign is inverted: Etc/GMT-3 is UTC+3.
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

/** The floor: the least a Fastify route reading one ticket by its code from this database costs. */
async function floorServer(databaseUrl: string) {
  const { default: Fastify } = await import("fastify");
  const { default: pg } = await import("pg");
  // The server's queue pool has 20 connections.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  const app = Fastify();
  app.get<{ Params: { code: string } }>("/floor/:code", async (request) => {
    const r = await pool.query({
      name: "floor",
      text: "select id::text, status from tickets where code = $1",
      values: [request.params.code],
    });
    return r.rows[0] ?? null;
  });
  await app.listen({ port: FLOOR_PORT, host: "127.0.0.1" });
}

async function startFloor(databaseUrl: string) {
  const child = spawn(process.execPath, [import.meta.filename, "--floor-server", databaseUrl], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 100; i++) {
    if (await fetch(`http://127.0.0.1:${FLOOR_PORT}/floor/X`).catch(() => null)) break;
    await sleep(100);
  }
  return async () => {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  };
}

interface Office {
  services: string[];
  categories: string[];
  operators: string[];
  kiosk: string;
}

async function buildOffice(server: BenchServer): Promise<Omit<Office, "operators" | "kiosk">> {
  const a = { cookie: server.admin };
  const ok = async (path: string, body: unknown) => {
    const r = await server.api("POST", path, body, a);
    if (r.status !== 201) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const services: string[] = [];
  for (let i = 0; i < SERVICES; i++) {
    const prefix = String.fromCharCode(65 + i);
    const s = await ok("/api/v1/services", {
      name: `Service ${prefix}`,
      prefix,
      sortOrder: i,
      targetWaitMinutes: 20,
      expectedServiceMinutes: 4 + (i % 5) * 2,
    });
    services.push(s.id);
  }
  await ok("/api/v1/pause-reasons", { name: "Перерыв" });
  const categories = [
    (await ok("/api/v1/categories", { name: "Ветеран", priority: 2 })).id,
    (await ok("/api/v1/categories", { name: "Инвалид", priority: 3 })).id,
  ];
  for (let i = 0; i < OPERATORS; i++) {
    // 2–3 services each, by rank: every service has first-rank operators and backups.
    const offered = [i, i + 3, ...(i % 2 ? [i + 6] : [])].map((k) => services[k % SERVICES]!);
    await ok("/api/v1/workstations", { name: `Окно ${i + 1}`, number: String(i + 1), serviceIds: offered });
    await ok("/api/v1/employees", {
      login: `op${i}`,
      name: `Оператор ${i + 1}`,
      role: "operator",
      password: "operator-pass",
      competencies: offered.map((serviceId, k) => ({ serviceId, rank: k + 1 })),
    });
  }
  return { services, categories };
}

function makeHistory(server: BenchServer, tz: string) {
  if (HISTORY_DAYS === 0) return "none";
  const t0 = performance.now();
  const out = execFileSync(
    process.execPath,
    [
      "apps/server/src/cli.ts",
      "history:generate",
      "--days",
      String(HISTORY_DAYS),
      "--per-day",
      String(PER_DAY),
    ],
    {
      cwd: resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: server.databaseUrl, DQ_TZ: tz, LOG_LEVEL: "warn" },
      encoding: "utf8",
    },
  );
  return `${out.trim().split("\n").at(-1)} (${((performance.now() - t0) / 1000).toFixed(0)} s)`;
}

async function signIn(server: BenchServer): Promise<string[]> {
  const workstations = (await server.api("GET", "/api/v1/workstations", undefined, { cookie: server.admin }))
    .body.items as { id: string; number: string }[];
  const cookies: string[] = [];
  for (let i = 0; i < OPERATORS; i++) {
    const cookie = (
      await server.api("POST", "/api/v1/auth/login", { login: `op${i}`, password: "operator-pass" })
    ).cookie!;
    const ws = workstations.find((w) => w.number === String(i + 1))!;
    const r = await server.api("POST", "/api/v1/operator/workstation", { workstationId: ws.id }, { cookie });
    if (r.status !== 200) throw new Error(`workstation: ${r.status} ${JSON.stringify(r.body)}`);
    cookies.push(cookie);
  }
  return cookies;
}

/** The benchmark's state: the office, the codes of the tickets waiting, the phones' addresses. */
class Run {
  waiting: string[] = [];
  /** Tracking requests retried after a connection reset. */
  resets = 0;
  private issued = 0;
  readonly server: BenchServer;
  readonly office: Office;
  constructor(server: BenchServer, office: Office) {
    this.server = server;
    this.office = office;
  }

  /** Services are not equally popular (weights 1, 2, 3, 1, 2, 3, …); every 8th client has a category. */
  async issue() {
    const k = this.issued++;
    const weights = this.office.services.map((_, i) => 1 + (i % 3));
    let pick = (k * 7919) % weights.reduce((x, y) => x + y, 0);
    let s = 0;
    while (pick >= weights[s]!) pick -= weights[s++]!;
    const body = {
      serviceId: this.office.services[s]!,
      ...(k % 8 === 7 ? { categoryId: this.office.categories[k % 16 === 15 ? 1 : 0] } : {}),
    };
    const r = await this.server.api("POST", "/api/v1/tickets", body, {
      authorization: `Bearer ${this.office.kiosk}`,
    });
    if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
    this.waiting.push(r.body.code);
  }

  /** One tracking page request from the phone that holds this code. */
  async track(code: string, floor = false) {
    const phone = this.phoneOf(code);
    const url = floor
      ? `http://127.0.0.1:${FLOOR_PORT}/floor/${code}`
      : `${this.server.base}/api/v1/tickets/${code}`;
    const t0 = performance.now();
    // A socket the server closed as idle just as it was reused: the phone retries (counted).
    const get = () => fetch(url, { headers: { "x-forwarded-for": phone } });
    const res = await get().catch(() => {
      this.resets++;
      return get();
    });
    const body = (await res.json()) as { estimatedWait?: unknown } | null;
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`track: ${res.status} ${JSON.stringify(body)}`);
    return { ms, body };
  }

  /** Every waiting ticket's page at once; per-request latencies and the time until the last answer. */
  async storm(floor = false) {
    const t0 = performance.now();
    const answers = await Promise.all(this.waiting.map((code) => this.track(code, floor)));
    return { all: performance.now() - t0, each: answers.map((a) => a.ms), answers };
  }

  async call(cookie: string) {
    const t0 = performance.now();
    const r = await this.server.api("POST", "/api/v1/operator/call-next", undefined, { cookie });
    const ms = performance.now() - t0;
    if (r.status === 204) return { ms, ticket: null };
    if (r.status !== 200) throw new Error(`call: ${r.status} ${JSON.stringify(r.body)}`);
    this.waiting = this.waiting.filter((c) => c !== r.body.code);
    return { ms, ticket: r.body as { id: string; code: string } };
  }

  async finish(cookie: string, id: string, thinkMs = 0) {
    for (const step of ["start", "finish"]) {
      if (thinkMs) await sleep(Math.random() * thinkMs);
      const r = await this.server.api("POST", `/api/v1/operator/tickets/${id}/${step}`, undefined, {
        cookie,
      });
      if (r.status !== 200) throw new Error(`${step}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }

  private phones = new Map<string, string>();
  private phoneOf(code: string) {
    let ip = this.phones.get(code);
    if (!ip) {
      const n = this.phones.size + 1;
      ip = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
      this.phones.set(code, ip);
    }
    return ip;
  }
}

/** Warm quotes and their floor: one request at a time on random waiting tickets. */
async function warm(run: Run, floor: boolean, n: number) {
  await run.track(run.waiting[0]!, floor); // computes the forecast if anything changed
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const code = run.waiting[Math.floor(Math.random() * run.waiting.length)]!;
    times.push((await run.track(code, floor)).ms);
  }
  return times;
}

/** Rounds of: a call-next, then the first quote (cold) or every waiting page at once (storm). */
async function rounds(run: Run, kind: "cold" | "storm") {
  const cold: number[] = [];
  const each: number[] = [];
  const all: number[] = [];
  let quoted = 0;
  let answers = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const cookie = run.office.operators[i % run.office.operators.length]!;
    const { ticket } = await run.call(cookie);
    if (!ticket) throw new Error("nobody to call");
    if (kind === "cold") {
      cold.push((await run.track(run.waiting[Math.floor(Math.random() * run.waiting.length)]!)).ms);
    } else {
      const s = await run.storm();
      each.push(...s.each);
      all.push(s.all);
      answers += s.answers.length;
      quoted += s.answers.filter((a) => a.body?.estimatedWait != null).length;
    }
    await run.finish(cookie, ticket.id);
    await run.issue(); // an arrival: the queue stays at its size
    await sleep(200);
  }
  return { cold, each, all, quotedShare: answers ? quoted / answers : null };
}

/** Operators in a loop for --call-seconds; with storms, every call sets off all waiting pages. */
async function workingDay(run: Run, withStorms: boolean) {
  const calls: number[] = [];
  const storms: Promise<{ all: number }>[] = [];
  let stormsRunningAtCall = 0;
  let running = 0;
  const until = performance.now() + CALL_SECONDS * 1000;
  await Promise.all(
    run.office.operators.map(async (cookie) => {
      await sleep(Math.random() * THINK_MS);
      while (performance.now() < until) {
        if (running > 0) stormsRunningAtCall++;
        const { ms, ticket } = await run.call(cookie);
        calls.push(ms);
        if (!ticket) {
          await sleep(THINK_MS);
          continue;
        }
        if (withStorms) {
          running++;
          const storm = run.storm().finally(() => running--);
          storm.catch(() => {}); // awaited below; not an unhandled rejection meanwhile
          storms.push(storm);
        }
        await run.issue();
        await run.finish(cookie, ticket.id, THINK_MS);
      }
    }),
  );
  const stormTimes = (await Promise.all(storms)).map((s) => s.all);
  return {
    calls,
    stormAll: stormTimes,
    overlapShare: calls.length ? stormsRunningAtCall / calls.length : 0,
  };
}

async function main() {
  const tz = values.tz ?? lateMorningZone();
  const env: Record<string, string> = { DQ_TZ: tz, DQ_TRUST_PROXY: "1" };
  if (values["cpu-prof"]) env.NODE_OPTIONS = `--cpu-prof --cpu-prof-dir=${resolve(values["cpu-prof"])}`;
  const server = await startBenchServer(PORT, env);
  let stopFloor = async () => {};
  try {
    let t0 = performance.now();
    const built = await buildOffice(server);
    const history = makeHistory(server, tz);
    console.error(`office built, history: ${history}`);
    const kiosk = (
      await server.api("POST", "/api/v1/devices", { kind: "kiosk", name: "k" }, { cookie: server.admin })
    ).body.token;
    const run = new Run(server, { ...built, operators: [], kiosk });
    // Issued before anyone signs in: a queue that built up; then the operators take their windows.
    for (let i = 0; i < WAITING; i++) await run.issue();
    run.office.operators = await signIn(server);
    console.error(
      `${WAITING} waiting, ${OPERATORS} operators in (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
    );
    stopFloor = await startFloor(server.databaseUrl);

    // Warm-up of both processes (JIT, connections, prepared statements).
    await warm(run, false, 100);
    await warm(run, true, 100);
    await run.storm(true);

    t0 = performance.now();
    const floorOne = await warm(run, true, 300);
    const warmOne = await warm(run, false, 300);
    const floorStorms = [];
    for (let i = 0; i < ROUNDS; i++) floorStorms.push(await run.storm(true));
    const cold = await rounds(run, "cold");
    const storm = await rounds(run, "storm");
    console.error(`quotes measured (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    const quiet = await workingDay(run, false);
    const busy = await workingDay(run, true);

    const floor = stats(floorOne);
    const floorEach = stats(floorStorms.flatMap((s) => s.each));
    const floorAll = stats(floorStorms.map((s) => s.all));
    const ratio = (x: ReturnType<typeof stats>, f: ReturnType<typeof stats>) => ({
      p50: round1(x.p50 / f.p50),
      p99: round1(x.p99 / f.p99),
    });
    const result = {
      office: { services: SERVICES, operators: OPERATORS, waiting: WAITING, tz, history },
      floor: { one: floor, stormEach: floorEach, stormAll: floorAll },
      warm: { ...stats(warmOne), ratio: ratio(stats(warmOne), floor) },
      cold: { ...stats(cold.cold), ratio: ratio(stats(cold.cold), floor) },
      storm: {
        each: { ...stats(storm.each), ratio: ratio(stats(storm.each), floorEach) },
        all: { ...stats(storm.all), ratio: ratio(stats(storm.all), floorAll) },
        quotedShare: storm.quotedShare,
      },
      callNext: {
        thinkMs: THINK_MS,
        seconds: CALL_SECONDS,
        quiet: { ...stats(quiet.calls), perSecond: round1(quiet.calls.length / CALL_SECONDS) },
        storms: {
          ...stats(busy.calls),
          perSecond: round1(busy.calls.length / CALL_SECONDS),
          storms: busy.stormAll.length,
          stormAll: stats(busy.stormAll),
          callsDuringAStorm: round1(busy.overlapShare * 100),
        },
        ratio: ratio(stats(busy.calls), stats(quiet.calls)),
        trackingResets: run.resets,
        ratioToFloor: { quiet: ratio(stats(quiet.calls), floor), storms: ratio(stats(busy.calls), floor) },
      },
    };
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await stopFloor();
    await server.stop();
  }
}

if (values["floor-server"]) {
  floorServer(values["floor-server"]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
