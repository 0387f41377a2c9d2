import { type ReactNode, useLayoutEffect } from "react";
import { chosenLanguage, LANGUAGES, showLanguage } from "../../app/i18n.ts";
import { LanguageButtons, OfflineBanner } from "./common.tsx";
import css from "./public-frame.module.css";
import { visitorLanguage } from "./visitor-language.ts";

/**
 * A public page opens on the visitor's own phone: in its language (English on an English phone)
 * until he picks one with the buttons. Before the first paint, so the page does not flash Russian.
 */
function useVisitorLanguage() {
  useLayoutEffect(() => {
    const language = visitorLanguage(
      chosenLanguage(),
      navigator.languages ?? [navigator.language],
      LANGUAGES,
    );
    if (language) showLanguage(language);
  }, []);
}

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
  useVisitorLanguage();
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
