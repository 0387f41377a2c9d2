import type { ReactNode } from "react";
import { PublicFrame } from "../surface-kit/PublicFrame.tsx";

/** The booking pages' frame: the office's name and the language switch above the page. */
export function BookingFrame({ office, children }: { office?: string; children: ReactNode }) {
  return (
    <PublicFrame office={office} officeTestId="booking-office">
      {children}
    </PublicFrame>
  );
}
