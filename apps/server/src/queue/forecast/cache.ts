import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { QueueDeps } from "../deps.ts";
import { type HistoryStats, loadHistoryStats } from "./history-stats.ts";
import type { Forecast } from "./model.ts";
import { seedOf } from "./random.ts";
import { Simulation } from "./simulate.ts";
import { loadForecastState } from "./snapshot.ts";

/** A forecast is reused for this long at most, even with no change (operators do finish meanwhile). */
const MAX_AGE_MS = 60_000;
/** What is learned from history is re-read this often (by the office's clock). */
const STATS_MAX_AGE_MS = 30 * 60_000;
/** The forecast yields to other requests after this much work at a stretch. */
const SLICE_MS = 8;
/**
 * A forecast stops after this much work in all (a very large or overloaded office) once it has
 * MIN_RUNS runs: its percentiles are a little rougher, and nothing else waits long behind it.
 */
const BUDGET_MS = 250;
const MIN_RUNS = 60;

interface Cached<T> {
  key: string;
  at: number;
  value: Promise<T>;
}

/**
 * One forecast per branch and state of the queue. Every change to the queue writes an event, so
 * the branch's latest event id names its state: while it is unchanged (and the forecast is under a
 * minute old by the office's clock) every quote — each tracking page refreshing after a call, the
 * kiosk's menu — reads the same forecast; the first request after a change computes the next one,
 * and concurrent requests share that work — or, for a display that may lag a change by a moment
 * (`current(..., { whileComputing: "previous" })`: tracking pages refreshing together after a
 * call), read the latest finished forecast meanwhile instead of waiting. One per app (and per
 * simulated day of the history generator), so test databases and instances never mix.
 */
export class WaitForecasts {
  readonly #forecasts = new Map<string, Cached<Forecast>>();
  readonly #finished = new Map<string, Forecast>();
  /** Forecasts still being computed, by the request count when they were started. */
  readonly #started = new Map<Promise<Forecast>, number>();
  #requests = 0;
  readonly #stats = new Map<string, Cached<HistoryStats>>();

  /** The branch's forecast for the queue as it is now. */
  async current(
    deps: QueueDeps,
    branch: BranchContext,
    options: { whileComputing?: "wait" | "previous" } = {},
  ): Promise<Forecast> {
    const now = deps.clock();
    const version = await queueVersion(deps, branch.id);
    this.#requests++;
    const value = reuse(this.#forecasts, branch.id, version, now, MAX_AGE_MS, () => {
      const computing = this.#compute(deps, branch, now, version);
      this.#started.set(computing, this.#requests);
      computing.finally(() => this.#started.delete(computing)).catch(() => {});
      return computing;
    });
    // Someone else's request is computing this forecast: a display may show the one before.
    const previous = this.#finished.get(branch.id);
    const started = this.#started.get(value);
    if (
      options.whileComputing === "previous" &&
      previous &&
      started !== undefined &&
      started < this.#requests
    ) {
      if (now.getTime() - previous.at < MAX_AGE_MS) return previous;
    }
    return value;
  }

  /** The latest finished forecast for the branch, whatever its age: no waiting, no database work. */
  latest(branchId: string): Forecast | null {
    return this.#finished.get(branchId) ?? null;
  }

  async #compute(deps: QueueDeps, branch: BranchContext, now: Date, version: string): Promise<Forecast> {
    const stats = await reuse(this.#stats, branch.id, branch.timezone, now, STATS_MAX_AGE_MS, () =>
      loadHistoryStats(deps.db, branch.id, branch.timezone, now),
    );
    const state = await loadForecastState(deps.db, branch, stats, now);
    const simulation = new Simulation(
      state,
      undefined,
      seedOf(Number(branch.id), Number(version), now.getTime()),
    );
    // A busy office's forecast takes tens of milliseconds: in slices, so calls and issues go on between.
    let worked = 0;
    for (;;) {
      const slice = performance.now();
      while (!simulation.done && performance.now() - slice < SLICE_MS) simulation.play(1);
      worked += performance.now() - slice;
      if (simulation.done || (worked > BUDGET_MS && simulation.runsPlayed >= MIN_RUNS)) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const forecast = simulation.result();
    const finished = this.#finished.get(branch.id);
    if (!finished || finished.at <= forecast.at) this.#finished.set(branch.id, forecast);
    return forecast;
  }
}

/** The cached value while its key matches and it is younger than `maxAge`; otherwise `make` anew. */
function reuse<T>(
  cache: Map<string, Cached<T>>,
  id: string,
  key: string,
  now: Date,
  maxAge: number,
  make: () => Promise<T>,
): Promise<T> {
  const hit = cache.get(id);
  const age = now.getTime() - (hit?.at ?? 0);
  if (hit && hit.key === key && age >= 0 && age < maxAge) return hit.value;
  const value = make();
  cache.set(id, { key, at: now.getTime(), value });
  // A failed computation is not kept: the next request tries again.
  value.catch(() => cache.get(id)?.value === value && cache.delete(id));
  return value;
}

async function queueVersion(deps: QueueDeps, branchId: string): Promise<string> {
  const row = await sql<{ v: string | null }>`
    select max(id)::text as v from events where branch_id = ${branchId}
  `.execute(deps.db);
  return row.rows[0]?.v ?? "0";
}
