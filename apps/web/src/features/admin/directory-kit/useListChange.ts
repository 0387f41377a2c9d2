import { useMutation, useQueryClient } from "@tanstack/react-query";

/**
 * A change to a directory beyond create/update/archive (a switch, a reordering) that reads the list
 * again afterwards. Pending until the fresh data is read after a success; not after a failure,
 * whose reads may be waiting for an unreachable server.
 */
export function useListChange<V>(resource: string, change: (variables: V) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: (_, error) => {
      const refresh = client.invalidateQueries({ queryKey: ["dir", resource] });
      return error ? undefined : refresh;
    },
  });
}
