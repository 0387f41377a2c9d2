import type { TicketStatus } from "@dq/shared";
import { DomainError } from "../core/errors.ts";

/**
 * Everything that can happen to a ticket, and the states each action is allowed from (docs/PRODUCT.md
 * §3): a called client who is not there yet may be returned to the queue; a client being served
 * may be redirected to another service. Nothing else moves a ticket back.
 */
const TRANSITIONS = {
  call: { from: ["waiting"], to: "called" },
  recall: { from: ["called"], to: "called" },
  start: { from: ["called"], to: "serving" },
  noShow: { from: ["called"], to: "no_show" },
  finish: { from: ["serving"], to: "served" },
  return: { from: ["called"], to: "waiting" },
  redirect: { from: ["serving"], to: "waiting" },
  cancel: { from: ["waiting"], to: "cancelled" },
  update: { from: ["waiting"], to: "waiting" },
} as const satisfies Record<string, { from: readonly TicketStatus[]; to: TicketStatus }>;

export type TicketAction = keyof typeof TRANSITIONS;

export function canTransition(status: TicketStatus, action: TicketAction): boolean {
  return (TRANSITIONS[action].from as readonly TicketStatus[]).includes(status);
}

/** The state after `action`, or a 409 naming the current state when the action is impossible now. */
export function transition(status: TicketStatus, action: TicketAction): TicketStatus {
  if (!canTransition(status, action)) {
    throw new DomainError(
      409,
      "invalid_transition",
      `cannot ${describe(action)} a ticket that is ${status}`,
      {
        status,
        action,
        allowedFrom: TRANSITIONS[action].from,
      },
    );
  }
  return TRANSITIONS[action].to;
}

function describe(action: TicketAction): string {
  return action === "noShow" ? "mark as no-show" : action;
}
