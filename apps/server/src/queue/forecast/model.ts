import type { CallingPolicy } from "@dq/shared";
import type { CallClass } from "../policy.ts";

/**
 * The office as the wait forecast sees it at one instant (docs/estimates.md). Plain data, so the
 * simulation is pure: the snapshot loader fills it from the database, tests write it by hand.
 * Times are epoch milliseconds; durations are minutes.
 */
export interface ForecastState {
  now: number;
  policy: CallingPolicy;
  /** Classes of the branch's latest calls, newest first (the ratio rule's memory). */
  recentCalls: readonly CallClass[];
  services: ReadonlyMap<string, ForecastService>;
  /** Tickets waiting now, any order. */
  waiting: readonly ForecastTicket[];
  servers: readonly ForecastServer[];
  /** Clients expected to arrive, per service and category priority (they may overtake). */
  arrivals: readonly ArrivalStream[];
  /** Minutes since local midnight at `now` (hour-of-day profiles are in the office's time). */
  localMinutesNow: number;
  /** Share of an operator's time lost to breaks and lunch, per local hour 0–23. */
  pausedShareByHour: readonly number[];
  /** Minutes from an operator's finish to his next call when clients wait (reaction, walking). */
  gapMinutes: number;
  /** "A ticket taken now" for each of these: where it would be called, without taking anyone's time. */
  probes: readonly Probe[];
}

export interface ForecastService {
  id: string;
  priority: number;
  targetWaitMinutes: number | null;
  /**
   * How long a call keeps an operator busy in this service (call → finish, so no-shows and recalls
   * are in it), recent observations in minutes; sampled as they are. Never empty.
   */
  busyMinutes: readonly number[];
  /** Share of waiting clients who leave before their call (cancel): they take nobody's time. */
  leaveShare: number;
  /** When the service stops taking tickets today (epoch ms); no arrivals after it. */
  closesAt: number | null;
}

export interface ForecastTicket {
  id: string;
  serviceId: string;
  /** The client category's priority, 0 for ordinary clients. */
  priority: number;
  /** Queued from; for an appointment checked in early, its start (not callable before). */
  enqueuedAt: number;
  /** Called as an appointment: before walk-ins, after overdue tickets (policy.ts). */
  appointment?: boolean;
  /**
   * A remote ticket whose holder has not said «Я на месте»: call next passes over it, so nobody
   * waits behind it. Its own call time is forecast as if its holder arrived now, taking nobody's
   * time (like a probe at its place in line).
   */
  awaitingArrival?: boolean;
}

export interface ForecastServer {
  id: string;
  /** The operator's rank in each service he may serve at his workstation (1 first). */
  ranks: ReadonlyMap<string, number>;
  /** Busy with a client of this service since this instant; null when free or paused. */
  busy: { serviceId: string; since: number } | null;
  /** On a break: when he is expected back (epoch ms); null when not paused. */
  backAt: number | null;
  /**
   * Free, but not calling for a while although clients wait for him (away from the desk without a
   * break): when he is expected to call (epoch ms). Null: he calls at once.
   */
  callsAt?: number | null;
}

export interface ArrivalStream {
  serviceId: string;
  priority: number;
  /** Expected arrivals per minute in each local hour 0–23. */
  perMinute: readonly number[];
}

export interface Probe {
  serviceId: string;
  priority: number;
}

/** The simulated call times of one ticket or probe, as a distribution. */
export interface CallForecast {
  /** Epoch ms: mean, 10th and 90th percentile of the call time over the runs that called it. */
  mean: number;
  p10: number;
  p90: number;
  /** Share of runs in which it was called within the horizon. */
  calledShare: number;
}

export interface Forecast {
  at: number;
  tickets: ReadonlyMap<string, CallForecast & { serviceId: string }>;
  /** Keyed by `probeKey(serviceId, priority)`. */
  probes: ReadonlyMap<string, CallForecast>;
  /** Services someone serves now (signed in, not paused): only they get estimates. */
  servedServices: ReadonlySet<string>;
}

export function probeKey(serviceId: string, priority: number): string {
  return `${serviceId}:${priority}`;
}
