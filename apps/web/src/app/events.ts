import { OTHER_EVENT_TYPES, type SseChannel, TICKET_EVENT_TYPES } from "@dq/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { connectivity } from "./connection.ts";
import { MAX_RETRY_DELAY_MS } from "./retry.ts";

export interface LiveEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

const EVENT_TYPES = [...TICKET_EVENT_TYPES, ...OTHER_EVENT_TYPES, "reset"];

interface StreamOptions {
  channel: SseChannel;
  token?: string | null;
  branchId?: string | null;
}

/** One screen's interest in a stream. */
interface Listener {
  onEvent: (e: LiveEvent) => void;
  /** The stream opened (first time or again). */
  onOpen: () => void;
  /** The stream broke; it is being reopened. */
  onDown: () => void;
}

/**
 * One EventSource per channel, token and office, shared by every screen of the tab that follows it
 * (the staff shell's alert banner and the page under it): the server holds one connection per tab.
 */
interface SharedStream {
  listeners: Set<Listener>;
  connected: boolean;
  stop: () => void;
  closeTimer?: ReturnType<typeof setTimeout>;
}

const streams = new Map<string, SharedStream>();
/** A stream nobody follows any more waits this long before closing: the next page may want it. */
const CLOSE_GRACE_MS = 1000;

/**
 * Opens the stream. EventSource reconnects by itself and sends Last-Event-ID; when the browser
 * gives up (CLOSED, e.g. the server restarted with an error response, or answered 503 while its
 * database was away), a new one is opened with growing back-off, resuming after the last event
 * seen — at once when an API request finds the server reachable again.
 */
function openStream({ channel, token, branchId }: StreamOptions, shared: SharedStream): () => void {
  let source: EventSource | null = null;
  let lastId: string | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let delay = 1000;
  let stopped = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;
  const down = () => {
    shared.connected = false;
    connectivity.streamDown(shared);
    for (const l of [...shared.listeners]) l.onDown();
  };
  const reopenLater = () => {
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      open();
    }, delay);
    delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
  };
  // The server answers again: no need to wait out the back-off.
  let requestsFailing = connectivity.snapshot().requestsFailing;
  const unsubscribe = connectivity.subscribe(() => {
    const failing = connectivity.snapshot().requestsFailing;
    const recovered = requestsFailing && !failing;
    requestsFailing = failing;
    if (!recovered || retryTimer === undefined || stopped) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    open();
  });
  // The server sends a heartbeat every 15 s; silence for much longer means a dead connection
  // (a proxy or a sleeping network may never report it), so start over.
  const alive = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => {
      if (stopped) return;
      source?.close();
      down();
      open();
    }, 45_000);
  };

  const open = () => {
    // The named heartbeat event, which the watchdog above sees (a comment line it would not).
    const params = new URLSearchParams({ channel, heartbeat: "event" });
    if (token) params.set("token", token);
    if (branchId) params.set("branchId", branchId);
    if (lastId) params.set("lastEventId", lastId);
    const es = new EventSource(`/api/v1/events?${params}`);
    source = es;
    es.onopen = () => {
      alive();
      delay = 1000;
      shared.connected = true;
      connectivity.streamUp(shared);
      for (const l of [...shared.listeners]) l.onOpen();
    };
    es.onerror = () => {
      down();
      if (es.readyState === EventSource.CLOSED && !stopped) {
        es.close();
        reopenLater();
      }
    };
    const handle = (message: MessageEvent<string>) => {
      alive();
      if (message.lastEventId) lastId = message.lastEventId;
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      const event = { id: message.lastEventId, type: message.type, data };
      for (const l of [...shared.listeners]) l.onEvent(event);
    };
    for (const type of EVENT_TYPES) es.addEventListener(type, handle);
    es.addEventListener("heartbeat", alive);
  };
  connectivity.streamDown(shared);
  open();
  return () => {
    stopped = true;
    unsubscribe();
    clearTimeout(retryTimer);
    clearTimeout(watchdog);
    source?.close();
    connectivity.streamUp(shared);
  };
}

/** Follows the shared stream of these options, opening it for the first listener. */
function join(options: StreamOptions, listener: Listener): { shared: SharedStream; leave: () => void } {
  const key = JSON.stringify([options.channel, options.token ?? null, options.branchId ?? null]);
  let shared = streams.get(key);
  if (shared) {
    clearTimeout(shared.closeTimer);
  } else {
    const created: SharedStream = { listeners: new Set(), connected: false, stop: () => {} };
    streams.set(key, created);
    created.stop = openStream(options, created);
    shared = created;
  }
  const stream = shared;
  stream.listeners.add(listener);
  const leave = () => {
    stream.listeners.delete(listener);
    if (stream.listeners.size > 0) return;
    clearTimeout(stream.closeTimer);
    stream.closeTimer = setTimeout(() => {
      if (stream.listeners.size > 0 || streams.get(key) !== stream) return;
      streams.delete(key);
      stream.stop();
    }, CLOSE_GRACE_MS);
  };
  return { shared: stream, leave };
}

/**
 * Subscribes to the server's event stream. Screens of one tab following the same channel share
 * one connection (see `join`); each gets every event and its own open callback.
 */
export function useEventStream(options: {
  channel: SseChannel;
  token?: string | null;
  /** The office whose events to follow, when it is not the default one (public pages). */
  branchId?: string | null;
  onEvent: (e: LiveEvent) => void;
  /**
   * Called on every open, the first one included: the screen reloads its state here. A screen
   * loads its state while its stream is still connecting, and events reach it only once the stream
   * is open, so a change between the two would otherwise stay unseen until the next poll; after a
   * reconnect, events are replayed only after the last one received, and this screen may have
   * missed some.
   */
  onOpen?: () => void;
}) {
  const { channel, token, branchId } = options;
  const onEvent = useRef(options.onEvent);
  onEvent.current = options.onEvent;
  const onOpen = useRef(options.onOpen);
  onOpen.current = options.onOpen;
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    const { shared, leave } = join(
      { channel, token, branchId },
      {
        onEvent: (e) => onEvent.current(e),
        onOpen: () => {
          setConnected(true);
          onOpen.current?.();
        },
        onDown: () => setConnected(false),
      },
    );
    // Joined a stream another screen opened: already live, so every event from now on arrives.
    setConnected(shared.connected);
    return leave;
  }, [channel, token, branchId]);

  return { connected };
}

const LIVE_QUERY_ROOTS = ["queue", "tickets", "board", "operator", "dashboard", "appointments"];

/** Keeps the screen's queries fresh: any event invalidates them, at most every 150 ms. */
export function useLiveQueries(channel: SseChannel, token?: string | null) {
  const client = useQueryClient();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const refresh = () =>
    void client.invalidateQueries({ predicate: (q) => LIVE_QUERY_ROOTS.includes(String(q.queryKey[0])) });
  return useEventStream({
    channel,
    token,
    onOpen: refresh,
    onEvent: () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        refresh();
      }, 150);
    },
  });
}
