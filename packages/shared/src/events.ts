import type { TicketStatus } from "./schemas/tickets.ts";

export const TICKET_EVENT_TYPES = [
  "ticket.issued",
  "ticket.called",
  "ticket.recalled",
  "ticket.started",
  "ticket.served",
  "ticket.no_show",
  /** The operator took the no-show back within seconds: the ticket is called again. */
  "ticket.no_show_undone",
  "ticket.returned",
  "ticket.redirected",
  "ticket.cancelled",
  "ticket.updated",
  "ticket.rated",
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export const ALERT_EVENT_TYPES = [
  "alert.opened",
  "alert.escalated",
  "alert.acknowledged",
  "alert.resolved",
  /** Its rule changed (e.g. the in-app channel added or removed): the alert as it now shows. */
  "alert.updated",
] as const;
export type AlertEventType = (typeof ALERT_EVENT_TYPES)[number];

export const OTHER_EVENT_TYPES = [
  "operator.status",
  "service.updated",
  "day.closed",
  ...ALERT_EVENT_TYPES,
] as const;
export type EventType = TicketEventType | (typeof OTHER_EVENT_TYPES)[number];

/** The public part of a ticket event: what a board or a tracking page may see. */
export interface BoardEventData {
  ticketId: string;
  label: string;
  status: TicketStatus;
  serviceId: string;
  callCount: number;
  workstation?: { name: string; number: string; spokenName: string } | null;
  calledAt?: string | null;
  /** The latest call or recall. */
  lastCalledAt?: string | null;
  /** When the event happened (server time), e.g. to announce only fresh calls after a reconnect. */
  at: string;
}

export const SSE_CHANNELS = ["board", "staff"] as const;
export type SseChannel = (typeof SSE_CHANNELS)[number];
