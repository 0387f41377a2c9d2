import { canTransition, type OperatorState, type TicketAction } from "@dq/shared";

/** The physical keys of the actions (shown on the buttons). */
export const KEYS = {
  callNext: "KeyC",
  recall: "KeyR",
  start: "KeyS",
  noShow: "KeyX",
  returnToQueue: "KeyB",
  finish: "KeyF",
  redirect: "KeyD",
  pause: "KeyP",
  undo: "KeyZ",
} as const;

export interface AllowedActions {
  callNext: boolean;
  pause: boolean;
  resume: boolean;
  recall: boolean;
  start: boolean;
  noShow: boolean;
  returnToQueue: boolean;
  finish: boolean;
  redirect: boolean;
}

/**
 * What the operator may do now. What may happen to his ticket is the shared lifecycle's answer
 * (the server refuses the rest); calling and pausing need a free workplace without a ticket, and
 * calling a workstation that serves at least one of his services (`servesHere`).
 * A watched workplace allows nothing.
 */
export function allowedActions(state: OperatorState, readOnly: boolean, servesHere = true): AllowedActions {
  const ticket = state.ticket;
  const free = !readOnly && state.status === "free" && !ticket;
  const onTicket = (action: TicketAction) => !readOnly && !!ticket && canTransition(ticket.status, action);
  return {
    callNext: free && servesHere,
    pause: free,
    resume: !readOnly && state.status === "paused",
    recall: onTicket("recall"),
    start: onTicket("start"),
    noShow: onTicket("noShow"),
    returnToQueue: onTicket("return"),
    finish: onTicket("finish"),
    redirect: onTicket("redirect"),
  };
}
