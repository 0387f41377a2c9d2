import type { BookingService, BookingSlot } from "@dq/shared";
import type { ReactNode } from "react";
import { isServerUnreachable } from "../../app/api.ts";
import css from "./booking.module.css";
import { useSlots } from "./booking-api.ts";
import { nextDay, officeToday, zoneLabel } from "./office-time.ts";
import { useBookingText } from "./use-booking-text.ts";

type Props = {
  branchId: string;
  service: BookingService;
  timeZone: string;
  day: string | null;
  onDay: (day: string) => void;
  onPick: (slot: BookingSlot) => void;
  /** The time picked (rescheduling confirms it with a button below). */
  selected?: string | null;
  /** The appointment's own time when rescheduling: shown, not offered. */
  current?: string | null;
  /** Why the visitor is choosing again ("this time was just taken"). */
  notice?: ReactNode;
};

const sameInstant = (a: string | null | undefined, b: string) => !!a && Date.parse(a) === Date.parse(b);

/** Days with opening hours, then that day's times; full ones are shown, greyed out. */
export function SlotPicker(props: Props) {
  const { service, timeZone, day, onDay } = props;
  const x = useBookingText(timeZone);
  const today = officeToday(timeZone);
  const tomorrow = nextDay(today);
  if (service.openDays.length === 0) return <p className={css.notice}>{x.t("noDays")}</p>;
  return (
    <>
      {props.notice}
      <fieldset className={`${css.choices} ${css.days}`} aria-label={x.t("chooseDay")}>
        <legend className={css.legend}>{x.t("chooseDay")}</legend>
        {service.openDays.map((d) => {
          const chip = x.chip(d);
          const top = d === today ? x.t("today") : d === tomorrow ? x.t("tomorrow") : chip.weekday;
          return (
            <button
              key={d}
              type="button"
              className={css.chip}
              aria-pressed={d === day}
              data-day={d}
              onClick={() => onDay(d)}
            >
              <span className={css.chipTop}>{top}</span>
              <span className={css.chipMain}>{chip.date}</span>
            </button>
          );
        })}
      </fieldset>
      {day && <Times {...props} day={day} />}
    </>
  );
}

function Times(props: Props & { day: string }) {
  const x = useBookingText(props.timeZone);
  const slots = useSlots(props.branchId, props.service.id, props.day);
  const legend = <legend className={css.legend}>{x.t("chooseTime")}</legend>;
  let body: ReactNode;
  if (slots.data && slots.data.length > 0) {
    // Said once: a visitor in another zone (or travelling) reads the times as the office's clock.
    const zone = (
      <p key="zone" className={`${css.muted} ${css.zoneNote}`} data-testid="booking-zone">
        {x.t("localTime", { zone: zoneLabel(props.timeZone, x.lang, new Date(slots.data[0]!.start)) })}
      </p>
    );
    body = [
      zone,
      ...slots.data.map((slot) => {
        const mine = sameInstant(props.current, slot.start);
        const full = slot.free <= 0;
        return (
          <button
            key={slot.start}
            type="button"
            className={mine ? `${css.chip} ${css.chipCurrent}` : css.chip}
            disabled={full || mine}
            aria-pressed={sameInstant(props.selected, slot.start)}
            data-start={slot.start}
            onClick={() => props.onPick(slot)}
          >
            <span className={css.chipMain}>{x.clock(slot.start)}</span>
            {(full || mine) && <span className={css.chipNote}>{mine ? x.t("current") : x.t("taken")}</span>}
          </button>
        );
      }),
    ];
  } else if (slots.data) {
    body = <p className={css.muted}>{x.t("noTimes")}</p>;
  } else if (slots.error && !isServerUnreachable(slots.error)) {
    body = (
      <p className={css.error} role="alert">
        {x.t("errors.generic")}
      </p>
    );
  } else {
    body = <p className={css.muted}>{x.t("loadingTimes")}</p>;
  }
  return (
    <fieldset
      className={`${css.choices} ${css.times}`}
      aria-label={x.t("chooseTime")}
      aria-busy={!slots.data}
    >
      {legend}
      {body}
    </fieldset>
  );
}
