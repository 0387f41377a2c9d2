import type { WeekSchedule } from "@dq/shared";
import { addDays, localToInstant, weekdayOf } from "./local-time.ts";

/**
 * Booking slots, computed from settings alone (docs/appointments.md, "Settings"): where the
 * service's hours and the office's opening hours are both open, slots of `slotMinutes` one after
 * another from the start of each open interval, each wholly inside it. No hours at all: no slots.
 */
export interface DayRules {
  /** The office's calendar day, YYYY-MM-DD. */
  date: string;
  timeZone: string;
  serviceHours: WeekSchedule | null;
  officeHours: WeekSchedule | null;
  slotMinutes: number;
  blackoutDays: readonly string[];
}

export interface Slot {
  start: Date;
  end: Date;
}

interface Interval {
  from: number;
  to: number;
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number);
  return h! * 60 + m!;
}

function intervalsOf(schedule: WeekSchedule, date: string): Interval[] {
  return (schedule[weekdayOf(date)] ?? []).map((i) => ({ from: toMinutes(i.from), to: toMinutes(i.to) }));
}

/** The day's intervals (minutes since local midnight) where both schedules are open; null: no limit. */
export function openIntervals(rules: Pick<DayRules, "date" | "serviceHours" | "officeHours">): Interval[] {
  const { serviceHours, officeHours, date } = rules;
  if (!serviceHours && !officeHours) return [];
  if (!serviceHours) return intervalsOf(officeHours!, date);
  if (!officeHours) return intervalsOf(serviceHours, date);
  const office = intervalsOf(officeHours, date);
  return intervalsOf(serviceHours, date)
    .flatMap((s) => office.map((o) => ({ from: Math.max(s.from, o.from), to: Math.min(s.to, o.to) })))
    .filter((i) => i.from < i.to)
    .sort((a, b) => a.from - b.from);
}

/** Every slot of the day by the hours, started or not, ignoring capacity; none on a blackout day. */
export function daySlots(rules: DayRules): Slot[] {
  if (rules.blackoutDays.includes(rules.date)) return [];
  const slots = new Map<number, Slot>();
  for (const interval of openIntervals(rules)) {
    for (let m = interval.from; m + rules.slotMinutes <= interval.to; m += rules.slotMinutes) {
      // A slot starting or ending in a daylight-saving gap is not offered.
      const start = localToInstant(rules.date, m, rules.timeZone);
      const end = localToInstant(rules.date, m + rules.slotMinutes, rules.timeZone);
      if (start && end && end > start && !slots.has(start.getTime()))
        slots.set(start.getTime(), { start, end });
    }
  }
  return [...slots.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Slots that have not started at `now`: the ones a visitor may still book. */
export function upcomingSlots(slots: readonly Slot[], now: Date): Slot[] {
  return slots.filter((s) => s.start > now);
}

/** The days that can be booked: `horizonDays` of them from today, today included. */
export function horizon(today: string, horizonDays: number): string[] {
  return Array.from({ length: horizonDays }, (_, i) => addDays(today, i));
}

/** The slot of the day that starts exactly at `start`, if it is one. */
export function slotAt(rules: DayRules, start: Date): Slot | undefined {
  return daySlots(rules).find((s) => s.start.getTime() === start.getTime());
}
