import { listOf } from "@dq/shared";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { api } from "../../app/api.ts";

/**
 * One directory of the API (`/api/v1/<resource>`): its list and the three changes, each of which
 * reads the list again. Query keys `["dir", resource]` are shared with the other screens that show
 * the same names (the operator workplace), so an edit shows up there too.
 */
export function useDirectory<T extends { id: string }>(resource: string, item: z.ZodType<T>, query = "") {
  const client = useQueryClient();
  const key = ["dir", resource];
  const invalidate = () => client.invalidateQueries({ queryKey: key });
  return {
    list: useQuery({
      queryKey: [...key, query],
      queryFn: () => api.get(`/api/v1/${resource}${query}`, listOf(item)),
    }),
    create: useMutation({
      mutationFn: (body: unknown) => api.post(`/api/v1/${resource}`, body, item),
      onSuccess: invalidate,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: unknown }) =>
        api.patch(`/api/v1/${resource}/${id}`, body, item),
      onSuccess: invalidate,
    }),
    archive: useMutation({
      mutationFn: (id: string) => api.delete(`/api/v1/${resource}/${id}`),
      onSuccess: invalidate,
    }),
  };
}
