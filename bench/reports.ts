/**
 * Reports on a large history, against the real server process on PostgreSQL.
 *
 *   1. A big office (--services services, --operators operators at their own workstations) gets a
 *      week of history made by the queue engine itself (`history:generate`, --per-day tickets on a
 *      weekday): arrivals by each service's day curve, lunches, recalls, no-shows, redirects, ratings.
 *   2. That week is copied back week by week with SQL until the history holds --tickets tickets
 *      (a year at the default sizes), with the segments and the operators' status log it made.
 *   3. Each report is requested --runs times for the whole year and for one day; then the queue's
 *      own latency (ticket issue) is measured alone and while year reports run, to show that a
 *      report never blocks the queue.
 *
 * Usage: node bench/reports.ts [--tickets 1000000] [--per-day 3500] [--operators 70] [--services 10]
 *                              [--runs 5] [--reuse dq_bench_…]
 * With DQ_BENCH_KEEP=1 the database is kept; --reuse runs only the measurements on such a database
 * (brought up to the current schema by the server), to study a change to the queries.
 * Needs PostgreSQL (DQ_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres). Results go
 * to bench/README.md by hand, with the machine.
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type BenchServer, startBenchServer } from "./support.ts";

const { values } = parseArgs({
  options: {
    tickets: { type: "string", default: "1000000" },
    "per-day": { type: "string", default: "3500" },
    operators: { type: "string", default: "70" },
    services: { type: "string", default: "10" },
    runs: { type: "string", default: "5" },
    reuse: { type: "string" },
  },
});
const TARGET = Number(values.tickets);
const PER_DAY = Number(values["per-day"]);
const OPERATORS = Number(values.operators);
const SERVICES = Number(values.services);
const RUNS = Number(values.runs);
const REPORTS = ["summary", "hourly", "operators", "workstations", "daily"] as const;

const elapsed = (t0: number) => Math.round(performance.now() - t0);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function buildOffice(server: BenchServer) {
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
      targetWaitMinutes: 15,
      expectedServiceMinutes: 4 + (i % 5) * 2,
    });
    services.push(s.id);
  }
  for (const name of ["Обед", "Перерыв"]) await ok("/api/v1/pause-reasons", { name });
  await ok("/api/v1/categories", { name: "Ветеран", priority: 2 });
  await ok("/api/v1/categories", { name: "Инвалид", priority: 3 });
  for (let i = 0; i < OPERATORS; i++) {
    // Every window offers four services; its operator is best at the first of them.
    const offered = [0, 1, 2, 3].map((k) => services[(i + k) % SERVICES]!);
    await ok("/api/v1/workstations", { name: `Окно ${i + 1}`, number: String(i + 1), serviceIds: offered });
    await ok("/api/v1/employees", {
      login: `op${String(i).padStart(3, "0")}`,
      name: `Оператор ${i + 1}`,
      role: "operator",
      password: "operator-pass",
      competencies: offered.map((serviceId, k) => ({ serviceId, rank: k + 1 })),
    });
  }
}

/** Copies the generated week back, week by week, until the history has TARGET tickets. */
async function replicate(databaseUrl: string) {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const base = (await db.query("select count(*)::int as n, max(id)::bigint as max from tickets")).rows[0];
    const weeks = Math.max(0, Math.ceil(TARGET / base.n) - 1);
    const stride = 10 ** String(base.max).length;
    const shift = "make_interval(days => 7 * w)";
    await db.query("begin");
    // Copies are facts already: no triggers (segments are copied as they are), no foreign key checks.
    await db.query("set local session_replication_role = replica");
    await db.query(
      `insert into tickets (id, branch_id, service_id, category_id, code, number, label, business_day, status,
         priority, segment, issued_at, enqueued_at, called_at, last_called_at, started_at, finished_at, call_count,
         workstation_id, employee_id, note, close_reason, language, origin, device_id, rating_score, rating_comment,
         rated_at, idempotency_key, updated_at)
       overriding system value
       select t.id + w * $1::bigint, branch_id, service_id, category_id, code || '-' || w, number, label,
         business_day - 7 * w, status, priority, segment, issued_at - ${shift}, enqueued_at - ${shift},
         called_at - ${shift}, last_called_at - ${shift}, started_at - ${shift}, finished_at - ${shift}, call_count,
         workstation_id, employee_id, note, close_reason, language, origin, device_id, rating_score, rating_comment,
         rated_at - ${shift}, null, updated_at - ${shift}
       from tickets t cross join generate_series(1, $2::int) w
       where t.id <= $3::bigint`,
      [stride, weeks, base.max],
    );
    await db.query(
      `insert into ticket_segments (ticket_id, segment, branch_id, service_id, category_id, business_day, enqueued_at,
         first_called_at, started_at, finished_at, call_count, outcome, close_reason, employee_id, workstation_id)
       select ticket_id + w * $1::bigint, segment, branch_id, service_id, category_id, business_day - 7 * w,
         enqueued_at - ${shift}, first_called_at - ${shift}, started_at - ${shift}, finished_at - ${shift}, call_count,
         outcome, close_reason, employee_id, workstation_id
       from ticket_segments s cross join generate_series(1, $2::int) w
       where s.ticket_id <= $3::bigint`,
      [stride, weeks, base.max],
    );
    await db.query(
      `insert into operator_status_days (branch_id, business_day, employee_id, workstation_id, status, reason, seconds)
       select branch_id, business_day - 7 * w, employee_id, workstation_id, status, reason, seconds
       from operator_status_days d cross join generate_series(1, $1::int) w`,
      [weeks],
    );
    await db.query(
      `insert into operator_status_log (branch_id, employee_id, workstation_id, status, reason, started_at, ended_at)
       select branch_id, employee_id, workstation_id, status, reason, started_at - ${shift}, ended_at - ${shift}
       from operator_status_log l cross join generate_series(1, $1::int) w
       where l.ended_at is not null`,
      [weeks],
    );
    await db.query("select setval(pg_get_serial_sequence('tickets', 'id'), (select max(id) from tickets))");
    await db.query("commit");
    await db.query("analyze");
    const counts = (
      await db.query(`select (select count(*) from tickets)::int as tickets,
        (select count(*) from ticket_segments)::int as segments,
        (select count(*) from operator_status_log)::int as status_log,
        (select min(business_day)::text from tickets) as first_day,
        (select pg_size_pretty(pg_database_size(current_database()))) as size`)
    ).rows[0];
    return { base: base.n, weeks, ...counts };
  } finally {
    await db.end();
  }
}

async function timeReports(server: BenchServer, from: string, to: string) {
  const rows: { report: string; first: number; median: number; max: number }[] = [];
  for (const report of REPORTS) {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await server.api("GET", `/api/v1/reports/${report}?from=${from}&to=${to}`, undefined, {
        cookie: server.admin,
      });
      if (r.status !== 200) throw new Error(`${report}: ${r.status} ${JSON.stringify(r.body)}`);
      times.push(elapsed(t0));
    }
    rows.push({ report, first: times[0]!, median: median(times), max: Math.max(...times) });
  }
  return rows;
}

/** Ticket issue latency, alone and while year reports run back to back on two connections. */
async function queueUnderReports(server: BenchServer, from: string, to: string) {
  const a = { cookie: server.admin };
  const kiosk = (await server.api("POST", "/api/v1/devices", { kind: "kiosk", name: "bench" }, a)).body.token;
  const services = (await server.api("GET", "/api/v1/services", undefined, a)).body.items as { id: string }[];
  const issue = async (n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      const r = await server.api(
        "POST",
        "/api/v1/tickets",
        { serviceId: services[i % services.length]!.id },
        { authorization: `Bearer ${kiosk}` },
      );
      if (r.status !== 201) throw new Error(`issue: ${r.status} ${JSON.stringify(r.body)}`);
      times.push(performance.now() - t0);
    }
    return times;
  };
  await issue(20); // warm-up
  const alone = await issue(200);
  let running = true;
  let reports = 0;
  const loop = async () => {
    while (running) {
      await server.api("GET", `/api/v1/reports/summary?from=${from}&to=${to}`, undefined, a);
      reports++;
    }
  };
  const loops = [loop(), loop()];
  const during = await issue(200);
  running = false;
  await Promise.all(loops);
  const fmt = (xs: number[]) => ({ p50: percentile(xs, 50).toFixed(1), p99: percentile(xs, 99).toFixed(1) });
  return { alone: fmt(alone), during: fmt(during), reportsMeanwhile: reports };
}

/** The big office and its year of history; returns the first day of the history. */
async function makeHistory(server: BenchServer): Promise<string> {
  let t0 = performance.now();
  await buildOffice(server);
  console.log(`office: ${SERVICES} services, ${OPERATORS} operators (${elapsed(t0)} ms)`);

  t0 = performance.now();
  const out = execFileSync(
    process.execPath,
    [
      "apps/server/src/cli.ts",
      "history:generate",
      "--days",
      "7",
      "--per-day",
      String(PER_DAY),
      "--seed",
      "1",
    ],
    {
      cwd: resolve(import.meta.dirname, ".."),
      env: { ...process.env, DATABASE_URL: server.databaseUrl, LOG_LEVEL: "warn" },
      encoding: "utf8",
    },
  );
  const generated = elapsed(t0);
  console.log(out.trim().split("\n").at(-1), `(${(generated / 1000).toFixed(1)} s through the engine)`);

  t0 = performance.now();
  const copied = await replicate(server.databaseUrl);
  console.log(`replicated ×${copied.weeks + 1} weeks in ${(elapsed(t0) / 1000).toFixed(1)} s:`, copied);
  return copied.first_day;
}

async function firstDayOf(databaseUrl: string): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const row = (
      await db.query(`select min(business_day)::text as first_day, count(*)::int as tickets from tickets`)
    ).rows[0];
    console.log(`reusing ${row.tickets} tickets from ${row.first_day}`);
    return row.first_day;
  } finally {
    await db.end();
  }
}

async function main() {
  const server = await startBenchServer(18_950, {}, values.reuse);
  try {
    const firstDay = values.reuse ? await firstDayOf(server.databaseUrl) : await makeHistory(server);
    const today = new Date().toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const year = await timeReports(server, firstDay, today);
    const day = await timeReports(server, yesterday, yesterday);
    console.log(`\nreport latency over HTTP, ms (${RUNS} runs each; first · median · max)`);
    console.log(`| report | year (${firstDay} – ${today}) | one day (${yesterday}) |`);
    console.log("| --- | --- | --- |");
    for (const [i, r] of year.entries()) {
      const d = day[i]!;
      console.log(
        `| ${r.report} | ${r.first} · ${r.median} · ${r.max} | ${d.first} · ${d.median} · ${d.max} |`,
      );
    }
    const queue = await queueUnderReports(server, firstDay, today);
    console.log("\nticket issue latency, ms:", queue);
  } finally {
    await server.stop();
  }
}

await main();
