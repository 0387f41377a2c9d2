import { type AppointmentFigures, DEFAULT_BOOKING_SETTINGS } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { ratio } from "./queries.ts";

/**
 * The appointments report (issue 17, docs/appointments.md): per business day of the appointment
 * (the day its slot starts) and service, plus the total.
 *
 * - booked: not cancelled; cancelled; checkedIn: on time or late; late: `appointments.late`;
 * - noShows: still booked, and start plus the service's `lateGraceMinutes` has come;
 * - punctuality over the appointments checked in on time whose ticket was called: the wait runs
 *   from the ticket's first segment entering the queue (the later of check-in and start) to its
 *   first call, as in the other reports; one called before its time waited 0.
 *   withinTarget: wait ≤ `appointmentTargetWaitMinutes` (exactly the target counts as within);
 *   averageWaitMinutes to 0.1, rounded in SQL on exact numerics.
 */
export interface AppointmentFilter {
  from: string;
  to: string;
  serviceId?: string | undefined;
}

export async function appointmentReport(
  db: Executor,
  branch: BranchContext,
  q: AppointmentFilter,
  now: Date,
) {
  const targetMinutes = branch.settings.appointmentTargetWaitMinutes;
  const rows = await appointmentRows(db, branch, q, now, targetMinutes, true);
  const total = rows.find((r) => r.service_id === null);
  return {
    targetMinutes,
    total: figures(total),
    items: rows
      .filter((r) => r.service_id !== null)
      .map((r) => ({
        day: r.day!,
        serviceId: r.service_id!,
        serviceName: r.name ?? r.service_id!,
        ...figures(r),
      }))
      .sort((a, b) => a.day.localeCompare(b.day) || a.serviceName.localeCompare(b.serviceName)),
  };
}

/** The period's figures in one (the summary's), for the services the filter names. */
export async function appointmentTotals(
  db: Executor,
  branch: BranchContext,
  q: AppointmentFilter,
  now: Date,
): Promise<AppointmentFigures> {
  const target = branch.settings.appointmentTargetWaitMinutes;
  const rows = await appointmentRows(db, branch, q, now, target, false);
  return figures(rows.find((r) => r.service_id === null));
}

async function appointmentRows(
  db: Executor,
  branch: BranchContext,
  q: AppointmentFilter,
  now: Date,
  targetMinutes: number,
  perDayAndService: boolean,
) {
  const grace = sql`coalesce((sv.booking->>'lateGraceMinutes')::int, ${DEFAULT_BOOKING_SETTINGS.lateGraceMinutes}::int)`;
  const filters = [
    sql`a.branch_id = ${branch.id}`,
    sql`a.business_day between ${q.from} and ${q.to}`,
    ...(q.serviceId ? [sql`a.service_id = ${q.serviceId}`] : []),
  ];
  const result = await sql<Row>`
    with measured as (
      select a.business_day, a.service_id, sv.name, a.status, a.late,
        a.status = 'booked' and a.starts_at + ${grace} * interval '1 minute' <= ${now}::timestamptz as no_show,
        case when a.status = 'checked_in' and not a.late and s.first_called_at is not null
          then greatest(extract(epoch from s.first_called_at - s.enqueued_at), 0) end as wait
      from appointments a
      join services sv on sv.id = a.service_id
      left join ticket_segments s on s.ticket_id = a.ticket_id and s.segment = 1
      where ${sql.join(filters, sql` and `)}
    )
    select ${perDayAndService ? sql`business_day as day, service_id, name` : sql`null as day, null as service_id, null as name`},
      count(*) filter (where status <> 'cancelled')::int as booked,
      count(*) filter (where status = 'cancelled')::int as cancelled,
      count(*) filter (where status = 'checked_in')::int as checked_in,
      count(*) filter (where status = 'checked_in' and late)::int as late,
      count(*) filter (where no_show)::int as no_shows,
      count(wait)::int as called,
      count(*) filter (where wait <= ${targetMinutes * 60})::int as within_target,
      round(avg(wait) / 60, 1)::float8 as wait_avg
    from measured
    ${perDayAndService ? sql`group by grouping sets ((business_day, service_id, name), ())` : sql``}
  `.execute(db);
  return result.rows;
}

interface Row {
  /** Null on the row of the whole period. */
  day: string | null;
  service_id: string | null;
  name: string | null;
  booked: number;
  cancelled: number;
  checked_in: number;
  late: number;
  no_shows: number;
  called: number;
  within_target: number;
  wait_avg: number | null;
}

function figures(r: Row | undefined): AppointmentFigures {
  const called = r?.called ?? 0;
  return {
    booked: r?.booked ?? 0,
    cancelled: r?.cancelled ?? 0,
    checkedIn: r?.checked_in ?? 0,
    late: r?.late ?? 0,
    noShows: r?.no_shows ?? 0,
    called,
    withinTarget: r?.within_target ?? 0,
    withinTargetShare: ratio(r?.within_target ?? 0, called),
    averageWaitMinutes: called ? r!.wait_avg : null,
  };
}
