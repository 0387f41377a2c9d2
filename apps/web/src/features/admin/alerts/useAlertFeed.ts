import { type Alert, type AlertList, alertListSchema, alertSchema } from "@dq/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { api } from "../../../app/api.ts";
import { type LiveEvent, useEventStream } from "../../../app/events.ts";
import { playAttention, unlockAttention } from "./attention.ts";
import { BANNER_KEY, BANNER_QUERY, withoutAlert } from "./useAlerts.ts";

/** A queue hovering at a rule's limit opens and resolves the same alert again and again: beep once. */
const QUIET_MS = 5 * 60_000;
const sounded = new Map<string, number>();

function soundedLately(alert: Alert): boolean {
  const key = `${alert.ruleId}/${alert.serviceId ?? ""}/${alert.employeeId ?? ""}`;
  const last = sounded.get(key);
  const now = Date.now();
  sounded.set(key, now);
  return last !== undefined && now - last < QUIET_MS;
}

/**
 * The open alerts nobody has acknowledged yet that ask to be shown in the app: loaded when the
 * screen opens and after the event stream reconnects, kept current from the `alert.*` events in
 * between (with the attention signal when one opens or escalates). The same events refresh the
 * alert log and details, so the log needs no stream of its own.
 */
export function useAlertFeed() {
  const client = useQueryClient();
  const banner = useQuery({
    queryKey: BANNER_KEY,
    queryFn: () => api.get(`/api/v1/alerts?${BANNER_QUERY}`, alertListSchema),
    // Fresh on every mount (events were missed while no screen listened), then the events keep it.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnMount: "always",
    refetchOnWindowFocus: false,
  });
  const reload = () => void client.invalidateQueries({ queryKey: ["alerts"] });

  const onEvent = (e: LiveEvent) => {
    if (e.type === "reset") return reload();
    if (!e.type.startsWith("alert.")) return;
    void client.invalidateQueries({ queryKey: ["alerts"], predicate: (q) => q.queryKey[1] !== "banner" });
    const parsed = alertSchema.safeParse(e.data);
    if (!parsed.success) return reload();
    const alert = parsed.data;
    const show = alert.inApp && alert.status === "open" && alert.acknowledgedAt === null;
    if (!show) {
      client.setQueryData<AlertList>(BANNER_KEY, (list) => withoutAlert(list, alert.id));
      return;
    }
    client.setQueryData<AlertList>(BANNER_KEY, (list) => {
      const rest = list?.items.filter((a) => a.id !== alert.id) ?? [];
      const known = rest.length !== (list?.items.length ?? 0);
      const items = [alert, ...rest].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
      return { items, total: (list?.total ?? 0) + (known ? 0 : 1) };
    });
    if (e.type === "alert.escalated" || (e.type === "alert.opened" && !soundedLately(alert))) playAttention();
  };
  const { connected } = useEventStream({ channel: "staff", onEvent, onReconnect: reload });

  // Audio starts suspended until the page is touched; the first touch lets later signals sound.
  useEffect(() => {
    window.addEventListener("pointerdown", unlockAttention, { once: true });
    window.addEventListener("keydown", unlockAttention, { once: true });
    return () => {
      window.removeEventListener("pointerdown", unlockAttention);
      window.removeEventListener("keydown", unlockAttention);
    };
  }, []);

  return { alerts: banner.data?.items ?? [], total: banner.data?.total ?? 0, connected };
}
