import type { BookingService, BookingSlot } from "@dq/shared";
import { useEffect, useRef, useState } from "react";
import type { Booked } from "./booking-api.ts";

/** Where the visitor is on `/book`: service → day and time → name and phone → booked. */
export type Step =
  | { name: "service" }
  | { name: "time"; service: BookingService }
  | { name: "contact"; service: BookingService; slot: BookingSlot }
  | { name: "done"; service: BookingService; booked: Booked };

/** The step before this one (a booking made starts over). */
export function previous(step: Step): Step {
  switch (step.name) {
    case "contact":
      return { name: "time", service: step.service };
    default:
      return { name: "service" };
  }
}

/**
 * The steps in the browser's history, so that the phone's back gesture goes one step back instead
 * of leaving the page with the form half filled. `forward` pushes an entry; `back` pops one when
 * this page pushed it (else just steps back: the page may have opened on a preselected service).
 */
export function useSteps(first: () => Step | null) {
  const [chosen, setChosen] = useState<Step | null>(null);
  const pushed = useRef(0);
  const step = chosen ?? first() ?? { name: "service" };
  const stepRef = useRef(step);
  stepRef.current = step;
  useEffect(() => {
    const onPop = () => {
      pushed.current = Math.max(0, pushed.current - 1);
      setChosen(previous(stepRef.current));
    };
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  return {
    step,
    forward: (next: Step) => {
      window.history.pushState({ bookingStep: next.name }, "");
      pushed.current += 1;
      setChosen(next);
    },
    back: () => {
      if (pushed.current > 0) window.history.back();
      else setChosen(previous(stepRef.current));
    },
    /** Start over (after a booking): no entry, the old steps' entries just lead back to the start. */
    restart: () => setChosen({ name: "service" }),
  };
}
