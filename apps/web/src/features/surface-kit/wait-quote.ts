import type { WaitEstimate } from "@dq/shared";
import { intlLocale } from "../../app/day-format.ts";

/**
 * How the visitor surfaces write a wait quote: «около 14:35 (12–18 мин)». Plain functions of the
 * language (no i18next) so that the exact strings are tested; `useSurfaceFormat` binds them.
 */
export interface WaitQuote {
  estimatedWait: WaitEstimate | null;
  /** ISO 8601 with the office's UTC offset: "2026-12-05T14:35:00+03:00". */
  expectedCallAt: string | null;
}

type Vars = Record<string, string | number>;

// No-break spaces keep a figure with its unit and the time with «около», word joiners keep the
// dash with its figures: a narrow phone breaks the line before «(12–18 мин)», never inside it.
const ru = {
  underMinute: "меньше минуты",
  range: "{min}\u2060–\u2060{max}\u00a0мин",
  about: "≈{max}\u00a0мин",
  upTo: "до\u00a0{max}\u00a0мин",
  compact: "~{wait}",
  around: "около\u00a0{time} ({wait})",
  /** A labelled line: with the time of the call, or a bare wait. */
  callLine: "Ожидаемый вызов: {quote}",
  waitLine: "Ожидание: {quote}",
};

const en: typeof ru = {
  underMinute: "under a minute",
  range: "{min}\u2060–\u2060{max}\u00a0min",
  about: "≈{max}\u00a0min",
  upTo: "up to\u00a0{max}\u00a0min",
  compact: "~{wait}",
  around: "around\u00a0{time} ({wait})",
  callLine: "Expected call: {quote}",
  waitLine: "Estimated wait: {quote}",
};

export const WAIT_TEXTS = { ru, en };
type Lang = keyof typeof WAIT_TEXTS;

const fill = (text: string, vars: Vars) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k]));
const textsOf = (lang: string) => WAIT_TEXTS[(lang in WAIT_TEXTS ? lang : "ru") as Lang];

/** Whether the wait is too short to give a time for ("under a minute"). */
const isShort = (e: WaitEstimate) => e.maxMinutes <= 1;

/** The wait as minutes: «12–18 мин», «≈5 мин», «до 3 мин», «меньше минуты». */
export function waitMinutes(e: WaitEstimate, lang: string): string {
  const x = textsOf(lang);
  const vars = { min: e.minMinutes, max: e.maxMinutes };
  if (isShort(e)) return x.underMinute;
  if (e.minMinutes === e.maxMinutes) return fill(x.about, vars);
  if (e.minMinutes <= 0) return fill(x.upTo, vars);
  return fill(x.range, vars);
}

/** A kiosk tile's short form: «~12–18 мин»; the other forms («≈5 мин», «до 3 мин») say it already. */
export function compactWait(e: WaitEstimate, lang: string): string {
  const wait = waitMinutes(e, lang);
  const range = !isShort(e) && e.minMinutes > 0 && e.minMinutes !== e.maxMinutes;
  return range ? fill(textsOf(lang).compact, { wait }) : wait;
}

/**
 * The clock time of an instant in the office: "14:35", 24-hour in both languages, rounded to the
 * nearest minute. In `timeZone` when the screen knows it, else in the offset the server wrote.
 */
export function officeClock(iso: string, lang: string, timeZone?: string): string {
  const instant = Math.round(Date.parse(iso) / 60_000) * 60_000;
  const format = (at: number, zone: string) =>
    new Date(at).toLocaleTimeString(intlLocale(lang), { hour: "2-digit", minute: "2-digit", timeZone: zone });
  if (timeZone) return format(instant, timeZone);
  const offset = /([+-])(\d\d):(\d\d)$/.exec(iso);
  const minutes = offset ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return format(instant + minutes * 60_000, "UTC");
}

/** «около 14:35 (12–18 мин)»; «меньше минуты» for a short wait; minutes alone without a time. */
export function quoteText(q: WaitQuote, lang: string, timeZone?: string): string {
  if (!q.estimatedWait) return "";
  const wait = waitMinutes(q.estimatedWait, lang);
  if (!q.expectedCallAt || isShort(q.estimatedWait)) return wait;
  return fill(textsOf(lang).around, { time: officeClock(q.expectedCallAt, lang, timeZone), wait });
}

/** The quote as a labelled line: «Ожидаемый вызов: около 14:35 (12–18 мин)», «Ожидание: меньше минуты». */
export function quoteLine(q: WaitQuote, lang: string, timeZone?: string): string {
  if (!q.estimatedWait) return "";
  const x = textsOf(lang);
  const withTime = q.expectedCallAt && !isShort(q.estimatedWait);
  return fill(withTime ? x.callLine : x.waitLine, { quote: quoteText(q, lang, timeZone) });
}

/** Whether a ticket taken now is expected to be called only after the service stops for the day. */
export function callAfterClosing(s: { expectedCallAt: string | null; closesAt: string | null }): boolean {
  if (!s.expectedCallAt || !s.closesAt) return false;
  return Date.parse(s.expectedCallAt) > Date.parse(s.closesAt);
}
