/**
 * How a calendar day is written in each UI language, as a dayjs format: Russian «26.11.2026»,
 * English «26 Nov 2026» (never the US 11/26/2026, which a Russian office would misread).
 */
export const DAY_FORMAT: Record<string, string> = { ru: "DD.MM.YYYY", en: "D MMM YYYY" };

export const dayFormatOf = (language: string): string => DAY_FORMAT[language] ?? DAY_FORMAT.ru!;

/**
 * The `Intl` locale for a UI language: English as written in Britain (day before month, 24-hour
 * clock), so that an English screen never shows the US 12/5/2026 or 1:02 AM beside office times.
 */
export const intlLocale = (language: string): string => (language === "en" ? "en-GB" : language);

/** An instant's date and time in the office's zone: «05.12.2026, 01:02» / «5 Dec 2026, 01:02». */
export function dateTimeFormat(language: string, timeZone: string | undefined, seconds = false) {
  return new Intl.DateTimeFormat(intlLocale(language), {
    dateStyle: language === "en" ? "medium" : "short",
    timeStyle: seconds ? "medium" : "short",
    timeZone,
  });
}
