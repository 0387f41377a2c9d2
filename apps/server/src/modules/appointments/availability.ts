import type { BookingSlot } from "@dq/shared";
import type { BranchContext } from "../../core/branch-context.ts";
import { unprocessable } from "../../core/errors.ts";
import type { Executor } from "../../db/executor.ts";
import { businessDay, zonedIso } from "../../queue/calendar.ts";
import { type BookableService, bookedCounts } from "./repository.ts";
import { type DayRules, daySlots, horizon, type Slot, slotAt, upcomingSlots } from "./slots.ts";

/** A day's slot rules for a service of a branch. */
export function dayRules(branch: BranchContext, service: BookableService, date: string): DayRules {
  return {
    date,
    timeZone: branch.timezone,
    serviceHours: service.schedule,
    officeHours: branch.settings.openingHours,
    slotMinutes: service.booking.slotMinutes,
    blackoutDays: branch.settings.bookingBlackoutDays,
  };
}

/** The days within the horizon, today included, that still have a slot to book (capacity aside). */
export function openDays(branch: BranchContext, service: BookableService, now: Date): string[] {
  const today = businessDay(now, branch.timezone);
  return horizon(today, service.booking.horizonDays).filter(
    (day) => upcomingSlots(daySlots(dayRules(branch, service, day)), now).length > 0,
  );
}

function withinHorizon(branch: BranchContext, service: BookableService, day: string, now: Date): boolean {
  return horizon(businessDay(now, branch.timezone), service.booking.horizonDays).includes(day);
}

/** A day's slots not yet started, each with its free places; none outside the horizon. */
export async function slotsOfDay(
  db: Executor,
  branch: BranchContext,
  service: BookableService,
  day: string,
  now: Date,
): Promise<BookingSlot[]> {
  if (!withinHorizon(branch, service, day, now)) return [];
  const slots = upcomingSlots(daySlots(dayRules(branch, service, day)), now);
  if (slots.length === 0) return [];
  const booked = await bookedCounts(db, service.id, slots[0]!.start, slots.at(-1)!.end);
  return slots.map((s) => ({
    start: zonedIso(s.start, branch.timezone),
    end: zonedIso(s.end, branch.timezone),
    free: Math.max(0, service.booking.capacityPerSlot - (booked.get(s.start.getTime()) ?? 0)),
  }));
}

/**
 * The slot a booking asks for, or 422 `not_a_slot`: off the grid, outside the hours, started or
 * past, beyond the horizon, a blackout day.
 */
export function requireSlot(branch: BranchContext, service: BookableService, start: Date, now: Date): Slot {
  const day = businessDay(start, branch.timezone);
  const slot =
    start > now && withinHorizon(branch, service, day, now)
      ? slotAt(dayRules(branch, service, day), start)
      : undefined;
  if (!slot) {
    throw unprocessable(
      "not_a_slot",
      "this time is not a free slot of the service: choose one of its slots",
      {
        start: zonedIso(start, branch.timezone),
      },
    );
  }
  return slot;
}
