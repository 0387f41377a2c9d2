import { canTransition, TICKET_TRANSITIONS, type TicketAction, type TicketStatus } from "@dq/shared";
import { DomainError } from "../core/errors.ts";

// The table itself is shared with the operator's screen (packages/shared/src/ticket-lifecycle.ts).
export { canTransition, type TicketAction };

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
        allowedFrom: TICKET_TRANSITIONS[action].from,
      },
    );
  }
  return TICKET_TRANSITIONS[action].to;
}

function describe(action: TicketAction): string {
  if (action === "noShow") return "mark as no-show";
  return action === "undoNoShow" ? "undo the no-show of" : action;
}
