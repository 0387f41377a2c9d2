import type { ServiceState, WeekSchedule } from "@dq/shared";
import { type DomainError, unprocessable } from "../core/errors.ts";
import { isOpenAt } from "./calendar.ts";

/** What decides whether a service takes a ticket now, as a service row holds it. */
export interface TakingFacts {
  name: string;
  is_group: boolean;
  active: boolean;
  accepting_tickets: boolean;
  schedule: WeekSchedule | null;
  daily_limit: number | null;
}

/**
 * Whether a service takes a ticket now, and if not why. The kiosk shows this state and issuing
 * refuses by it, so the two cannot disagree. `issuedToday` is null where the count is not known:
 * before the issuing statement, which enforces the daily limit itself. A group is "open" when
 * shown; issuing refuses groups before it asks.
 */
export function takingState(
  service: TakingFacts,
  issuedToday: number | null,
  now: Date,
  timeZone: string,
): ServiceState {
  if (service.is_group) return "open";
  if (!service.active || !service.accepting_tickets) return "closed";
  if (!isOpenAt(service.schedule, now, timeZone)) return "outside_hours";
  if (service.daily_limit !== null && issuedToday !== null && issuedToday >= service.daily_limit) {
    return "limit_reached";
  }
  return "open";
}

/** The error issuing answers when the service does not take a ticket now; null when it does. */
export function takingRefusal(
  service: TakingFacts,
  issuedToday: number | null,
  now: Date,
  timeZone: string,
): DomainError | null {
  const state = takingState(service, issuedToday, now, timeZone);
  switch (state) {
    case "open":
      return null;
    case "closed":
      return unprocessable("service_closed", `the service «${service.name}» is not taking tickets now`);
    case "outside_hours":
      return unprocessable("outside_opening_hours", `the service «${service.name}» is closed at this hour`, {
        schedule: service.schedule,
      });
    case "limit_reached":
      return unprocessable("daily_limit_reached", `the daily limit of «${service.name}» has been reached`, {
        dailyLimit: service.daily_limit,
      });
  }
}
