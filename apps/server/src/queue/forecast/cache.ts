import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { QueueDeps } from "../deps.ts";
import { type HistoryStats, loadHistoryStats } from "./history-stats.ts";
import type { Forecast } from "./model.ts";
import { seedOf } from "./random.ts";
import { Simulation } from "./simulate.ts";
import { loadForecastState } from "./snapshot.ts";

/**
 * One forecast per branch and state of the queue. Every change to the queue writes an event, so
 * the branch's latest event id names its state: while it is unchanged (and the forecast is under a
 * minute old by the office's clock) every quote — each tracking page refreshing after a call, the
 * kiosk's menu — reads the same forecast; the first request after a change computes the next one,
 * and concurrent requests share that work. Per database handle, so test databases never mix.
 */
const MAX_AGE_MS = 60_000;
const STATS_MAX_AGE_MS = 30 * 60_000;
const RUNS_PER_BATCH = 25;

interface Cached<T> {
  key: string;
  at: number;
  value: Promise<T>;
}

const forecasts = new WeakMap<object, Map<string, Cached<Forecast>>>();
const statistics = new WeakMap<object, Map<string, Cached<HistoryStats>>>();

function slot<T>(store: WeakMap<object, Map<string, Cached<T>>>, db: object): Map<string, Cached<T>> {
  let map = store.get(db);
  if (!map) {
    map = new Map();
    store.set(db, map);
  }
  return map;
}

/** The branch's forecast for the queue as it is now. */
export async function branchForecast(deps: QueueDeps, branch: BranchContext): Promise<Forecast> {
  const now = deps.clock();
  const version = await queueVersion(deps, branch.id);
  const cache = slot(forecasts, deps.db);
  const hit = cache.get(branch.id);
  const age = now.getTime() - (hit?.at ?? 0);
  if (hit && hit.key === version && age >= 0 && age < MAX_AGE_MS) return hit.value;
  const value = computeForecast(deps, branch, now, version);
  cache.set(branch.id, { key: version, at: now.getTime(), value });
  value.catch(() => cache.get(branch.id)?.value === value && cache.delete(branch.id));
  return value;
}

/** The latest forecast this process made for the branch, whatever its age (no database work). */
export async function lastForecast(deps: QueueDeps, branchId: string): Promise<Forecast | null> {
  const hit = slot(forecasts, deps.db).get(branchId);
  return hit ? hit.value.catch(() => null) : null;
}

async function computeForecast(deps: QueueDeps, branch: BranchContext, now: Date, version: string) {
  const stats = await historyStats(deps, branch, now);
  const state = await loadForecastState(deps.db, branch, stats, now);
  const simulation = new Simulation(state, undefined, seedOf(Number(branch.id), Number(version), now.getTime()));
  // A busy office's forecast takes tens of milliseconds: in batches, so calls and issues go on between.
  for (;;) {
    simulation.play(RUNS_PER_BATCH);
    if (simulation.done) return simulation.result();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function historyStats(deps: QueueDeps, branch: BranchContext, now: Date): Promise<HistoryStats> {
  const cache = slot(statistics, deps.db);
  const key = `${branch.timezone}`;
  const hit = cache.get(branch.id);
  const age = now.getTime() - (hit?.at ?? 0);
  if (hit && hit.key === key && age >= 0 && age < STATS_MAX_AGE_MS) return hit.value;
  const value = loadHistoryStats(deps.db, branch.id, branch.timezone, now);
  cache.set(branch.id, { key, at: now.getTime(), value });
  value.catch(() => cache.get(branch.id)?.value === value && cache.delete(branch.id));
  return value;
}

async function queueVersion(deps: QueueDeps, branchId: string): Promise<string> {
  const row = await sql<{ v: string | null }>`
    select max(id)::text as v from events where branch_id = ${branchId}
  `.execute(deps.db);
  return row.rows[0]?.v ?? "0";
}
