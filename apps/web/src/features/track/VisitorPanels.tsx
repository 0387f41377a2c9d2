import type { PublicTicket } from "@dq/shared";
import { useEffect, useState } from "react";
import { ArrivalPanel } from "./ArrivalPanel.tsx";
import { rememberTicket } from "./my-tickets.ts";
import { NotifyPanel } from "./NotifyPanel.tsx";
import { PostponePanel } from "./PostponePanel.tsx";
import css from "./panels.module.css";
import { useVisitorText } from "./use-visitor-text.ts";

/**
 * What the tracking page offers while the visit goes on: «Я на месте» for a remote ticket waiting
 * for its holder, «Отойти назад» while waiting, and the notifications panel until the call is over.
 */
export function VisitorPanels({
  ticket,
  code,
  refetch,
}: {
  ticket: PublicTicket;
  code: string;
  refetch: () => void;
}) {
  // A remote ticket is kept in this browser, so that the door's QR page (/here) finds it.
  useEffect(() => {
    if (ticket.source === "remote") rememberTicket(ticket);
  }, [ticket]);
  const x = useVisitorText();
  // «Я на месте» was accepted on this page: the panel is gone, so a line says it worked.
  const [arrived, setArrived] = useState(false);
  const waiting = ticket.status === "waiting";
  return (
    <>
      {waiting && ticket.awaitingArrival && (
        <ArrivalPanel code={code} onArrived={() => setArrived(true)} onDone={refetch} />
      )}
      {waiting && !ticket.awaitingArrival && arrived && (
        <p className={css.success} role="status" data-testid="arrival-done">
          {x.t("arrival.done")}
        </p>
      )}
      {(waiting || ticket.status === "called") && <NotifyPanel code={code} />}
      {waiting && ticket.postponesLeft > 0 && <PostponePanel ticket={ticket} code={code} onDone={refetch} />}
    </>
  );
}
