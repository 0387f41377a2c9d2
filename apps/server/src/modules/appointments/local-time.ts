import { WEEKDAYS, type Weekday } from "@dq/shared";
import { localTime } from "../../queue/calendar.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The zone's offset from UTC at an instant, in minutes (Moscow: +180). */
export function offsetMinutes(at: Date, timeZone: string): number {
  const { day, minutes } = localTime(at, timeZone);
  const wallClock = Date.parse(`${day}T00:00:00Z`) + minutes * MINUTE;
  return Math.round((wallClock - Math.floor(at.getTime() / MINUTE) * MINUTE) / MINUTE);
}

/**
 * The instant a local wall-clock time (a date and minutes since its midnight) has in an IANA zone.
 * The offset is tried as it is half a day before and after, so a daylight-saving change between
 * them is seen: a time that occurs twice (autumn) is its earlier occurrence; one that does not
 * exist (skipped in spring) gives null, as no office slot should start in the gap.
 */
export function localToInstant(date: string, minutes: number, timeZone: string): Date | null {
  // "24:00" closes a day: it is the next day's midnight.
  if (minutes >= 24 * 60) return localToInstant(addDays(date, 1), minutes - 24 * 60, timeZone);
  const wallClock = Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE;
  const offsets = new Set(
    [wallClock - DAY / 2, wallClock + DAY / 2].map((t) => offsetMinutes(new Date(t), timeZone)),
  );
  const candidates = [...offsets]
    .map((offset) => new Date(wallClock - offset * MINUTE))
    .filter((at) => {
      const local = localTime(at, timeZone);
      return local.day === date && local.minutes === minutes;
    })
    .sort((a, b) => a.getTime() - b.getTime());
  return candidates[0] ?? null;
}

/** A calendar date `n` days after `date` (YYYY-MM-DD). */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** The day of the week of a calendar date. */
export function weekdayOf(date: string): Weekday {
  const sundayFirst = new Date(`${date}T00:00:00Z`).getUTCDay();
  return WEEKDAYS[(sundayFirst + 6) % 7]!;
}
