import { OTHER_EVENT_TYPES, type SseChannel, TICKET_EVENT_TYPES } from "@dq/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

export interface LiveEvent {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

const EVENT_TYPES = [...TICKET_EVENT_TYPES, ...OTHER_EVENT_TYPES, "reset"];

/**
 * Subscribes to the server's event stream. EventSource reconnects by itself and sends
 * Last-Event-ID; when the browser gives up (CLOSED, e.g. the server restarted with an error
 * response), a new one is opened with growing back-off, resuming after the last event seen.
 */
export function useEventStream(options: {
  channel: SseChannel;
  token?: string | null;
  /** The office whose events to follow, when it is not the default one (public pages). */
  branchId?: string | null;
  onEvent: (e: LiveEvent) => void;
  /**
   * Called when the stream (re)opens. After a reconnect the screen should reload its state: events
   * are replayed only after the last one this screen received, and it may have received none.
   */
  onReconnect?: () => void;
}) {
  const { channel, token, branchId } = options;
  const onEvent = useRef(options.onEvent);
  onEvent.current = options.onEvent;
  const onReconnect = useRef(options.onReconnect);
  onReconnect.current = options.onReconnect;
  const [connected, setConnected] = useState(false);

  useEffect(() => {
    let source: EventSource | null = null;
    let lastId: string | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let delay = 1000;
    let stopped = false;
    let opened = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    // The server sends a heartbeat every 15 s; silence for much longer means a dead connection
    // (a proxy or a sleeping network may never report it), so start over.
    const alive = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        if (stopped) return;
        source?.close();
        setConnected(false);
        open();
      }, 45_000);
    };

    const open = () => {
      const params = new URLSearchParams({ channel });
      if (token) params.set("token", token);
      if (branchId) params.set("branchId", branchId);
      if (lastId) params.set("lastEventId", lastId);
      const es = new EventSource(`/api/v1/events?${params}`);
      source = es;
      es.onopen = () => {
        alive();
        delay = 1000;
        setConnected(true);
        if (opened) onReconnect.current?.();
        opened = true;
      };
      es.onerror = () => {
        setConnected(false);
        if (es.readyState === EventSource.CLOSED && !stopped) {
          es.close();
          retryTimer = setTimeout(open, delay);
          delay = Math.min(delay * 2, 30_000);
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
        onEvent.current({ id: message.lastEventId, type: message.type, data });
      };
      for (const type of EVENT_TYPES) es.addEventListener(type, handle);
      es.addEventListener("heartbeat", alive);
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearTimeout(watchdog);
      source?.close();
    };
  }, [channel, token, branchId]);

  return { connected };
}

const LIVE_QUERY_ROOTS = ["queue", "tickets", "board", "operator", "dashboard"];

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
    onReconnect: refresh,
    onEvent: () => {
      if (timer.current) return;
      timer.current = setTimeout(() => {
        timer.current = undefined;
        refresh();
      }, 150);
    },
  });
}
