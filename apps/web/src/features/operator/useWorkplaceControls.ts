import { NO_SHOW_UNDO_SECONDS, type OperatorState } from "@dq/shared";
import { useRef, useState } from "react";
import { allowedActions, KEYS } from "./allowedActions.ts";
import { useShortcuts } from "./shortcuts.ts";
import { SingleFlight, sendThen } from "./singleFlight.ts";
import { type Action, useAction } from "./useWorkplace.ts";

/** A no-show that may still be taken back until `until` (ms, this machine's clock). */
export interface Undoable {
  ticketId: string;
  label: string;
  until: number;
}

/** Whole seconds left to undo a no-show (0 when it is too late). */
export const undoSecondsLeft = (u: Undoable | null, now: Date | number = Date.now()) =>
  u ? Math.max(0, Math.ceil((u.until - new Date(now).getTime()) / 1000)) : 0;

/**
 * The operator's controls: what is allowed now, one handler per action (the same for buttons and
 * keys), the outcome note and which dialog is open. A watched workplace acts on nothing.
 * `servesHere` is false at a workstation that serves none of the operator's services.
 */
export function useWorkplaceControls(state: OperatorState, readOnly: boolean, servesHere = true) {
  const action = useAction();
  const flight = useRef<SingleFlight | null>(null);
  flight.current ??= new SingleFlight();
  const [inFlight, setInFlight] = useState(false);
  const [note, setNote] = useState("");
  const [redirecting, setRedirecting] = useState(false);
  const [pausing, setPausing] = useState(false);
  const [undoable, setUndoable] = useState<Undoable | null>(null);
  // Call next answered 204: nobody is callable now (said until the next action or closed).
  const [nobodyToCall, setNobodyToCall] = useState(false);
  const ticket = state.ticket;
  const busy = action.isPending || inFlight;
  const allowed = allowedActions(state, readOnly, servesHere);
  // Only while he is free: with another client called (or on a pause) the server would refuse.
  const canUndo = () => !readOnly && state.status === "free" && !ticket && undoSecondsLeft(undoable) > 0;

  // One request at a time: a double click, or a key right after a click, acts once. A failure is
  // shown from `action.error`; the promise's rejection is already handled there.
  const once = (a: Action, onSuccess?: (result: unknown) => void, onSettled?: () => void) => {
    if (readOnly) return;
    flight.current!.run(async () => {
      setInFlight(true);
      setNobodyToCall(false);
      try {
        await sendThen(() => action.mutateAsync(a), onSuccess);
      } catch {
        // Shown by the workplace from `action.error`.
      } finally {
        setInFlight(false);
        onSettled?.();
      }
    });
  };
  const act = (a: Action, after?: (result: unknown) => void) => once(a, after);
  const onTicket = (make: (ticketId: string) => Action, after?: () => void) => () => {
    if (ticket) act(make(ticket.id), after);
  };
  const handlers = {
    // The server answers 204, no ticket, when nobody is callable now.
    callNext: () => act({ kind: "callNext" }, (called) => setNobodyToCall(called === undefined)),
    call: (ticketId: string) => act({ kind: "call", ticketId }),
    recall: onTicket((ticketId) => ({ kind: "recall", ticketId })),
    start: onTicket((ticketId) => ({ kind: "start", ticketId })),
    noShow: () => {
      if (!ticket) return;
      const { id, label } = ticket;
      // Counted from before the request: the server's own 10 seconds cannot have started earlier.
      const until = Date.now() + NO_SHOW_UNDO_SECONDS * 1000;
      act({ kind: "noShow", ticketId: id }, () => setUndoable({ ticketId: id, label, until }));
    },
    undoNoShow: () => {
      if (!undoable || !canUndo()) return;
      once({ kind: "undoNoShow", ticketId: undoable.ticketId }, undefined, () => setUndoable(null));
    },
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
          [KEYS.undo]: () => handlers.undoNoShow(),
        },
  );

  return {
    action,
    busy,
    allowed,
    servesHere,
    handlers,
    note,
    setNote,
    redirecting,
    setRedirecting,
    pausing,
    setPausing,
    /** Call next just found nobody callable; `closeNobodyToCall` hides the notice. */
    nobodyToCall,
    closeNobodyToCall: () => setNobodyToCall(false),
    /** The no-show that may still be undone, while it may. */
    undoable: canUndo() ? undoable : null,
  };
}

export type WorkplaceControls = ReturnType<typeof useWorkplaceControls>;
