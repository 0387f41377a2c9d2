import {
  type PublicTicket,
  publicTicketSchema,
  type SubscriptionCreate,
  ticketNotifySchema,
} from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { api, isServerUnreachable } from "../../app/api.ts";
import { sendRetrying } from "../kiosk/issue-retry.ts";
import { isNotFound } from "./visit.ts";

const ticketPath = (code: string) => `/api/v1/tickets/${encodeURIComponent(code)}`;

export const notifyKey = (code: string) => ["ticket-notify", code] as const;

/** The channels this server offers for the ticket, and the ticket's subscriptions. */
export function useTicketNotify(code: string, enabled: boolean) {
  return useQuery({
    queryKey: notifyKey(code),
    queryFn: () => api.get(`${ticketPath(code)}/notifications`, ticketNotifySchema),
    enabled,
    retry: (n, error) => !isNotFound(error) && (isServerUnreachable(error) || n < 2),
  });
}

/**
 * Subscribes the ticket's holder to a channel. Subscribing the same recipient again is the same
 * subscription on the server, so a repeated tap does no harm.
 */
export const subscribe = (code: string, body: SubscriptionCreate): Promise<unknown> =>
  api.post(`${ticketPath(code)}/subscriptions`, body);

export const unsubscribe = (code: string, id: string): Promise<void> =>
  api.delete(`${ticketPath(code)}/subscriptions/${encodeURIComponent(id)}`);

/**
 * Moves the ticket `places` places back in its queue. Sent again with the same key while the server
 * is out of reach: a retry does not move the ticket twice.
 */
export const postpone = (code: string, places: number, key: string): Promise<PublicTicket> =>
  sendRetrying(() =>
    api.post(`${ticketPath(code)}/postpone`, { places }, publicTicketSchema, { "idempotency-key": key }),
  );

/** «Я на месте»: the phone's position, or the door's QR key. */
export const reportArrival = (
  code: string,
  body: { latitude: number; longitude: number; accuracyMeters?: number } | { doorKey: string },
): Promise<unknown> => api.post(`${ticketPath(code)}/arrival`, body);
