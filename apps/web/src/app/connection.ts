import { useEffect, useRef, useState, useSyncExternalStore } from "react";

/** A stream may drop and come back (a restart, a proxy) this long before the screen says so. */
export const STREAM_GRACE_MS = 5000;

export interface ConnectionSnapshot {
  /** The newest API request that has been answered found the server or its database unreachable. */
  requestsFailing: boolean;
  /** Since when (ms) the longest-broken event stream has been down; null while every stream is open. */
  streamDownSince: number | null;
}

/**
 * What this tab knows about reaching the server, from two sources: every API request reports its
 * outcome, and every event stream reports when it is down. Screens read it through
 * `useReconnecting()`, so they all agree and clear their "reconnecting" state by themselves.
 */
export class Connectivity {
  #started = 0;
  #newestAnswered = 0;
  #requestsFailing = false;
  #streamsDown = new Map<object, number>();
  #snapshot: ConnectionSnapshot = { requestsFailing: false, streamDownSince: null };
  #listeners = new Set<() => void>();

  /** Numbers a request as it starts; its answer is reported with this number. */
  requestStarted(): number {
    this.#started += 1;
    return this.#started;
  }

  /**
   * The server answered (`reachable`) or could not be reached. An answer to a request older than
   * one already answered says nothing about now (it may have been served before the outage began).
   */
  requestAnswered(request: number, reachable: boolean) {
    if (request < this.#newestAnswered) return;
    this.#newestAnswered = request;
    this.#requestsFailing = !reachable;
    this.#publish();
  }

  /** A stream is down (not yet open, or broken); the first report of a stretch counts. */
  streamDown(stream: object, now = Date.now()) {
    if (this.#streamsDown.has(stream)) return;
    this.#streamsDown.set(stream, now);
    this.#publish();
  }

  /** A stream is open, or closed on purpose (nobody follows it any more). */
  streamUp(stream: object) {
    if (this.#streamsDown.delete(stream)) this.#publish();
  }

  snapshot = (): ConnectionSnapshot => this.#snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  #publish() {
    const since = this.#streamsDown.size > 0 ? Math.min(...this.#streamsDown.values()) : null;
    const next = { requestsFailing: this.#requestsFailing, streamDownSince: since };
    if (next.requestsFailing === this.#snapshot.requestsFailing && since === this.#snapshot.streamDownSince)
      return;
    this.#snapshot = next;
    for (const l of [...this.#listeners]) l();
  }
}

export const connectivity = new Connectivity();

/**
 * Whether a screen should say it is reconnecting: a request just found the server unreachable, or
 * a stream has been down longer than `graceMs` (a normal reconnect takes a couple of seconds).
 */
export function isReconnecting(s: ConnectionSnapshot, now: number, graceMs = STREAM_GRACE_MS): boolean {
  return s.requestsFailing || (s.streamDownSince !== null && now - s.streamDownSince >= graceMs);
}

/** Milliseconds until a broken stream starts to count (`isReconnecting`), or null when none is broken. */
export function msUntilStreamCounts(s: ConnectionSnapshot, now: number, graceMs = STREAM_GRACE_MS) {
  return s.streamDownSince === null ? null : Math.max(0, s.streamDownSince + graceMs - now);
}

function useBrowserOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener("online", listener);
      window.addEventListener("offline", listener);
      return () => {
        window.removeEventListener("online", listener);
        window.removeEventListener("offline", listener);
      };
    },
    () => navigator.onLine,
  );
}

/** True while the server or its database is unreachable (see `isReconnecting`), or the device is offline. */
export function useReconnecting(graceMs = STREAM_GRACE_MS): boolean {
  const snapshot = useSyncExternalStore(connectivity.subscribe, connectivity.snapshot);
  const online = useBrowserOnline();
  // Re-render when a broken stream's grace runs out.
  const [, setTick] = useState(0);
  useEffect(() => {
    const wait = msUntilStreamCounts(snapshot, Date.now(), graceMs);
    if (wait === null || wait === 0) return;
    const timer = setTimeout(() => setTick((n) => n + 1), wait);
    return () => clearTimeout(timer);
  }, [snapshot, graceMs]);
  return !online || isReconnecting(snapshot, Date.now(), graceMs);
}

/** Calls `onBack` when the screen stops reconnecting (the server answers again). */
export function useOnReconnected(onBack: () => void) {
  const reconnecting = useReconnecting();
  const was = useRef(reconnecting);
  const callback = useRef(onBack);
  callback.current = onBack;
  useEffect(() => {
    if (was.current && !reconnecting) callback.current();
    was.current = reconnecting;
  }, [reconnecting]);
}
