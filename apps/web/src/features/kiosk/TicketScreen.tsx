import { formatTicketCode, type KioskMenu } from "@dq/shared";
import { useEffect, useRef, useState } from "react";
import { localText } from "../../app/local-text.ts";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { QrCode } from "../surface-kit/QrCode.tsx";
import { AppointmentLines } from "./AppointmentLines.tsx";
import css from "./kiosk.module.css";
import type { Screen } from "./kiosk-screen.ts";
import { Receipt } from "./Receipt.tsx";

const TICKET_SCREEN_SECONDS = 20;

/** The ticket just issued, printed once by itself (unless the kiosk does not print), then back to the start. */
export function TicketScreen({
  menu,
  screen,
  onDone,
}: {
  menu: KioskMenu;
  screen: Extract<Screen, { name: "ticket" }>;
  onDone: () => void;
}) {
  const f = useSurfaceFormat(menu.branch.timezone);
  const [left, setLeft] = useState(TICKET_SCREEN_SECONDS);
  const { ticket, service } = screen;
  const printed = useRef(false);
  useEffect(() => {
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (left <= 0) onDone();
  }, [left, onDone]);
  useEffect(() => {
    if (printed.current || !(menu.device?.autoPrint ?? true)) return;
    printed.current = true;
    // After the receipt is laid out; Chrome's --kiosk-printing makes this silent.
    requestAnimationFrame(() => window.print());
  }, [menu.device]);
  const trackUrl = `${window.location.origin}/t/${ticket.code}`;
  return (
    <section className={css.ticket} aria-label={f.t("kiosk.yourTicket")}>
      <div className={css.ticketCard}>
        <div className={css.ticketCaption}>{f.t("kiosk.yourTicket")}</div>
        <div className={css.ticketLabel} data-testid="ticket-label">
          {ticket.label}
        </div>
        <div className={css.ticketService}>{f.name(service)}</div>
        <AppointmentLines ticket={ticket} timeZone={menu.branch.timezone} />
        <div className={css.ticketFacts}>
          <div data-testid="people-ahead">
            {ticket.position ? f.t("peopleAhead", { count: ticket.position }) : f.t("nobodyAhead")}
          </div>
          {/* No estimate while nobody serves the service: say so rather than promise minutes. A booked
              visitor on time has no quote either: he is called at his time, the line above. */}
          {(ticket.estimatedWait || !ticket.appointment || ticket.appointment.late) && (
            <div data-testid="ticket-wait">
              {ticket.estimatedWait ? f.quoteLine(ticket) : f.t("kiosk.nobodyServingTicket")}
            </div>
          )}
        </div>
        <div className={css.qrRow}>
          <QrCode value={trackUrl} className={css.qr} />
          <div className={css.codeBox}>
            <span>{f.t("kiosk.scan")}</span>
            <span className={css.codeCaption}>{f.t("kiosk.trackingCode")}</span>
            <span className={css.code} data-testid="ticket-code">
              {formatTicketCode(ticket.code)}
            </span>
          </div>
        </div>
      </div>
      <div className={css.actions}>
        <button type="button" className={css.secondary} onClick={() => window.print()}>
          {f.t(menu.device?.autoPrint === false ? "kiosk.printOnce" : "kiosk.print")}
        </button>
        <button type="button" className={css.primary} onClick={onDone}>
          {f.t("kiosk.done")}
        </button>
      </div>
      <p className={css.hint}>{f.t("kiosk.returning", { count: Math.max(0, left) })}</p>
      <Receipt
        office={localText(menu.branch.name, menu.branch.nameTranslations, f.lang)}
        ticket={ticket}
        serviceName={f.name(service)}
        issuedAt={screen.issuedAt}
        trackUrl={trackUrl}
        ticketText={menu.branch.ticketText}
        paperWidth={menu.device?.paperWidth ?? 80}
        timeZone={menu.branch.timezone}
      />
    </section>
  );
}
