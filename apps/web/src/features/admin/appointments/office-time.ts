import { intlLocale } from "../../../app/day-format.ts";

/** Today's date in the office ("2026-12-07"), whatever this computer's own zone. */
export const officeToday = (timeZone: string | undefined, now = new Date()) =>
  now.toLocaleDateString("sv-SE", { timeZone });

/** An instant's clock time in the office: "10:00". */
export const officeClock = (iso: string, language: string, timeZone: string | undefined) =>
  new Date(iso).toLocaleTimeString(intlLocale(language), { hour: "2-digit", minute: "2-digit", timeZone });

/** An instant's day in the office, as the UI language writes dates: «07.12.2026» / «07/12/2026». */
export const officeDate = (iso: string, language: string, timeZone: string | undefined) =>
  new Date(iso).toLocaleDateString(intlLocale(language), { timeZone });
