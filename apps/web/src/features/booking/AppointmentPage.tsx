import type { Appointment } from "@dq/shared";
import { useState } from "react";
import type { SurfaceProps } from "../../app/surfaces.tsx";
import { CancelAppointment, Reschedule } from "./AppointmentActions.tsx";
import { CalendarLink, CheckInWindow, CodeAndQr } from "./AppointmentFacts.tsx";
import { appointmentState, canBookAgain } from "./appointment-state.ts";
import { BookingFrame } from "./BookingFrame.tsx";
import css from "./booking.module.css";
import { isNotFound, trackPath, useAppointment } from "./booking-api.ts";
import { useBookingText } from "./use-booking-text.ts";

/**
 * `/b/<code>`: the visitor's appointment, opened from the confirmation, its calendar entry or its
 * QR code: when, the code and QR for the kiosk, and (while booked) reschedule or cancel. Times are
 * the office's wall clock, by the offset the server writes into each of them.
 */
export default function AppointmentPage({ params }: SurfaceProps) {
  const code = params[0] ?? "";
  const x = useBookingText();
  const appointment = useAppointment(code);
  const [moved, setMoved] = useState(false);
  const a = appointment.data;

  if (isNotFound(appointment.error)) {
    return (
      <BookingFrame>
        <h1 className={css.title} data-testid="appointment-not-found">
          {x.t("appointment.notFound")}
        </h1>
        <p className={css.muted}>{x.t("appointment.notFoundHint")}</p>
        <a className={css.secondary} href="/book">
          {x.t("appointment.newBooking")}
        </a>
      </BookingFrame>
    );
  }
  if (!a) {
    return (
      <BookingFrame>
        <p className={css.muted}>{x.t("appointment.loading")}</p>
      </BookingFrame>
    );
  }
  const refetch = () => appointment.refetch();
  const state = appointmentState(a);
  return (
    <BookingFrame office={x.name({ name: a.branchName, translations: a.branchTranslations })}>
      {moved && a.status === "booked" && (
        <p className={css.success} role="status" data-testid="appointment-moved">
          {x.t("appointment.rescheduled")}
        </p>
      )}
      <AppointmentCard a={a} />
      {a.status === "booked" && <CalendarLink code={a.code} />}
      {canBookAgain(state) && (
        <a
          className={css.primary}
          href={`/book?service=${encodeURIComponent(a.serviceId)}`}
          data-testid="appointment-book-again"
        >
          {x.t("appointment.bookAgain")}
        </a>
      )}
      {state === "served" && (
        <a className={css.secondary} href={`/book?service=${encodeURIComponent(a.serviceId)}`}>
          {x.t("bookAnother")}
        </a>
      )}
      {a.canReschedule && (
        <Reschedule
          appointment={a}
          onStart={() => setMoved(false)}
          onDone={async (ok) => {
            await refetch();
            setMoved(ok);
          }}
        />
      )}
      {a.canCancel && <CancelAppointment code={a.code} onDone={refetch} />}
    </BookingFrame>
  );
}

function AppointmentCard({ a }: { a: Appointment }) {
  const x = useBookingText();
  const state = appointmentState(a);
  return (
    <section className={`${css.card} ${css.ticket}`} data-testid="appointment">
      <h1 className={css.caption}>{x.t("appointment.title")}</h1>
      <div className={css.serviceName} data-testid="appointment-service">
        {x.name({ name: a.serviceName, translations: a.serviceTranslations })}
      </div>
      <div className={css.when} data-testid="appointment-when">
        {x.when(a)}
      </div>
      <div className={`${css.status} ${css[`status_${state}`] ?? ""}`} data-testid="appointment-status">
        {x.t(`appointment.status.${state}`)}
      </div>
      {a.status === "booked" && (
        <>
          <CodeAndQr code={a.code} />
          <CheckInWindow
            checkInOpensAt={a.checkInOpensAt}
            lateAfter={a.lateAfter}
            lateAction={a.lateAction}
          />
        </>
      )}
      {state === "in_queue" && a.late && <p className={css.notice}>{x.t("appointment.lateTicket")}</p>}
      {state === "in_queue" && a.ticketCode && (
        <a className={css.primary} href={trackPath(a.ticketCode)} data-testid="appointment-track">
          {x.t("appointment.track")}
        </a>
      )}
      {a.status === "no_show" && <p className={css.muted}>{x.t("appointment.noShowHint")}</p>}
      {state === "ticket_cancelled" && <p className={css.muted}>{x.t("appointment.ticketCancelledHint")}</p>}
      {state === "ticket_no_show" && <p className={css.muted}>{x.t("appointment.ticketNoShowHint")}</p>}
    </section>
  );
}
