import type { ReactNode } from "react";
import { LanguageButtons, OfflineBanner } from "./common.tsx";
import css from "./public-frame.module.css";

/** A public page's frame on the visitor's phone: the office's name and the language switch above it. */
export function PublicFrame({
  office,
  officeTestId,
  children,
}: {
  office?: string;
  officeTestId: string;
  children: ReactNode;
}) {
  return (
    <div className={css.page}>
      <OfflineBanner />
      <div className={css.top}>
        <div className={css.office} data-testid={officeTestId}>
          {office}
        </div>
        <LanguageButtons />
      </div>
      <main className={css.main}>{children}</main>
    </div>
  );
}
