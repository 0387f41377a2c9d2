import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import { api } from "../../../app/api.ts";

/**
 * One report for the current filters. The previous figures stay on screen while new ones load, so
 * changing a filter does not blank the page; reports are history, so they are not refetched live.
 */
export function useReport<T>(name: string, schema: z.ZodType<T>, query: string, enabled = true) {
  return useQuery({
    queryKey: ["report", name, query],
    queryFn: () => api.get(`/api/v1/reports/${name}?${query}`, schema),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });
}
