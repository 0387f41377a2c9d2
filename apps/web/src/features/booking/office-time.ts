import { intlLocale } from "../../app/day-format.ts";

/**
 * Times of an appointment as the office's wall clock shows them, whatever zone the phone is in.
 * An instant is formatted in the office's zone when it is known; else by the UTC offset the server
 * wrote into the ISO string (correct for that instant, DST included). A calendar day ("2026-12-08")
 * is not an instant: it is formatted at its UTC noon in UTC, so no zone can move it to another day.
 */

/** The instant and the zone to format it in: the office's, or UTC shifted by the ISO string's offset. */
function wallClock(iso: string, timeZone?: string): { at: Date; zone: string } {
  const instant = Date.parse(iso);
  if (timeZone) return { at: new Date(instant), zone: timeZone };
  const offset = /([+-])(\d\d):?(\d\d)$/.exec(iso);
  const minutes = offset ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return { at: new Date(instant + minutes * 60_000), zone: "UTC" };
}

/** "10:30" in the office. */
export function clockOf(iso: string, lang: string, timeZone?: string): string {
  const { at, zone } = wallClock(iso, timeZone);
  return at.toLocaleTimeString(intlLocale(lang), { hour: "2-digit", minute: "2-digit", timeZone: zone });
}

/** The office's calendar day of an instant, "2026-12-08". */
export function dayOf(iso: string, timeZone?: string): string {
  const { at, zone } = wallClock(iso, timeZone);
  // Canadian English writes dates as YYYY-MM-DD.
  return at.toLocaleDateString("en-CA", {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    timeZone: zone,
  });
}

/** Today in the office, "2026-12-08". */
export const officeToday = (timeZone: string | undefined, now = new Date()): string =>
  dayOf(now.toISOString(), timeZone ?? "UTC");

const noonOf = (day: string) => new Date(`${day}T12:00:00Z`);

/** The day after a calendar day ("2026-12-31" → "2027-01-01"). */
export const nextDay = (day: string): string =>
  new Date(noonOf(day).getTime() + 86_400_000).toISOString().slice(0, 10);

/** A day chip: «вт» and «8 дек.» / "Tue" and "8 Dec". */
export function dayChip(day: string, lang: string): { weekday: string; date: string } {
  const locale = intlLocale(lang);
  const at = noonOf(day);
  return {
    weekday: at.toLocaleDateString(locale, { weekday: "short", timeZone: "UTC" }),
    date: at.toLocaleDateString(locale, { day: "numeric", month: "short", timeZone: "UTC" }),
  };
}

/** «вторник, 8 декабря» / "Tuesday 8 December". */
export function longDay(day: string, lang: string): string {
  return noonOf(day).toLocaleDateString(intlLocale(lang), {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });
}

/** «вторник, 8 декабря, 10:30–10:45» for an appointment from `start` to `end`; the range never breaks at its dash. */
export function whenText(start: string, end: string, lang: string, timeZone?: string): string {
  const range = `${clockOf(start, lang, timeZone)}\u2060–\u2060${clockOf(end, lang, timeZone)}`;
  return `${longDay(dayOf(start, timeZone), lang)}, ${range}`;
}

/** One part of an instant written in a zone by Intl ("Москва", "GMT+3"). */
function zonePart(
  at: Date,
  lang: string,
  timeZone: string,
  style: "shortGeneric" | "longGeneric" | "shortOffset",
): string {
  const parts = new Intl.DateTimeFormat(intlLocale(lang), { timeZone, timeZoneName: style }).formatToParts(
    at,
  );
  return parts.find((p) => p.type === "timeZoneName")?.value ?? "";
}

/**
 * The zone's name to show: the short one («Москва»), unless the browser's ICU has none in this
 * language and falls back to the zone's id («Moscow» on a Russian page, as Chromium does); then the
 * long one («Москва, стандартное время»). Empty when both are only an offset ("GMT+3").
 */
export function zoneName(timeZone: string, lang: string, short: string, long: string): string {
  const idCity = timeZone.split("/").pop()!.replaceAll("_", " ");
  const named = (n: string) => n !== "" && !/^(GMT|UTC)/.test(n);
  if (named(short) && (lang === "en" || short !== idCity)) return short;
  return named(long) ? long : "";
}

/**
 * The office's zone as a visitor reads it: «Москва (UTC+3)» / "Moscow Time (UTC+3)", its offset at
 * `at` (daylight saving moves it). Just «UTC+3» where the language has no name for the zone.
 */
export function zoneLabel(timeZone: string, lang: string, at: Date = new Date()): string {
  const gmt = zonePart(at, lang, timeZone, "shortOffset");
  const offset = gmt === "GMT" ? "UTC" : gmt.replace(/^GMT/, "UTC");
  const short = zonePart(at, lang, timeZone, "shortGeneric");
  const name = zoneName(timeZone, lang, short, zonePart(at, lang, timeZone, "longGeneric"));
  return name ? `${name} (${offset})` : offset;
}
