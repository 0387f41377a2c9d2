import { useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "../../../app/api.ts";

/** `GET /api/v1/remote-join/door`: the office's door key and the `/here?door=<key>` address. */
const doorSchema = z.object({ doorKey: z.string(), url: z.string() });

/** The door's QR address, asked for only while arrival check-in is on (administrators only). */
export function useDoor(enabled: boolean) {
  return useQuery({
    queryKey: ["remote-join-door"],
    queryFn: () => api.get("/api/v1/remote-join/door", doorSchema),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
}
