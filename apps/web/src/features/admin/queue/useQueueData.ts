import {
  categorySchema,
  dashboardSchema,
  listOf,
  sendTargetSchema,
  serviceSchema,
  type TicketStatus,
  ticketSchema,
} from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../../app/api.ts";

/** The ticket filters of the queue page: status, service and a search by label. */
export function useQueueFilters() {
  const [status, setStatus] = useState<TicketStatus>("waiting");
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [search, setSearch] = useState("");
  return { status, setStatus, serviceId, setServiceId, search, setSearch };
}

export type QueueFilters = ReturnType<typeof useQueueFilters>;

/** What the queue page reads: the tickets that match the filters, the directories, the office now. */
export function useQueueData(filters: QueueFilters) {
  const params = new URLSearchParams({ status: filters.status });
  if (filters.serviceId) params.set("serviceId", filters.serviceId);
  if (filters.search.trim()) params.set("q", filters.search.trim());
  return {
    tickets: useQuery({
      queryKey: ["queue", params.toString()],
      queryFn: () => api.get(`/api/v1/queue/tickets?${params}`, listOf(ticketSchema)),
    }),
    services: useQuery({
      queryKey: ["dir", "services"],
      queryFn: () => api.get("/api/v1/services", listOf(serviceSchema)),
    }),
    categories: useQuery({
      queryKey: ["dir", "categories"],
      queryFn: () => api.get("/api/v1/categories", listOf(categorySchema)),
    }),
    dashboard: useQuery({
      queryKey: ["dashboard"],
      queryFn: () => api.get("/api/v1/dashboard", dashboardSchema),
    }),
  };
}

export type QueueData = ReturnType<typeof useQueueData>;

/** The workstations a ticket may be sent to (those serving its service); read while its dialog is open. */
export function useSendTargets(ticketId: string | null) {
  return useQuery({
    queryKey: ["queue", "send-targets", ticketId],
    queryFn: () =>
      api.get(
        `/api/v1/queue/tickets/${encodeURIComponent(ticketId!)}/workstations`,
        listOf(sendTargetSchema),
      ),
    enabled: ticketId !== null,
  });
}
