import { formatTicketCode, type LATE_ACTIONS } from "@dq/shared";
import { QrCode } from "../surface-kit/QrCode.tsx";
import css from "./booking.module.css";
import { appointmentPath, icsPath } from "./booking-api.ts";
import { useBookingText } from "./use-booking-text.ts";

/**
 * The code as the kiosk takes it: typed (printed like a ticket's code, K7QM-4XPA) or held to its
 * camera as the QR of the `/b/<code>` page.
 */
export function CodeAndQr({ code }: { code: string }) {
  const x = useBookingText();
  return (
    <>
      <QrCode value={`${window.location.origin}${appointmentPath(code)}`} className={css.qr} />
      <div className={css.caption}>{x.t("code")}</div>
      <div className={css.code} data-testid="booking-code">
        {formatTicketCode(code)}
      </div>
      <p className={css.muted}>{x.t("qrHint")}</p>
    </>
  );
}

/** «Отметьтесь в терминале с 09:30» and what happens after the grace period. */
export function CheckInWindow(props: {
  checkInOpensAt?: string;
  lateAfter?: string;
  lateAction?: (typeof LATE_ACTIONS)[number];
  timeZone?: string;
}) {
  const x = useBookingText(props.timeZone);
  if (!props.checkInOpensAt) return null;
  return (
    <div className={css.checkIn} data-testid="booking-check-in">
      {x.t("checkInFrom", { time: x.clock(props.checkInOpensAt) })}
      {props.lateAfter && props.lateAction && (
        <div className={css.hint}>
          {x.t(props.lateAction === "refuse" ? "lateRefuse" : "lateWalkIn", {
            time: x.clock(props.lateAfter),
          })}
        </div>
      )}
    </div>
  );
}

/** The calendar file: a phone opens it in its calendar app. */
export function CalendarLink({ code }: { code: string }) {
  const x = useBookingText();
  return (
    <a className={css.secondary} href={icsPath(code)} data-testid="booking-ics">
      {x.t("addToCalendar")}
    </a>
  );
}
