import { WEEKDAYS, type Weekday, type WeekSchedule } from "@dq/shared";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalTime {
  /** The business day, 'YYYY-MM-DD' in the branch's timezone. */
  day: string;
  weekday: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  const weekday = parts.weekday!.toLowerCase().slice(0, 3) as Weekday;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: WEEKDAYS.includes(weekday) ? weekday : "mon",
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
}

/** Ticket numbers restart every business day: the calendar day in the branch's timezone. */
export function businessDay(at: Date, timeZone: string): string {
  return localTime(at, timeZone).day;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

/** Whether a service with this weekly schedule takes tickets at `at`. No schedule: always open. */
export function isOpenAt(schedule: WeekSchedule | null, at: Date, timeZone: string): boolean {
  if (!schedule) return true;
  const { weekday, minutes } = localTime(at, timeZone);
  return (schedule[weekday] ?? []).some((i) => minutes >= toMinutes(i.from) && minutes < toMinutes(i.to));
}

/**
 * When a service with this schedule next opens after `at`: in how many days (0 = today, in the
 * branch's timezone) and at what local time. Null when it is open now, has no schedule, or never opens.
 */
export function nextOpening(
  schedule: WeekSchedule | null,
  at: Date,
  timeZone: string,
): { inDays: number; time: string } | null {
  if (!schedule || isOpenAt(schedule, at, timeZone)) return null;
  const { weekday, minutes } = localTime(at, timeZone);
  const today = WEEKDAYS.indexOf(weekday);
  for (let inDays = 0; inDays <= 7; inDays++) {
    const day = WEEKDAYS[(today + inDays) % 7]!;
    const starts = (schedule[day] ?? [])
      .map((i) => i.from)
      .filter((from) => inDays > 0 || toMinutes(from) > minutes)
      .sort();
    if (starts.length > 0) return { inDays, time: starts[0]! };
  }
  return null;
}

/** An instant as ISO 8601 in the office's timezone, with its UTC offset ("2026-12-05T14:35:00+03:00"). */
export function zonedIso(at: Date, timeZone: string): string {
  const { day, minutes } = localTime(at, timeZone);
  const wallClock = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  const utcMinute = Math.floor(at.getTime() / 60_000) * 60_000;
  const offset = Math.round((wallClock - utcMinute) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, "0");
  const seconds = pad(new Date(at).getUTCSeconds());
  return `${day}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${seconds}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * When a service with this schedule stops taking tickets today (the end of the interval `at` is
 * in), as an instant; null without a schedule or when it is not open now.
 */
export function closingToday(schedule: WeekSchedule | null, at: Date, timeZone: string): Date | null {
  if (!schedule) return null;
  const { weekday, minutes } = localTime(at, timeZone);
  const open = (schedule[weekday] ?? []).find(
    (i) => minutes >= toMinutes(i.from) && minutes < toMinutes(i.to),
  );
  if (!open) return null;
  const minuteStart = Math.floor(at.getTime() / 60_000) * 60_000;
  return new Date(minuteStart + (toMinutes(open.to) - minutes) * 60_000);
}
