import type { TicketStatus } from "./schemas/tickets.ts";

/**
 * Everything that can happen to a ticket, and the states each action is allowed from (docs/PRODUCT.md
 * §3): a called client who is not there yet may be returned to the queue; a client being served
 * may be redirected to another service; a no-show may be undone for a short while
 * (`NO_SHOW_UNDO_SECONDS`, by the operator who marked it, at the same workstation). Nothing else
 * moves a ticket back. The server enforces it; the operator's screen offers only the actions it allows.
 */
export const TICKET_TRANSITIONS = {
  call: { from: ["waiting"], to: "called" },
  recall: { from: ["called"], to: "called" },
  start: { from: ["called"], to: "serving" },
  noShow: { from: ["called"], to: "no_show" },
  undoNoShow: { from: ["no_show"], to: "called" },
  finish: { from: ["serving"], to: "served" },
  return: { from: ["called"], to: "waiting" },
  redirect: { from: ["serving"], to: "waiting" },
  cancel: { from: ["waiting"], to: "cancelled" },
  update: { from: ["waiting"], to: "waiting" },
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus }>;

/** How long after "the client did not come" the operator may take it back. */
export const NO_SHOW_UNDO_SECONDS = 10;

export type TicketAction = keyof typeof TICKET_TRANSITIONS;

export function canTransition(status: TicketStatus, action: TicketAction): boolean {
  return (TICKET_TRANSITIONS[action].from as readonly TicketStatus[]).includes(status);
}
