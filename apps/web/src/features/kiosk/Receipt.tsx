import { formatTicketCode, type Ticket } from "@dq/shared";
import { useLayoutEffect, useRef } from "react";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { QrCode } from "../surface-kit/QrCode.tsx";
import { AppointmentLines } from "./AppointmentLines.tsx";
import css from "./receipt.module.css";

/**
 * The printed ticket: only visible to the printer. The page size follows the kiosk's paper (80 or
 * 58 mm thermal rolls); Chrome prints it without a dialog when started with --kiosk-printing.
 */
export function Receipt(props: {
  office: string;
  ticket: Ticket;
  serviceName: string;
  issuedAt: Date;
  trackUrl: string;
  ticketText: string;
  paperWidth: 80 | 58;
  timeZone: string;
}) {
  const f = useSurfaceFormat(props.timeZone);
  const { ticket } = props;
  const ref = useRef<HTMLDivElement>(null);
  // A roll has no page height: the page is exactly as long as the receipt. CSS cannot say "auto"
  // there (`size: 80mm auto` is invalid and ignored), so the receipt is measured where it is laid
  // out off-screen, and the page size written in millimetres.
  useLayoutEffect(() => {
    const heightMm = Math.ceil(((ref.current?.offsetHeight ?? 0) * 25.4) / 96) + 2;
    const style = document.createElement("style");
    style.textContent = `@page { size: ${props.paperWidth}mm ${Math.max(heightMm, 40)}mm; margin: 0; }`;
    document.head.appendChild(style);
    return () => style.remove();
  });
  return (
    <div ref={ref} className={css.receipt} style={{ width: `${props.paperWidth}mm` }} data-testid="receipt">
      <div className={css.office}>{props.office}</div>
      <div className={css.label}>{ticket.label}</div>
      <div className={css.service}>{props.serviceName}</div>
      <AppointmentLines
        ticket={ticket}
        timeZone={props.timeZone}
        className={css.line}
        testId="receipt-appointment"
      />
      <div className={css.line}>
        {f.t("kiosk.issuedAt")}: {f.day(props.issuedAt)} {f.time(props.issuedAt)}
      </div>
      <div className={css.line}>
        {ticket.position ? f.t("peopleAhead", { count: ticket.position }) : f.t("nobodyAhead")}
      </div>
      {ticket.estimatedWait && (
        <div className={css.line} data-testid="receipt-wait">
          {f.quoteLine(ticket)}
        </div>
      )}
      <QrCode value={props.trackUrl} className={css.qr} />
      <div className={css.small}>{f.t("kiosk.scan")}</div>
      {/* Typed on the public queue page when the QR cannot be scanned. */}
      <div className={css.small}>{f.t("kiosk.trackingCode")}</div>
      <div className={css.code} data-testid="receipt-code">
        {formatTicketCode(ticket.code)}
      </div>
      {props.ticketText && <div className={css.text}>{props.ticketText}</div>}
      <div className={css.small}>{f.t("kiosk.receiptFooter")}</div>
    </div>
  );
}
