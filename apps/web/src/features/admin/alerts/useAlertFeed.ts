import { type Alert, alertListSchema, alertSchema } from "@dq/shared";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ApiError, api } from "../../../app/api.ts";
import { type LiveEvent, useEventStream } from "../../../app/events.ts";
import { retryDelay } from "../../../app/retry.ts";
import { playAttention, unlockAttention } from "./attention.ts";
import { withAlert, withoutAlert } from "./bannerList.ts";
import { BANNER_KEY, BANNER_QUERY, updateBanner } from "./useAlerts.ts";

/** A queue hovering at a rule's limit opens and resolves the same alert again and again: beep once. */
const QUIET_MS = 5 * 60_000;
const sounded = new Map<string, number>();
const soundKey = (alert: Alert) => `${alert.ruleId}/${alert.serviceId ?? ""}/${alert.employeeId ?? ""}`;

/** Whether the signal sounded for the same thing lately (only a signal that played counts). */
function soundedLately(alert: Alert): boolean {
  const last = sounded.get(soundKey(alert));
  return last !== undefined && Date.now() - last < QUIET_MS;
}

function signal(alert: Alert) {
  void playAttention().then((played) => {
    if (played) sounded.set(soundKey(alert), Date.now());
  });
}

/**
 * The open alerts nobody has acknowledged yet that ask to be shown in the app: loaded when the
 * screen opens and whenever the event stream opens, kept current from the `alert.*` events in
 * between (with the attention signal when one opens or escalates, and `onAttention` to say so).
 * The same events refresh the alert log and details, so the log needs no stream of its own.
 */
export function useAlertFeed(onAttention?: (alert: Alert, escalated: boolean) => void) {
  const client = useQueryClient();
  const attention = useRef(onAttention);
  attention.current = onAttention;
  const banner = useQuery({
    queryKey: BANNER_KEY,
    queryFn: () => api.get(`/api/v1/alerts?${BANNER_QUERY}`, alertListSchema),
    // Fresh on every mount (events were missed while no screen listened), then the events keep it.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnMount: "always",
    refetchOnWindowFocus: false,
    // A server restarting must not leave the banner empty: keep trying, ever more slowly.
    retry: (_, error) => !(error instanceof ApiError && (error.status === 401 || error.status === 403)),
    retryDelay,
  });
  const reload = () => void client.invalidateQueries({ queryKey: ["alerts"] });
  const reloadOthers = () =>
    void client.invalidateQueries({ queryKey: ["alerts"], predicate: (q) => q.queryKey[1] !== "banner" });

  const onEvent = (e: LiveEvent) => {
    if (e.type === "reset") return reload();
    if (!e.type.startsWith("alert.")) return;
    reloadOthers();
    const parsed = alertSchema.safeParse(e.data);
    if (!parsed.success) return reload();
    const alert = parsed.data;
    const show = alert.inApp && alert.status === "open" && alert.acknowledgedAt === null;
    if (!show) {
      void updateBanner(client, (list) => withoutAlert(list, alert.id));
      return;
    }
    void updateBanner(client, (list) => withAlert(list, alert));
    const escalated = e.type === "alert.escalated";
    if (!escalated && e.type !== "alert.opened") return;
    attention.current?.(alert, escalated);
    if (escalated || !soundedLately(alert)) signal(alert);
  };
  const { connected } = useEventStream({
    channel: "staff",
    onEvent,
    // Every open, the first included: what happened between the load and the stream is not lost.
    onOpen: reload,
  });

  // Audio starts suspended until the page is touched; a touch lets later signals sound.
  useEffect(() => {
    window.addEventListener("pointerdown", unlockAttention);
    window.addEventListener("keydown", unlockAttention);
    return () => {
      window.removeEventListener("pointerdown", unlockAttention);
      window.removeEventListener("keydown", unlockAttention);
    };
  }, []);

  return { alerts: banner.data?.items ?? [], total: banner.data?.total ?? 0, connected };
}
