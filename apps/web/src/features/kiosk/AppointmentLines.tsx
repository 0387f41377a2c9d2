import type { Ticket } from "@dq/shared";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import "./checkin-texts.ts";
import css from "./kiosk.module.css";

/**
 * On a checked-in visitor's ticket, on screen and on paper: «Запись на 10:00», and «Вы опоздали —
 * вы в общей очереди» when he came after the grace period. Nothing on a walk-in's ticket.
 */
export function AppointmentLines({
  ticket,
  timeZone,
  className = css.appointmentLine,
  testId = "ticket-appointment",
}: {
  ticket: Ticket;
  timeZone: string;
  className?: string;
  testId?: string;
}) {
  const f = useSurfaceFormat(timeZone);
  const appointment = ticket.appointment;
  if (!appointment) return null;
  return (
    <>
      <div className={className} data-testid={testId}>
        {f.t("checkin.appointmentAt", { time: f.clock(appointment.start) })}
      </div>
      {appointment.late && (
        <div className={`${className} ${css.appointmentLate}`} data-testid={`${testId}-late`}>
          {f.t("checkin.late")}
        </div>
      )}
    </>
  );
}
