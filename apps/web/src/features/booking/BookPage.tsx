import type { BookingService, BookingServices } from "@dq/shared";
import { useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { isServerUnreachable } from "../../app/api.ts";
import { BookingFrame } from "./BookingFrame.tsx";
import { type Step, useSteps } from "./book-steps.ts";
import css from "./booking.module.css";
import { useBook, useBookingServices } from "./booking-api.ts";
import { Confirmation } from "./Confirmation.tsx";
import { type Contact, ContactForm } from "./ContactForm.tsx";
import { ServiceList } from "./ServiceList.tsx";
import { SlotPicker } from "./SlotPicker.tsx";
import { useBookingText } from "./use-booking-text.ts";

/**
 * `/book`: a visitor books a time from his phone. `?service=<id>` opens on that service's days,
 * `?branch=<id>` books in another office than the first.
 */
export default function BookPage() {
  const x = useBookingText();
  const [query] = useState(() => new URLSearchParams(window.location.search));
  const services = useBookingServices(query.get("branch"));
  const data = services.data;
  const { step, forward, back, restart } = useSteps(() => {
    const preselected = data?.items.find((s) => s.id === query.get("service"));
    return preselected ? { name: "time", service: preselected } : null;
  });
  const office = data && x.name({ name: data.branch.name, translations: data.branch.nameTranslations });

  if (!data) {
    const failed = services.error && !isServerUnreachable(services.error);
    return (
      <BookingFrame>
        <h1 className={css.title}>{x.t("title")}</h1>
        <p className={failed ? css.error : css.muted} role={failed ? "alert" : undefined}>
          {failed ? x.t("errors.generic") : "…"}
        </p>
      </BookingFrame>
    );
  }
  if (step.name === "done") {
    return (
      <BookingFrame office={office}>
        <Confirmation
          service={step.service}
          booked={step.booked}
          timeZone={data.branch.timezone}
          onAnother={restart}
        />
      </BookingFrame>
    );
  }
  return (
    <BookingFrame office={office}>
      <BookingSteps data={data} step={step} forward={forward} back={back} />
    </BookingFrame>
  );
}

const STEP_NUMBER = { service: 1, time: 2, contact: 3 } as const;
const STEP_QUESTION = { service: "chooseService", time: "chooseWhen", contact: "yourDetails" } as const;

/** The three steps before the booking is made; the day and the form survive going back and forth. */
function BookingSteps(props: {
  data: BookingServices;
  step: Exclude<Step, { name: "done" }>;
  forward: (next: Step) => void;
  back: () => void;
}) {
  const { data, step, forward, back } = props;
  const timeZone = data.branch.timezone;
  const x = useBookingText(timeZone);
  const queryClient = useQueryClient();
  const [day, setDay] = useState<string | null>(null);
  const [contact, setContact] = useState<Contact>({ name: "", phone: "", email: "" });
  const [notice, setNotice] = useState<"slotFull" | "notASlot" | null>(null);
  // Here, not in the form: going back and forth to the same time and details stays one attempt.
  const book = useBook(data.branch.id);

  const openTimes = (service: BookingService) => {
    if (!day || !service.openDays.includes(day)) setDay(service.openDays[0] ?? null);
    forward({ name: "time", service });
  };
  // A preselected service opens here without a day chosen yet.
  const shownDay =
    step.name === "time" && (!day || !step.service.openDays.includes(day))
      ? (step.service.openDays[0] ?? null)
      : day;

  let body: ReactNode;
  if (step.name === "service") {
    body = <ServiceList services={data.items} onPick={openTimes} />;
  } else if (step.name === "time") {
    body = (
      <>
        <Chosen service={step.service} onChange={back} />
        <SlotPicker
          branchId={data.branch.id}
          service={step.service}
          timeZone={timeZone}
          day={shownDay}
          onDay={(d) => {
            setDay(d);
            setNotice(null);
          }}
          onPick={(slot) => {
            setDay(shownDay);
            setNotice(null);
            forward({ name: "contact", service: step.service, slot });
          }}
          notice={
            notice && (
              <p className={css.notice} role="alert" data-testid="booking-notice">
                {x.t(`errors.${notice}`)}
              </p>
            )
          }
        />
      </>
    );
  } else {
    body = (
      <>
        <Chosen service={step.service} when={x.when(step.slot)} onChange={back} />
        <ContactForm
          book={book}
          serviceId={step.service.id}
          start={step.slot.start}
          contact={contact}
          onContact={setContact}
          onBooked={(booked) => forward({ name: "done", service: step.service, booked })}
          onPickAgain={(why) => {
            setNotice(why);
            void queryClient.invalidateQueries({ queryKey: ["booking-slots"] });
            back();
          }}
        />
      </>
    );
  }
  return (
    <>
      <div className={css.heading}>
        {step.name !== "service" && (
          <button type="button" className={`${css.linkButton} ${css.back}`} onClick={back}>
            ← {x.t("back")}
          </button>
        )}
        <h1 className={css.title}>{x.t("title")}</h1>
        <div className={css.step}>
          {x.t("stepOf", { step: STEP_NUMBER[step.name] })} · {x.t(STEP_QUESTION[step.name])}
        </div>
      </div>
      {body}
    </>
  );
}

/** The service (and time) chosen so far, with a way back to change it. */
function Chosen({
  service,
  when,
  onChange,
}: {
  service: BookingService;
  when?: string;
  onChange: () => void;
}) {
  const x = useBookingText();
  return (
    <section className={`${css.card} ${css.summary}`} data-testid="booking-chosen">
      <div>
        <div className={css.summaryService}>{x.name(service)}</div>
        {when && <div>{when}</div>}
      </div>
      <button type="button" className={css.linkButton} onClick={onChange}>
        {x.t("change")}
      </button>
    </section>
  );
}
