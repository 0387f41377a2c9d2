import {
  type PublicTicket,
  publicTicketSchema,
  type RemoteTicketCreate,
  remoteJoinInfoSchema,
} from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { useRef } from "react";
import { ApiError, api, isServerUnreachable } from "../../app/api.ts";
import { sendRetrying } from "../kiosk/issue-retry.ts";
import { newJoinKey } from "./browser-id.ts";

const isFinal = (error: unknown) =>
  error instanceof ApiError && (error.status === 404 || error.status === 400);

/**
 * What /join offers: the services one may join now, with the queue ahead. Read again every 30 s,
 * since the queue (and a service's hours) change while the visitor decides.
 */
export function useRemoteJoinInfo(branchId: string | null) {
  return useQuery({
    queryKey: ["remote-join", branchId],
    queryFn: () =>
      api.get(
        `/api/v1/remote-join${branchId ? `?branchId=${encodeURIComponent(branchId)}` : ""}`,
        remoteJoinInfoSchema,
      ),
    refetchInterval: 30_000,
    retry: (n, error) => !isFinal(error) && (isServerUnreachable(error) || n < 2),
  });
}

/**
 * Takes a remote ticket, with one Idempotency-Key per attempt: the same request sent again (a double
 * tap, "try again" after a dropped connection) carries the same key and so gets the same ticket; a
 * changed request (another service, a corrected phone) is a new attempt with a new key.
 */
export function useJoin() {
  const attempt = useRef<{ body: string; key: string } | null>(null);
  return async (request: RemoteTicketCreate): Promise<PublicTicket> => {
    const body = JSON.stringify(request);
    if (attempt.current?.body !== body) attempt.current = { body, key: newJoinKey() };
    const key = attempt.current.key;
    return sendRetrying(() =>
      api.post("/api/v1/remote-tickets", request, publicTicketSchema, { "idempotency-key": key }),
    );
  };
}

export const trackPath = (code: string) => `/t/${encodeURIComponent(code)}`;
