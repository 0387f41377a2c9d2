/**
 * How good the wait estimates are (issue 16): simulated office days, made by the queue engine
 * itself (the demo history generator), store the quote each client was given at issue; the
 * estimate audit (`estimateAccuracy`, the report behind the admin's page) then compares it with the
 * wait that followed. Each configuration is run twice on the same seed — the same clients, the
 * same operators, the same service times — once quoted by the forecast, once by today's formula.
 *
 *   A  one service, 3 operators, the office's day (peaks, lunch, breaks, no-shows, recalls…)
 *   B  4 services, 5 operators, three of them serving a second service at rank 2
 *   C  2 services, 4 operators, 20 % priority clients, calling ratio {normal: 2, priority: 1}
 *   D  M/M/5 at ρ = 0.9: one 10-minute service (exponential), Poisson arrivals of 0.45 a minute
 *      over the 9 open hours, nobody pauses, cancels, misses a call or is redirected
 *
 * Usage: node bench/estimates.ts [--days 5] [--audit 3] [--config A,B,C,D] [--seed 16] [--json]
 * Every run is an in-memory PGlite database of its own; results go to bench/README.md by hand.
 */
import { parseArgs } from "node:util";
import { type Kysely, sql } from "kysely";
import { buildApp } from "../apps/server/src/app.ts";
import { bootstrap } from "../apps/server/src/bootstrap.ts";
import { loadConfig } from "../apps/server/src/core/config.ts";
import { openDatabase } from "../apps/server/src/db/database.ts";
import { migrateToLatest } from "../apps/server/src/db/migrate.ts";
import type { DB } from "../apps/server/src/db/schema.ts";
import { dayBefore, generateHistory } from "../apps/server/src/demo/history.ts";
import { type HistoryRealism, TEXTBOOK_DAY } from "../apps/server/src/demo/history-realism.ts";
import { estimateAccuracy } from "../apps/server/src/modules/reports/estimates.ts";
import { firstBranch } from "../apps/server/src/queue/branches.ts";
import type { WaitPredictor } from "../apps/server/src/queue/deps.ts";

const { values } = parseArgs({
  options: {
    days: { type: "string", default: "5" },
    audit: { type: "string", default: "3" },
    config: { type: "string", default: "A,B,C,D" },
    seed: { type: "string", default: "16" },
    json: { type: "boolean", default: false },
  },
});
const DAYS = Number(values.days);
const AUDIT = Math.min(DAYS, Number(values.audit));
const SEED = Number(values.seed);
const TIMEZONE = "Europe/Moscow";
/** The history ends the day before: Saturday 7 March 2026, so five days are Monday to Friday. */
const UNTIL = new Date("2026-03-07T09:00:00Z");
const PREDICTORS: WaitPredictor[] = ["forecast", "legacy"];

interface ServicePlan {
  name: string;
  prefix: string;
  minutes: number;
}
interface OfficePlan {
  title: string;
  services: ServicePlan[];
  /** Each operator's competencies as [service index, rank]; his window offers those services. */
  operators: [number, number][][];
  ticketsPerDay: number;
  realism?: Partial<HistoryRealism>;
  ratio?: { normal: number; priority: number };
  /** The M/M/s parameters, when the configuration is one. */
  mms?: { servers: number; rho: number; serviceMinutes: number };
}

const CONFIGS: Record<string, OfficePlan> = {
  A: {
    title: "one service",
    services: [{ name: "Кассы", prefix: "A", minutes: 6 }],
    operators: [[[0, 1]], [[0, 1]], [[0, 1]]],
    ticketsPerDay: 170,
  },
  B: {
    title: "shared by rank",
    services: [
      { name: "Билеты", prefix: "A", minutes: 5 },
      { name: "Возврат", prefix: "B", minutes: 8 },
      { name: "Справки", prefix: "C", minutes: 12 },
      { name: "Багаж", prefix: "D", minutes: 4 },
    ],
    operators: [
      [
        [0, 1],
        [1, 2],
      ],
      [
        [0, 1],
        [2, 2],
      ],
      [
        [1, 1],
        [0, 2],
      ],
      [[2, 1]],
      [[3, 1]],
    ],
    ticketsPerDay: 250,
  },
  C: {
    title: "priority 20 % + ratio",
    services: [
      { name: "Билеты", prefix: "A", minutes: 6 },
      { name: "Справки", prefix: "B", minutes: 10 },
    ],
    operators: [
      [[0, 1]],
      [
        [0, 1],
        [1, 2],
      ],
      [
        [1, 1],
        [0, 2],
      ],
      [[1, 1]],
    ],
    ticketsPerDay: 190,
    realism: { categoryShare: 0.2 },
    ratio: { normal: 2, priority: 1 },
  },
  D: {
    title: "M/M/5 ρ=0.9",
    services: [{ name: "Кассы", prefix: "A", minutes: 10 }],
    operators: [[[0, 1]], [[0, 1]], [[0, 1]], [[0, 1]], [[0, 1]]],
    // λ = ρ·s·μ = 0.9 · 5 / 10 min = 0.45 a minute, over 9 hours.
    ticketsPerDay: 0.45 * 60 * 9,
    realism: TEXTBOOK_DAY,
    mms: { servers: 5, rho: 0.9, serviceMinutes: 10 },
  },
};

/** A fresh in-memory database with the configuration's office, built through the admin API. */
async function officeFor(plan: OfficePlan) {
  const config = loadConfig({
    DQ_ADMIN_PASSWORD: "bench-admin-1",
    DQ_DEMO: "0",
    LOG_LEVEL: "silent",
    DQ_TZ: TIMEZONE,
  });
  const database = await openDatabase({ kind: "pglite", dataDir: null });
  await migrateToLatest(database.db as never);
  await bootstrap(database.db, config);
  const app = await buildApp({ config, database, logger: false });
  const call = async (method: "POST" | "PATCH", url: string, payload: object, cookie?: string) => {
    const res = await app.inject({ method, url, payload, headers: cookie ? { cookie } : {} });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return { body: res.json(), cookie: res.headers["set-cookie"]?.toString().split(";")[0] };
  };
  const admin = (await call("POST", "/api/v1/auth/login", { login: "admin", password: "bench-admin-1" }))
    .cookie!;
  const post = async (url: string, body: object) => (await call("POST", url, body, admin)).body;
  const services: string[] = [];
  for (const [i, s] of plan.services.entries()) {
    const body = {
      name: s.name,
      prefix: s.prefix,
      sortOrder: i,
      targetWaitMinutes: 20,
      expectedServiceMinutes: s.minutes,
    };
    services.push((await post("/api/v1/services", body)).id);
  }
  for (const name of ["Обед", "Перерыв"]) await post("/api/v1/pause-reasons", { name });
  if ((plan.realism?.categoryShare ?? 0) > 0)
    await post("/api/v1/categories", { name: "Льготник", priority: 1 });
  if (plan.ratio)
    await call("PATCH", "/api/v1/branch", { settings: { callingPolicy: { ratio: plan.ratio } } }, admin);
  for (const [i, skills] of plan.operators.entries()) {
    const serviceIds = skills.map(([k]) => services[k]!);
    await post("/api/v1/workstations", { name: `Окно ${i + 1}`, number: String(i + 1), serviceIds });
    const competencies = skills.map(([k, rank]) => ({ serviceId: services[k]!, rank }));
    const login = `op${i + 1}`;
    await post("/api/v1/employees", {
      login,
      name: `Оператор ${i + 1}`,
      role: "operator",
      password: "operator-pass",
      competencies,
    });
  }
  await app.close();
  return database;
}

/**
 * The M/M/s figures over the tickets that had to wait (actual > 0: every server busy at issue):
 * relative RMS error = √mean((actual − expected)²) ÷ mean(actual), for the quote and for the oracle
 * that knows the true rate and the queue (k people ahead in the queue: expected (k + 1)·mean ÷ s),
 * the best any predictor of the mean can do on these very days (√(1−ρ) in the stationary queue).
 */
async function mmsFigures(db: Kysely<DB>, from: string, to: string, m: NonNullable<OfficePlan["mms"]>) {
  const rows = await sql<{ actual: number; quoted: number | null; ahead: number }>`
    select extract(epoch from s.first_called_at - s.enqueued_at)::float8 / 60 as actual,
      t.quoted_expected_minutes::float8 as quoted,
      (select count(*) from ticket_segments o
        where o.service_id = s.service_id and o.business_day = s.business_day and o.enqueued_at < s.enqueued_at
          and (o.first_called_at is null or o.first_called_at > s.enqueued_at))::int as ahead
    from ticket_segments s join tickets t on t.id = s.ticket_id
    where s.segment = 1 and s.first_called_at is not null and s.business_day between ${from}::date and ${to}::date
  `.execute(db);
  const waited = rows.rows.filter((r) => r.actual > 0);
  const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
  /** Over the waiting tickets it predicts (a quote: those who were given one). */
  const relRms = (predict: (r: (typeof waited)[number]) => number | null) => {
    const pairs = waited.flatMap((r) => {
      const p = predict(r);
      return p === null ? [] : [{ actual: r.actual, error: r.actual - p }];
    });
    if (pairs.length === 0) return null;
    return round(Math.sqrt(mean(pairs.map((x) => x.error ** 2))) / mean(pairs.map((x) => x.actual)), 3);
  };
  const oracle = (r: (typeof waited)[number]) => ((r.ahead + 1) * m.serviceMinutes) / m.servers;
  const oracleMae = rows.rows.reduce((a, r) => a + Math.abs(r.actual - (r.actual > 0 ? oracle(r) : 0)), 0);
  return {
    waited: waited.length,
    called: rows.rows.length,
    meanWaitMinutes: round(mean(waited.map((r) => r.actual)), 2),
    relRms: relRms((r) => r.quoted),
    oracleRelRms: relRms(oracle),
    /** The oracle's MAE over every called ticket (0 for those who did not wait): the optimum for MAE. */
    oracleMaeMinutes: round(oracleMae / rows.rows.length, 2),
    target: round(Math.sqrt(1 - m.rho), 3),
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

async function run(plan: OfficePlan, predictor: WaitPredictor) {
  const database = await officeFor(plan);
  try {
    const branch = (await firstBranch(database.db))!;
    const t0 = performance.now();
    const made = await generateHistory(database.db, branch, {
      days: DAYS,
      until: UNTIL,
      ticketsPerDay: plan.ticketsPerDay,
      seed: SEED,
      realism: plan.realism,
      waitPredictor: predictor,
    });
    const ms = performance.now() - t0;
    const from = dayBefore(UNTIL, TIMEZONE, AUDIT);
    const to = dayBefore(UNTIL, TIMEZONE, 1);
    const accuracy = await estimateAccuracy(database.db, branch, { from, to });
    const mms = plan.mms ? await mmsFigures(database.db, from, to, plan.mms) : null;
    const { byService: _, ...total } = accuracy;
    return {
      predictor,
      ...total,
      mms,
      days: made.days,
      ticketsPerDay: Math.round(made.tickets / made.days),
      msPerDay: Math.round(ms / made.days),
    };
  } finally {
    await database.close();
  }
}

type Result = Awaited<ReturnType<typeof run>>;

/** The targets for one configuration: the forecast's coverage, its MAE against today's, and M/M/s. */
function verdicts(forecast: Result, legacy: Result) {
  const checks: [string, boolean | null][] = [];
  const c = forecast.coverage;
  checks.push([`coverage ${pct(c)} within 75–88 %`, c === null ? null : c >= 0.75 && c <= 0.88]);
  const optimum = forecast.mms?.oracleMaeMinutes ?? null;
  const [f, l] = [forecast.maeMinutes, legacy.maeMinutes];
  if (f !== null && l !== null) {
    if (optimum !== null && l <= optimum * 1.1)
      checks.push([`MAE: today's ${l} is within 10 % of the optimum ${optimum}: no target`, true]);
    else {
      const known = optimum === null ? "" : `; the oracle's ${optimum}`;
      checks.push([`MAE ${f} ≤ 70 % of today's ${l} (${round(l * 0.7, 2)}${known})`, f <= l * 0.7]);
    }
  } else checks.push(["MAE: no audited tickets", null]);
  if (forecast.mms) {
    const { relRms, target } = forecast.mms;
    checks.push([
      `relative RMS ${relRms} within 10 % of √(1−ρ) = ${target}`,
      relRms === null ? null : Math.abs(relRms - target) <= 0.1 * target,
    ]);
  }
  return checks;
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)} %`);
const cell = (x: number | null | undefined) => (x === null || x === undefined ? "—" : String(x));

function printConfig(key: string, plan: OfficePlan, results: Result[]) {
  console.log(
    `\n${key} "${plan.title}": ${plan.services.length} service(s), ${plan.operators.length} operators, days ${DAYS} (audited: the last ${AUDIT})`,
  );
  const rows = results.map((r) => ({
    predictor: r.predictor,
    count: r.count,
    coverage: pct(r.coverage),
    under: pct(r.underShare),
    "MAE min": cell(r.maeMinutes),
    "bias min": cell(r.biasMinutes),
    "median width": cell(r.medianWidthMinutes),
    ...(r.mms
      ? {
          "rel. RMS": r.mms.relRms,
          "oracle rel. RMS": r.mms.oracleRelRms,
          "oracle MAE": r.mms.oracleMaeMinutes,
        }
      : {}),
    "tickets/day": r.ticketsPerDay,
    "ms/day": r.msPerDay,
  }));
  console.table(rows);
  const mms = results[0]?.mms;
  if (mms)
    console.log(
      `  M/M/s: ${mms.waited} of ${mms.called} called tickets waited, mean ${mms.meanWaitMinutes} min; √(1−ρ) = ${mms.target}`,
    );
  const [forecast, legacy] = PREDICTORS.map((p) => results.find((r) => r.predictor === p)!);
  for (const [text, ok] of verdicts(forecast!, legacy!))
    console.log(`  ${ok === null ? "n/a " : ok ? "PASS" : "FAIL"} ${text}`);
}

const report: Record<string, { title: string; results: Result[]; checks: [string, boolean | null][] }> = {};
for (const key of values.config.split(",").map((k) => k.trim().toUpperCase())) {
  const plan = CONFIGS[key];
  if (!plan) throw new Error(`no configuration ${key} (A, B, C, D)`);
  const results: Result[] = [];
  for (const predictor of PREDICTORS) results.push(await run(plan, predictor));
  report[key] = { title: plan.title, results, checks: verdicts(results[0]!, results[1]!) };
  if (!values.json) printConfig(key, plan, results);
}
if (values.json)
  console.log(JSON.stringify({ days: DAYS, audit: AUDIT, seed: SEED, configs: report }, null, 2));
