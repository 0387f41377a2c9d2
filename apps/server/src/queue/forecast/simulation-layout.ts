import type { ForecastState } from "./model.ts";

/**
 * The forecast state rearranged for fast runs: one FIFO queue per service, category priority and
 * kind (walk-ins, appointments; within one, the policy's order is plain arrival order, so only its
 * head competes), indexes instead of ids, sorted service-time samples.
 */
export interface Layout {
  /** Waiting tickets first, then probes; a run records when each is called. */
  targets: Target[];
  queues: QueueLayout[];
  servers: ServerLayout[];
  streams: StreamLayout[];
  /** Per service index: busy minutes, ascending. */
  busySorted: Float64Array[];
  leaveShare: number[];
  /** Local hour (0–23) of an instant. */
  hourAt: (t: number) => number;
  /** How much longer a call keeps an operator away at t, for the breaks of that hour. */
  slowdownAt: (t: number) => number;
}

export interface Target {
  id: string;
  serviceId: string;
  priority: number;
  /** "A ticket taken now": recorded among the probes, not the tickets. */
  probe: boolean;
  /** Called without taking anyone's time: probes, and tickets whose holder has not yet arrived. */
  passive: boolean;
}

export interface Entry {
  /** Index in `targets`, or -1 for a client who arrives during the run. */
  target: number;
  enqueuedAt: number;
  /** The policy's last tie-break (the ticket id's order). */
  seq: number;
}

export interface QueueLayout {
  service: number;
  priority: number;
  servicePriority: number;
  targetWaitMs: number | null;
  /** Appointment tickets: callable from their enqueuedAt, before walk-ins. */
  appointment: boolean;
  /** Waiting tickets then probes, in arrival order. */
  entries: Entry[];
}

export interface ServerLayout {
  serves: Set<number>;
  /** The queues he may call from, with his rank in their service. */
  queues: { queue: number; rank: number }[];
  busy: { queueService: number; since: number } | null;
  backAt: number | null;
  callsAt: number | null;
}

export interface StreamLayout {
  index: number;
  queue: number;
  perMinute: readonly number[];
  maxPerMinute: number;
  /** No arrivals after this instant (the service's closing, or the horizon). */
  until: number;
}

/** Breaks take at most this share of an hour in the model (a bad history must not stall it). */
const MAX_PAUSED_SHARE = 0.8;

export function buildLayout(state: ForecastState): Layout {
  const serviceIds = [...state.services.keys()];
  const serviceIndex = new Map(serviceIds.map((id, i) => [id, i]));
  const queues: QueueLayout[] = [];
  const queueIndex = new Map<string, number>();
  const queueOf = (serviceId: string, priority: number, appointment = false): number => {
    const key = `${serviceId}:${priority}:${appointment}`;
    let q = queueIndex.get(key);
    if (q === undefined) {
      const s = state.services.get(serviceId)!;
      q = queues.length;
      queues.push({
        service: serviceIndex.get(serviceId)!,
        priority,
        servicePriority: s.priority,
        targetWaitMs: s.targetWaitMinutes === null ? null : s.targetWaitMinutes * 60_000,
        appointment,
        entries: [],
      });
      queueIndex.set(key, q);
    }
    return q;
  };

  // Tickets of a service nobody signed in can serve are never called: leaving them (and their
  // probes) out keeps a run from simulating the whole horizon for them.
  const servable = new Set(state.servers.flatMap((s) => [...s.ranks.keys()]));
  const known = state.waiting.filter((t) => state.services.has(t.serviceId) && servable.has(t.serviceId));
  const ordered = [...known].sort((a, b) => a.enqueuedAt - b.enqueuedAt || compareIds(a.id, b.id));
  const targets: Target[] = [];
  for (const t of ordered) {
    const passive = t.awaitingArrival === true;
    const target =
      targets.push({ id: t.id, serviceId: t.serviceId, priority: t.priority, probe: false, passive }) - 1;
    const queue = queueOf(t.serviceId, t.priority, t.appointment === true);
    queues[queue]!.entries.push({ target, enqueuedAt: t.enqueuedAt, seq: target });
  }
  for (const p of state.probes) {
    if (!state.services.has(p.serviceId) || !servable.has(p.serviceId)) continue;
    const target =
      targets.push({ id: "", serviceId: p.serviceId, priority: p.priority, probe: true, passive: true }) - 1;
    queues[queueOf(p.serviceId, p.priority)]!.entries.push({ target, enqueuedAt: state.now, seq: target });
  }
  const streams: StreamLayout[] = state.arrivals
    .filter((a) => state.services.has(a.serviceId))
    .map((a, index) => ({
      index,
      queue: queueOf(a.serviceId, a.priority),
      perMinute: a.perMinute,
      maxPerMinute: Math.max(0, ...a.perMinute),
      until: state.services.get(a.serviceId)!.closesAt ?? Number.POSITIVE_INFINITY,
    }));

  const servers: ServerLayout[] = state.servers.map((s) => {
    const serves = new Set<number>();
    const mine: { queue: number; rank: number }[] = [];
    for (const [serviceId, rank] of s.ranks) {
      const service = serviceIndex.get(serviceId);
      if (service === undefined) continue;
      serves.add(service);
      queues.forEach((q, queue) => {
        if (q.service === service) mine.push({ queue, rank });
      });
    }
    const busyService = s.busy ? serviceIndex.get(s.busy.serviceId) : undefined;
    return {
      serves,
      queues: mine,
      busy: s.busy && busyService !== undefined ? { queueService: busyService, since: s.busy.since } : null,
      backAt: s.backAt,
      callsAt: s.callsAt ?? null,
    };
  });
  const localStart = state.now - state.localMinutesNow * 60_000;
  const hourAt = (t: number) => ((Math.floor((t - localStart) / 3_600_000) % 24) + 24) % 24;
  const slowdown = state.pausedShareByHour.map((p) => 1 / (1 - Math.min(MAX_PAUSED_SHARE, Math.max(0, p))));
  return {
    targets,
    queues,
    servers,
    streams,
    busySorted: serviceIds.map((id) => Float64Array.from(state.services.get(id)!.busyMinutes).sort()),
    leaveShare: serviceIds.map((id) => state.services.get(id)!.leaveShare),
    hourAt,
    slowdownAt: (t) => slowdown[hourAt(t)] ?? 1,
  };
}

/** Ticket ids are bigint decimal strings: shorter is smaller. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
