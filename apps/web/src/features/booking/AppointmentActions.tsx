import type { Appointment, BookingSlot } from "@dq/shared";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import css from "./booking.module.css";
import { cancelAppointment, rescheduleAppointment, useBookingServices } from "./booking-api.ts";
import { bookingFailure } from "./booking-errors.ts";
import { dayOf } from "./office-time.ts";
import { SlotPicker } from "./SlotPicker.tsx";
import { useBookingText } from "./use-booking-text.ts";

/**
 * Moving a booked appointment to another time of its service: the same days and times as booking.
 * `onDone(true)` once moved; `onDone(false)` after a failure, so the page shows what the server has
 * (the move may have gone through with only its answer lost).
 */
export function Reschedule(props: {
  appointment: Appointment;
  onStart: () => void;
  onDone: (moved: boolean) => Promise<void>;
}) {
  const a = props.appointment;
  const x = useBookingText();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        className={css.secondary}
        onClick={() => {
          props.onStart();
          setOpen(true);
        }}
      >
        {x.t("appointment.reschedule")}
      </button>
    );
  }
  return <ReschedulePicker appointment={a} onClose={() => setOpen(false)} onDone={props.onDone} />;
}

function ReschedulePicker({
  appointment: a,
  onClose,
  onDone,
}: {
  appointment: Appointment;
  onClose: () => void;
  onDone: (moved: boolean) => Promise<void>;
}) {
  const services = useBookingServices(a.branchId);
  const timeZone = services.data?.branch.timezone;
  const x = useBookingText(timeZone);
  const queryClient = useQueryClient();
  const [day, setDay] = useState(() => dayOf(a.start, timeZone));
  const [picked, setPicked] = useState<BookingSlot | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const service = services.data?.items.find((s) => s.id === a.serviceId);
  const section = useRef<HTMLElement>(null);
  // The days and times open below the appointment's card: bring them into view.
  // (A block body: newer browsers return a promise from scrollIntoView, which is no cleanup function.)
  useEffect(() => {
    section.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, []);

  const move = async (slot: BookingSlot) => {
    setBusy(true);
    setNotice(null);
    try {
      await rescheduleAppointment(a.code, slot.start);
      await onDone(true);
      onClose();
    } catch (error) {
      const failure = bookingFailure(error);
      if (failure.kind === "pickAgain") {
        setPicked(null);
        void queryClient.invalidateQueries({ queryKey: ["booking-slots"] });
      }
      setNotice(
        failure.kind === "message"
          ? x.t(`errors.${failure.text}`, { count: failure.count })
          : failure.kind === "pickAgain"
            ? x.t(`errors.${failure.text}`)
            : x.t("errors.generic"),
      );
      await onDone(false);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section
      ref={section}
      className={css.card}
      aria-label={x.t("appointment.rescheduleTitle")}
      data-testid="reschedule"
    >
      <h2 className={css.subtitle}>{x.t("appointment.rescheduleTitle")}</h2>
      {services.data && !service && <p className={css.notice}>{x.t("errors.serviceGone")}</p>}
      {service && timeZone && (
        <SlotPicker
          branchId={a.branchId}
          service={service}
          timeZone={timeZone}
          day={service.openDays.includes(day) ? day : (service.openDays[0] ?? null)}
          onDay={(d) => {
            setDay(d);
            setPicked(null);
          }}
          onPick={setPicked}
          selected={picked?.start ?? null}
          current={a.start}
        />
      )}
      {notice && (
        <p className={css.error} role="alert" data-testid="reschedule-error">
          {notice}
        </p>
      )}
      <div className={css.actions}>
        {picked && (
          <button type="button" className={css.primary} disabled={busy} onClick={() => void move(picked)}>
            {x.t("appointment.rescheduleTo", { when: x.when(picked) })}
          </button>
        )}
        <button type="button" className={css.plain} onClick={onClose}>
          {x.t("appointment.rescheduleKeep")}
        </button>
      </div>
    </section>
  );
}

/** Cancelling, after a confirmation: the time goes back to others. */
export function CancelAppointment({ code, onDone }: { code: string; onDone: () => Promise<unknown> }) {
  const x = useBookingText();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  if (!asking) {
    return (
      <button type="button" className={`${css.linkButton} ${css.dangerLink}`} onClick={() => setAsking(true)}>
        {x.t("appointment.cancel")}
      </button>
    );
  }
  return (
    <section className={css.confirm} data-testid="cancel-confirm">
      <p>{x.t("appointment.cancelConfirm")}</p>
      {failed && <p role="alert">{failed}</p>}
      <div className={css.row}>
        <button
          type="button"
          className={css.danger}
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setFailed(null);
            try {
              await cancelAppointment(code);
              setAsking(false);
            } catch (error) {
              const failure = bookingFailure(error);
              setFailed(
                x.t(failure.kind === "message" ? `errors.${failure.text}` : "errors.generic", {
                  count: failure.kind === "message" ? failure.count : undefined,
                }),
              );
            } finally {
              setBusy(false);
              // Perhaps it was cancelled and only the answer was lost: show what the server has.
              await onDone();
            }
          }}
        >
          {x.t("appointment.cancelYes")}
        </button>
        <button type="button" className={css.plain} onClick={() => setAsking(false)}>
          {x.t("appointment.cancelNo")}
        </button>
      </div>
    </section>
  );
}
