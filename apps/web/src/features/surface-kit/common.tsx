import type { WaitEstimate } from "@dq/shared";
import { useTranslation } from "react-i18next";
import { useReconnecting } from "../../app/connection.ts";
import { intlLocale } from "../../app/day-format.ts";
import { LANGUAGES, type Language, setLanguage } from "../../app/i18n.ts";
import { useNow } from "../../app/use-now.ts";
import "./base.css";
import css from "./surface-kit.module.css";
import { NS } from "./texts.ts";
import { compactWait, officeClock, quoteLine, quoteText, type WaitQuote } from "./wait-quote.ts";

export { useNow };

/**
 * Texts shared by the client surfaces, in the current language. Times are shown in the office's
 * timezone when it is known: cheap boxes often run in UTC.
 */
export function useSurfaceFormat(timeZone?: string) {
  const { t, i18n } = useTranslation(NS);
  const lang = (LANGUAGES as readonly string[]).includes(i18n.language) ? (i18n.language as Language) : "ru";
  // Day first and a 24-hour clock in English too, like the rest of the office's screens.
  const locale = intlLocale(lang);
  return {
    t,
    lang,
    /** A service's name in the current language. */
    name: (s: { name: string; translations: Partial<Record<string, string>> }) =>
      s.translations[lang] || s.name,
    /** «около 14:35 (12–18 мин)»; "" without an estimate (the screen says why instead). */
    quote: (q: WaitQuote) => quoteText(q, lang, timeZone),
    /** «Ожидаемый вызов: около 14:35 (12–18 мин)» / «Ожидание: меньше минуты». */
    quoteLine: (q: WaitQuote) => quoteLine(q, lang, timeZone),
    /** A kiosk tile's «~12–18 мин». */
    compactWait: (e: WaitEstimate | null) => (e ? compactWait(e, lang) : ""),
    /** An ISO instant's clock time in the office: "18:00". */
    clock: (iso: string) => officeClock(iso, lang, timeZone),
    opens: (o: { inDays: number; time: string } | null) => {
      if (!o) return "";
      if (o.inDays === 0) return t("opensToday", { time: o.time });
      if (o.inDays === 1) return t("opensTomorrow", { time: o.time });
      const day = new Date(Date.now() + o.inDays * 86_400_000).toLocaleDateString(locale, {
        weekday: "short",
        timeZone,
      });
      return t("opensOn", { day, time: o.time });
    },
    time: (d: Date, withSeconds = false) =>
      d.toLocaleTimeString(locale, {
        hour: "2-digit",
        minute: "2-digit",
        timeZone,
        ...(withSeconds ? { second: "2-digit" } : {}),
      }),
    date: (d: Date) =>
      d.toLocaleDateString(locale, { weekday: "long", day: "numeric", month: "long", timeZone }),
    day: (d: Date) => d.toLocaleDateString(locale, { timeZone }),
  };
}

export function LanguageButtons({
  languages = LANGUAGES,
  onChange,
}: {
  languages?: readonly Language[];
  onChange?: (l: Language) => void;
}) {
  const { i18n } = useTranslation();
  if (languages.length < 2) return null;
  return (
    <fieldset className={css.languages} aria-label="Language / Язык">
      {languages.map((l) => (
        <button
          key={l}
          type="button"
          className={css.language}
          aria-pressed={i18n.language === l}
          onClick={() => {
            setLanguage(l);
            onChange?.(l);
          }}
        >
          {l === "ru" ? "Русский" : "English"}
        </button>
      ))}
    </fieldset>
  );
}

/**
 * A calm strip that says the screen has lost the server or its database and is reconnecting (the
 * screen keeps showing what it last knew); it goes away by itself when the server answers again.
 */
export function OfflineBanner({ className = "" }: { className?: string }) {
  const { t } = useTranslation(NS);
  if (!useReconnecting()) return null;
  return (
    <div className={`${css.offline} ${className}`} role="status" data-testid="reconnecting">
      <span className={css.offlineSpinner} aria-hidden="true" />
      {t("offline")}
    </div>
  );
}

export function NotLinked() {
  const { t } = useTranslation(NS);
  return (
    <main className={css.notLinked}>
      <h1>{t("notLinked")}</h1>
      <p>{t("notLinkedHint")}</p>
      <LanguageButtons />
    </main>
  );
}
