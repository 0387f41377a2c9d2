/**
 * Report periods are office calendar days (YYYY-MM-DD in the office's timezone), as the API takes
 * them. Day arithmetic on such strings is done in UTC, where every day has 24 hours.
 */

export const PRESETS = [
  "today",
  "yesterday",
  "week",
  "twoWeeks",
  "month",
  "thisMonth",
  "lastMonth",
  "year",
] as const;
export type Preset = (typeof PRESETS)[number];

/** Today in a timezone, as YYYY-MM-DD. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A real calendar day written as YYYY-MM-DD (not 2026-13-45, not 2026-02-30). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;

/** The days of a preset period, counted back from today (both ends included). */
export function presetPeriod(preset: Preset, today: string): { from: string; to: string } {
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "yesterday":
      return { from: addDays(today, -1), to: addDays(today, -1) };
    case "week":
      return { from: addDays(today, -6), to: today };
    case "twoWeeks":
      return { from: addDays(today, -13), to: today };
    case "month":
      return { from: addDays(today, -29), to: today };
    case "thisMonth":
      return { from: firstOfMonth(today), to: today };
    case "lastMonth": {
      const end = addDays(firstOfMonth(today), -1);
      return { from: firstOfMonth(end), to: end };
    }
    case "year":
      return { from: addDays(today, -364), to: today };
  }
}

/** The preset a period is, if any (so the preset control shows which one is chosen). */
export function presetOf(period: { from: string; to: string }, today: string): Preset | null {
  return (
    PRESETS.find((p) => {
      const x = presetPeriod(p, today);
      return x.from === period.from && x.to === period.to;
    }) ?? null
  );
}

/** Every day of a period, for a trend chart that shows quiet days as zero rather than skipping them. */
export function daysOf(from: string, to: string, max = 400): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length < max; d = addDays(d, 1)) days.push(d);
  return days;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a YYYY-MM-DD day. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}
