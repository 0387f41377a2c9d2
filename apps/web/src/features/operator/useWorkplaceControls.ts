import type { OperatorState } from "@dq/shared";
import { useState } from "react";
import { allowedActions, KEYS } from "./allowedActions.ts";
import { useShortcuts } from "./shortcuts.ts";
import { type Action, useAction } from "./useWorkplace.ts";

/**
 * The operator's controls: what is allowed now, one handler per action (the same for buttons and
 * keys), the outcome note and which dialog is open. A watched workplace acts on nothing.
 */
export function useWorkplaceControls(state: OperatorState, readOnly: boolean) {
  const action = useAction();
  const [note, setNote] = useState("");
  const [redirecting, setRedirecting] = useState(false);
  const [pausing, setPausing] = useState(false);
  const ticket = state.ticket;
  const busy = action.isPending;
  const allowed = allowedActions(state, readOnly);

  const act = (a: Action, after?: () => void) => {
    if (readOnly || busy) return;
    action.mutate(a, { onSuccess: after });
  };
  const onTicket = (make: (ticketId: string) => Action, after?: () => void) => () => {
    if (ticket) act(make(ticket.id), after);
  };
  const handlers = {
    callNext: () => act({ kind: "callNext" }),
    call: (ticketId: string) => act({ kind: "call", ticketId }),
    recall: onTicket((ticketId) => ({ kind: "recall", ticketId })),
    start: onTicket((ticketId) => ({ kind: "start", ticketId })),
    noShow: onTicket((ticketId) => ({ kind: "noShow", ticketId })),
    returnToQueue: onTicket((ticketId) => ({ kind: "return", ticketId, toEnd: false })),
    finish: onTicket(
      (ticketId) => ({ kind: "finish", ticketId, note: note.trim() || undefined }),
      () => setNote(""),
    ),
    redirect: (serviceId: string, text: string) =>
      onTicket(
        (ticketId) => ({ kind: "redirect", ticketId, serviceId, note: text || undefined }),
        () => setRedirecting(false),
      )(),
    pause: (choice: { reasonId?: string; reason?: string }) =>
      act({ kind: "pause", ...choice }, () => setPausing(false)),
    resume: () => act({ kind: "resume" }),
    leave: () => act({ kind: "leave" }),
  };

  useShortcuts(
    readOnly
      ? {}
      : {
          [KEYS.callNext]: () => allowed.callNext && handlers.callNext(),
          [KEYS.recall]: () => allowed.recall && handlers.recall(),
          [KEYS.start]: () => allowed.start && handlers.start(),
          [KEYS.noShow]: () => allowed.noShow && handlers.noShow(),
          [KEYS.returnToQueue]: () => allowed.returnToQueue && handlers.returnToQueue(),
          [KEYS.finish]: () => allowed.finish && handlers.finish(),
          [KEYS.redirect]: () => allowed.redirect && setRedirecting(true),
          [KEYS.pause]: () => (allowed.resume ? handlers.resume() : allowed.pause && setPausing(true)),
        },
  );

  return {
    action,
    busy,
    allowed,
    handlers,
    note,
    setNote,
    redirecting,
    setRedirecting,
    pausing,
    setPausing,
  };
}

export type WorkplaceControls = ReturnType<typeof useWorkplaceControls>;
