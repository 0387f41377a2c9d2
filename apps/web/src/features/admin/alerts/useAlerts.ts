import {
  type AlertList,
  alertChannelsStatusSchema,
  alertDetailSchema,
  alertListSchema,
  alertSchema,
  alertTestResultSchema,
  listOf,
  serviceSchema,
} from "@dq/shared";
import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api } from "../../../app/api.ts";
import { localName } from "../../operator/format.ts";
import { withoutAlert } from "./bannerList.ts";

/**
 * Queries of the alerts: everything under ["alerts"]. The banner's list of open, unacknowledged
 * alerts is ["alerts", "banner"]; the banner keeps it current from the event stream and refreshes
 * the others (the log, an alert's details) when an alert changes.
 */
export const BANNER_KEY = ["alerts", "banner"] as const;
/** Open, nobody has acknowledged them, and their rule (or its escalation) shows them in the app. */
export const BANNER_QUERY = "status=open&acknowledged=false&inApp=true&limit=50";

export function useAlertList(query: string) {
  return useQuery({
    queryKey: ["alerts", "list", query],
    queryFn: () => api.get(`/api/v1/alerts?${query}`, alertListSchema),
    placeholderData: keepPreviousData,
  });
}

export function useAlertDetail(id: string | null) {
  return useQuery({
    queryKey: ["alerts", "detail", id],
    queryFn: () => api.get(`/api/v1/alerts/${id}`, alertDetailSchema),
    enabled: id !== null,
    // Deliveries are retried without an event of their own: look again while one is still pending.
    refetchInterval: (q) => (q.state.data?.deliveries.some((d) => d.status === "pending") ? 5000 : false),
  });
}

let bannerUpdates: Promise<void> = Promise.resolve();

/**
 * Changes the banner's list in place. A load of it still in flight answers from before the change
 * and would undo it, so it is cancelled and started again. Changes apply one at a time, in order.
 */
export function updateBanner(
  client: QueryClient,
  update: (list: AlertList | undefined) => AlertList | undefined,
): Promise<void> {
  bannerUpdates = bannerUpdates.then(async () => {
    const loading = client.isFetching({ queryKey: BANNER_KEY }) > 0;
    if (loading) await client.cancelQueries({ queryKey: BANNER_KEY });
    client.setQueryData<AlertList>(BANNER_KEY, update);
    if (loading) void client.invalidateQueries({ queryKey: BANNER_KEY });
  });
  bannerUpdates = bannerUpdates.catch(() => {});
  return bannerUpdates;
}

/** Reloads the banner: after a rule changes (it may show its alerts in the app, or stop to). */
export const reloadBanner = (client: QueryClient) => client.invalidateQueries({ queryKey: BANNER_KEY });

/** Acknowledges an alert: it leaves the banner at once, and the log shows who did it. */
export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/alerts/${id}/ack`, undefined, alertSchema),
    onSuccess: (alert) => {
      void client.invalidateQueries({ queryKey: ["alerts"], predicate: (q) => q.queryKey[1] !== "banner" });
      return updateBanner(client, (list) => withoutAlert(list, alert.id));
    },
  });
}

/** Which external channels the server can deliver to (SMTP, the Telegram bot). */
export function useChannelsStatus() {
  return useQuery({
    queryKey: ["alerts", "channels"],
    queryFn: () => api.get("/api/v1/alert-rules/channels", alertChannelsStatusSchema),
    staleTime: 5 * 60_000,
  });
}

export function useTestRule() {
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/alert-rules/${id}/test`, undefined, alertTestResultSchema),
  });
}

/** A service's name in the UI language, by id (alerts carry the office's own name). */
export function useServiceNames() {
  const { i18n } = useTranslation();
  const services = useQuery({
    queryKey: ["dir", "services"],
    queryFn: () => api.get("/api/v1/services", listOf(serviceSchema)),
    staleTime: 5 * 60_000,
  });
  const items = services.data?.items ?? [];
  return (id: string) => {
    const s = items.find((x) => x.id === id);
    return s ? localName(s, i18n.language) : undefined;
  };
}
