import { branchSchema } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { api } from "./api.ts";

/** The office a staff member works in: its name, settings and timezone (times are shown in it). */
export function useOffice() {
  return useQuery({
    queryKey: ["branch"],
    queryFn: () => api.get("/api/v1/branch", branchSchema),
    staleTime: 60_000,
  });
}
