import type { CallClass } from "../policy.ts";
import { type CallForecast, type Forecast, type ForecastState, probeKey } from "./model.ts";
import { quantile, seededRandom } from "./random.ts";
import { buildLayout, type Entry, type Layout } from "./simulation-layout.ts";

/** Runs of the office's next hours; each samples service times, leavers and arrivals anew. */
export const DEFAULT_RUNS = 200;
/** A ticket not called within this many hours in a run counts as not called today. */
const HORIZON_MINUTES = 14 * 60;

/**
 * The forecast: the office's next hours simulated `runs` times from the live state, with the
 * engine's own calling policy (policy.ts) choosing whom each free operator calls. Every waiting
 * ticket's call time, and every probe's ("a ticket taken now"), is collected across runs; the
 * spread of those times is the honest range. Pure and deterministic for a given seed.
 */
export function simulate(state: ForecastState, runs = DEFAULT_RUNS, seed = 1): Forecast {
  const simulation = new Simulation(state, runs, seed);
  simulation.play(runs);
  return simulation.result();
}

/**
 * The same, a few runs at a time (`play`), so a large office's forecast can yield to other
 * requests between batches instead of holding the event loop for its whole length.
 */
export class Simulation {
  private readonly state: ForecastState;
  private readonly layout: Layout;
  private readonly samples: Float64Array[];
  private readonly random: () => number;
  private readonly runs: number;
  private played = 0;

  constructor(state: ForecastState, runs = DEFAULT_RUNS, seed = 1) {
    this.state = state;
    this.runs = runs;
    this.layout = buildLayout(state);
    this.samples = this.layout.targets.map(() => new Float64Array(runs).fill(Number.POSITIVE_INFINITY));
    this.random = seededRandom(seed);
  }

  get done(): boolean {
    return this.played >= this.runs;
  }

  /** Runs played so far. */
  get runsPlayed(): number {
    return this.played;
  }

  play(count: number): void {
    const until = Math.min(this.runs, this.played + count);
    for (; this.played < until; this.played++) {
      new Run(this.state, this.layout, this.random, this.samples, this.played).play();
    }
  }

  result(): Forecast {
    const { layout, samples, state } = this;
    const tickets = new Map<string, CallForecast & { serviceId: string }>();
    const probes = new Map<string, CallForecast>();
    layout.targets.forEach((target, i) => {
      // Only the runs played: a forecast cut short by its time budget summarises fewer.
      const call = summary(samples[i]!.subarray(0, this.played));
      if (target.probe) probes.set(probeKey(target.serviceId, target.priority), call);
      else tickets.set(target.id, { ...call, serviceId: target.serviceId });
    });
    const servedServices = new Set<string>();
    for (const s of state.servers) {
      if (s.backAt === null) for (const id of s.ranks.keys()) servedServices.add(id);
    }
    return { at: state.now, tickets, probes, servedServices };
  }
}

function summary(times: Float64Array): CallForecast {
  times.sort();
  let sum = 0;
  let called = 0;
  for (const t of times) {
    if (!Number.isFinite(t)) break;
    sum += t;
    called++;
  }
  return {
    mean: called > 0 ? sum / called : Number.POSITIVE_INFINITY,
    p10: quantile(times, 0.1),
    p90: quantile(times, 0.9),
    calledShare: called / times.length,
  };
}

/** One simulated run: operators free up, call by the policy, clients arrive; until every target is called. */
class Run {
  private readonly state: ForecastState;
  private readonly layout: Layout;
  private readonly random: () => number;
  private readonly samples: Float64Array[];
  private readonly run: number;
  private readonly heads: number[];
  private readonly extra: Entry[][];
  private readonly extraHeads: number[];
  private readonly freeAt: number[];
  private readonly idle: boolean[];
  private readonly nextArrival: number[];
  private readonly recent: RecentCalls;
  private recorded = 0;
  private seq = 0;
  /** Set by `pick`: when the earliest appointment of the operator's not yet callable becomes so. */
  private wakeAt = Number.POSITIVE_INFINITY;
  /** Scratch sort keys for `pick` (a candidate's and the best so far), reused: runs must not allocate. */
  private readonly key = new Float64Array(KEY_LENGTH);
  private readonly bestKey = new Float64Array(KEY_LENGTH);

  constructor(
    state: ForecastState,
    layout: Layout,
    random: () => number,
    samples: Float64Array[],
    run: number,
  ) {
    this.state = state;
    this.layout = layout;
    this.random = random;
    this.samples = samples;
    this.run = run;
    this.heads = layout.queues.map(() => 0);
    this.extra = layout.queues.map(() => []);
    this.extraHeads = layout.queues.map(() => 0);
    this.recent = new RecentCalls(state.recentCalls);
    this.freeAt = layout.servers.map((s) => this.firstFree(s));
    this.idle = layout.servers.map(() => false);
    this.nextArrival = layout.streams.map((s) => this.arrivalAfter(s.index, state.now));
  }

  play(): void {
    const end = this.state.now + HORIZON_MINUTES * 60_000;
    while (this.recorded < this.layout.targets.length) {
      const k = this.earliestServer();
      const j = this.earliestArrival();
      const serverAt = k < 0 ? Number.POSITIVE_INFINITY : this.freeAt[k]!;
      const arrivalAt = j < 0 ? Number.POSITIVE_INFINITY : this.nextArrival[j]!;
      const t = Math.min(serverAt, arrivalAt);
      if (t > end) return;
      if (arrivalAt < serverAt) this.arrive(j, t);
      else this.serveNext(k, t);
    }
  }

  private firstFree(s: Layout["servers"][number]): number {
    const { now } = this.state;
    if (s.backAt !== null) return Math.max(now, s.backAt);
    if (!s.busy) return Math.max(now, s.callsAt ?? now);
    const elapsed = (now - s.busy.since) / 60_000;
    return now + this.remainingMinutes(s.busy.queueService, elapsed) * 60_000;
  }

  /** A busy operator's time left: a service time longer than what has passed, less what has passed. */
  private remainingMinutes(service: number, elapsed: number): number {
    const sorted = this.layout.busySorted[service]!;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= elapsed) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= sorted.length) return 0.5;
    return sorted[lo + Math.floor(this.random() * (sorted.length - lo))]! - elapsed;
  }

  private earliestServer(): number {
    let best = -1;
    for (let k = 0; k < this.freeAt.length; k++) {
      if (this.idle[k]) continue;
      if (best < 0 || this.freeAt[k]! < this.freeAt[best]!) best = k;
    }
    return best;
  }

  private earliestArrival(): number {
    let best = -1;
    for (let j = 0; j < this.nextArrival.length; j++) {
      if (best < 0 || this.nextArrival[j]! < this.nextArrival[best]!) best = j;
    }
    return best;
  }

  /** The next arrival of a stream after `from` (thinning against its busiest hour); none after closing. */
  private arrivalAfter(stream: number, from: number): number {
    const s = this.layout.streams[stream]!;
    if (s.maxPerMinute <= 0) return Number.POSITIVE_INFINITY;
    let t = from;
    for (;;) {
      t += (-Math.log(1 - this.random()) / s.maxPerMinute) * 60_000;
      if (t > s.until) return Number.POSITIVE_INFINITY;
      if (this.random() * s.maxPerMinute < s.perMinute[this.layout.hourAt(t)]!) return t;
    }
  }

  private arrive(stream: number, t: number): void {
    const s = this.layout.streams[stream]!;
    this.extra[s.queue]!.push({ target: -1, enqueuedAt: t, seq: this.layout.targets.length + this.seq++ });
    this.nextArrival[stream] = this.arrivalAfter(stream, t);
    const service = this.layout.queues[s.queue]!.service;
    for (let k = 0; k < this.idle.length; k++) {
      if (this.idle[k] && this.layout.servers[k]!.serves.has(service)) {
        this.idle[k] = false;
        this.freeAt[k] = t + this.state.gapMinutes * 60_000;
        return;
      }
    }
  }

  /**
   * Operator k is free at t: he calls whom the policy picks; a probe, a ticket whose holder has not
   * arrived, or a leaver takes none of his time. With nobody callable he waits for the next
   * arrival, or an appointment's start.
   */
  private serveNext(k: number, t: number): void {
    const q = this.pick(k, t);
    if (q < 0) {
      if (Number.isFinite(this.wakeAt)) this.freeAt[k] = this.wakeAt + this.state.gapMinutes * 60_000;
      else this.idle[k] = true;
      return;
    }
    const queue = this.layout.queues[q]!;
    const entry = this.take(q);
    if (entry.target >= 0) {
      this.samples[entry.target]![this.run] = t;
      this.recorded++;
      if (this.layout.targets[entry.target]!.passive) return;
    }
    if (this.random() < this.layout.leaveShare[queue.service]!) return;
    const busy = this.layout.busySorted[queue.service]!;
    const minutes = busy[Math.floor(this.random() * busy.length)]! * this.layout.slowdownAt(t);
    this.freeAt[k] = t + (minutes + this.state.gapMinutes) * 60_000;
    this.recent.add(queue.priority > 0);
  }

  private take(q: number): Entry {
    const initial = this.layout.queues[q]!.entries;
    if (this.heads[q]! < initial.length) return initial[this.heads[q]!++]!;
    return this.extra[q]![this.extraHeads[q]!++]!;
  }

  private head(q: number): Entry | undefined {
    const initial = this.layout.queues[q]!.entries;
    return this.heads[q]! < initial.length ? initial[this.heads[q]!] : this.extra[q]![this.extraHeads[q]!];
  }

  /**
   * The policy's choice for operator k at t, by policy.ts's `orderKey` (overdue, appointments,
   * the ratio rule's class, category priority, rank, service priority, arrival) over the head of
   * each of his queues — within a queue the head is always its best, and an appointment queue's
   * head is its first to become callable; -1 when nobody callable waits for him.
   */
  private pick(k: number, t: number): number {
    const server = this.layout.servers[k]!;
    const { policy } = this.state;
    const preferred = this.recent.preferred(policy.ratio);
    const { key, bestKey } = this;
    let best = -1;
    this.wakeAt = Number.POSITIVE_INFINITY;
    for (const { queue, rank } of server.queues) {
      const e = this.head(queue);
      if (!e) continue;
      const q = this.layout.queues[queue]!;
      if (q.appointment && e.enqueuedAt > t) {
        this.wakeAt = Math.min(this.wakeAt, e.enqueuedAt);
        continue;
      }
      key[0] = policy.slaGuard && q.targetWaitMs !== null && t - e.enqueuedAt > q.targetWaitMs ? 0 : 1;
      key[1] = q.appointment ? 0 : 1;
      key[2] = preferred === 0 || (q.priority > 0 ? 1 : -1) === preferred ? 0 : 1;
      key[3] = -q.priority;
      key[4] = rank;
      key[5] = -q.servicePriority;
      key[6] = e.enqueuedAt;
      key[7] = e.seq;
      if (best < 0 || before(key, bestKey)) {
        best = queue;
        bestKey.set(key);
      }
    }
    return best;
  }
}

/** overdue, walk-in, class miss, -category priority, rank, -service priority, enqueued at, seq */
const KEY_LENGTH = 8;

/** Whether a candidate's key comes before the best one's (lexicographic, as policy.ts sorts). */
function before(key: Float64Array, b: Float64Array): boolean {
  for (let i = 0; i < KEY_LENGTH; i++) {
    if (key[i] !== b[i]) return key[i]! < b[i]!;
  }
  return false;
}

/**
 * The ratio rule's memory in a run: the latest call classes, newest first, in a ring. `preferred`
 * is policy.ts's `preferredClass` (1 priority, -1 normal, 0 no rule) without allocating.
 */
class RecentCalls {
  private readonly ring = new Uint8Array(64);
  private start = 0;
  private size = 0;

  constructor(initial: readonly CallClass[]) {
    for (let i = Math.min(initial.length, 64) - 1; i >= 0; i--) this.add(initial[i] === "priority");
  }

  add(priority: boolean): void {
    this.start = (this.start + 63) % 64;
    this.ring[this.start] = priority ? 1 : 0;
    this.size = Math.min(64, this.size + 1);
  }

  preferred(ratio: { normal: number; priority: number } | null): number {
    if (!ratio) return 0;
    const window = Math.min(this.size, ratio.normal + ratio.priority - 1);
    let priorityCalls = 0;
    for (let i = 0; i < window; i++) priorityCalls += this.ring[(this.start + i) % 64]!;
    return priorityCalls < ratio.priority ? 1 : -1;
  }
}
