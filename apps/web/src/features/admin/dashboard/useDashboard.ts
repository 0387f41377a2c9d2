import { dashboardSchema } from "@dq/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import { useLiveQueries } from "../../../app/events.ts";

/** The office now, kept live by the event stream. */
export function useDashboard() {
  const dashboard = useQuery({
    queryKey: ["dashboard"],
    queryFn: () => api.get("/api/v1/dashboard", dashboardSchema),
  });
  useLiveQueries("staff");
  return dashboard;
}

/** Frees a workstation whose operator cannot (gone without leaving it). */
export function useRelease() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post(`/api/v1/queue/workstations/${id}/release`, undefined),
    // Pending until the fresh data is read after a success; not after a failure, whose reads may
    // be waiting for an unreachable server.
    onSettled: (_, error) => {
      const refresh = client.invalidateQueries({ queryKey: ["dashboard"] });
      return error ? undefined : refresh;
    },
  });
}
