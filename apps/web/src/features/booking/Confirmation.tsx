import type { BookingService } from "@dq/shared";
import { useEffect, useRef } from "react";
import { CalendarLink, CheckInWindow, CodeAndQr } from "./AppointmentFacts.tsx";
import css from "./booking.module.css";
import { appointmentPath, type Booked } from "./booking-api.ts";
import { useBookingText } from "./use-booking-text.ts";

/** The booking made: when, the code and its QR for the kiosk, the calendar file and the page to manage it. */
export function Confirmation({
  service,
  booked,
  timeZone,
  onAnother,
}: {
  service: BookingService;
  booked: Booked;
  timeZone: string;
  onAnother: () => void;
}) {
  const x = useBookingText(timeZone);
  const heading = useRef<HTMLHeadingElement>(null);
  // The form the visitor was typing in is gone: take him (and a screen reader) to the news.
  useEffect(() => {
    window.scrollTo(0, 0);
    heading.current?.focus();
  }, []);
  return (
    <>
      <section className={`${css.card} ${css.ticket}`} data-testid="booking-confirmation">
        <h1 className={css.booked} ref={heading} tabIndex={-1}>
          ✓ {x.t("booked")}
        </h1>
        <div className={css.serviceName}>{x.name(service)}</div>
        <div className={css.when} data-testid="booking-when">
          {x.when(booked)}
        </div>
        <CodeAndQr code={booked.code} />
        <CheckInWindow {...booked} timeZone={timeZone} />
      </section>
      <div className={css.actions}>
        <CalendarLink code={booked.code} />
        <a className={css.primary} href={appointmentPath(booked.code)} data-testid="booking-manage">
          {x.t("openAppointment")}
        </a>
      </div>
      <p className={css.muted}>{x.t("saveHint")}</p>
      <button type="button" className={css.linkButton} onClick={onAnother}>
        {x.t("bookAnother")}
      </button>
    </>
  );
}
