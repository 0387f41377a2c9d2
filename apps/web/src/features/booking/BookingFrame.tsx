import type { ReactNode } from "react";
import { LanguageButtons, OfflineBanner } from "../surface-kit/common.tsx";
import css from "./booking.module.css";

/** The booking pages' frame: the office's name and the language switch above the page. */
export function BookingFrame({ office, children }: { office?: string; children: ReactNode }) {
  return (
    <div className={css.page}>
      <OfflineBanner />
      <div className={css.top}>
        <div className={css.office} data-testid="booking-office">
          {office}
        </div>
        <LanguageButtons />
      </div>
      <main className={css.main}>{children}</main>
    </div>
  );
}
