import { type Dashboard, DEFAULT_BOOKING_SETTINGS } from "@dq/shared";
import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import { zonedIso } from "../../queue/calendar.ts";

/** How many of the day's next appointments the dashboard lists. */
const UPCOMING = 10;

/**
 * Today's appointments on the dashboard: the counts as the appointments report defines them
 * (booked: not cancelled; no-show: still booked at start plus the service's grace), and the next
 * ones not yet checked in — those whose time has not passed, so a visitor a few minutes late but
 * within grace is still listed.
 */
export async function todaysAppointments(
  db: Executor,
  branch: { id: string; timezone: string },
  now: Date,
  today: string,
): Promise<Dashboard["appointments"]> {
  const grace = sql`coalesce((sv.booking->>'lateGraceMinutes')::int, ${DEFAULT_BOOKING_SETTINGS.lateGraceMinutes}::int)`;
  const due = sql`a.starts_at + ${grace} * interval '1 minute'`;
  const [counts, upcoming] = await Promise.all([
    sql<{ booked: number; checked_in: number; no_shows: number; cancelled: number }>`
      select count(*) filter (where a.status <> 'cancelled')::int as booked,
        count(*) filter (where a.status = 'checked_in')::int as checked_in,
        count(*) filter (where a.status = 'booked' and ${due} <= ${now}::timestamptz)::int as no_shows,
        count(*) filter (where a.status = 'cancelled')::int as cancelled
      from appointments a join services sv on sv.id = a.service_id
      where a.branch_id = ${branch.id} and a.business_day = ${today}
    `.execute(db),
    sql<{ code: string; starts_at: Date; name: string; service_id: string }>`
      select a.code, a.starts_at, a.name, a.service_id
      from appointments a join services sv on sv.id = a.service_id
      where a.branch_id = ${branch.id} and a.business_day = ${today} and a.status = 'booked'
        and ${due} > ${now}::timestamptz
      order by a.starts_at, a.id
      limit ${UPCOMING}
    `.execute(db),
  ]);
  const c = counts.rows[0];
  return {
    booked: c?.booked ?? 0,
    checkedIn: c?.checked_in ?? 0,
    noShows: c?.no_shows ?? 0,
    cancelled: c?.cancelled ?? 0,
    upcoming: upcoming.rows.map((a) => ({
      code: a.code,
      start: zonedIso(new Date(a.starts_at), branch.timezone),
      name: a.name,
      serviceId: a.service_id,
      status: "booked" as const,
    })),
  };
}
