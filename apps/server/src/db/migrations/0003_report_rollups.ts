import { type Kysely, sql } from "kysely";

/**
 * What reports over a year (a million tickets) need in order to answer within about a second:
 * - each segment carries its measures (`wait_seconds`, `service_seconds`, computed by the database
 *   when the segment changes) and the client's rating, so a report reads one table and no tickets;
 * - `operator_status_days`: seconds per day, operator, workstation, status and pause reason, added
 *   when an interval of `operator_status_log` ends (split at the office's midnights), so the
 *   operators' and workstations' time comes from one row per day instead of every status change.
 *   The rows are the operator's own, so no two operators ever wait for each other here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table ticket_segments
      -- From entering the queue to the first call, for segments that were called (served, no-show, redirected).
      add column wait_seconds double precision generated always as (
        case when first_called_at is not null and outcome in ('served', 'no_show', 'redirected')
             then extract(epoch from first_called_at - enqueued_at) end) stored,
      -- From start to finish, for segments served (not closed by the end of the day).
      add column service_seconds double precision generated always as (
        case when outcome = 'served' and coalesce(close_reason, '') <> 'day_closed' and started_at is not null
             then extract(epoch from finished_at - started_at) end) stored,
      -- The client's rating belongs to the segment that served him.
      add column rating_score smallint;

    -- The summary groups segments by service and whole second: without these the planner expects a
    -- hundred thousand groups where a year has ten thousand, and sorts a million rows on disk.
    create statistics ticket_segments_wait_groups (ndistinct)
      on service_id, (round(wait_seconds)::int) from ticket_segments;
    create statistics ticket_segments_service_groups (ndistinct)
      on service_id, (round(service_seconds)::int) from ticket_segments;

    -- The end-of-day job looks for open tickets of past days every minute; through the day index it
    -- read the whole history to find none (0.25 s at a million tickets).
    create index tickets_open on tickets (branch_id, business_day) where status in ('waiting', 'called', 'serving');

    update ticket_segments s set rating_score = t.rating_score
    from tickets t
    where t.id = s.ticket_id and s.segment = t.segment and s.outcome = 'served' and t.rating_score is not null;

    create function ticket_segments_rating() returns trigger language plpgsql as $fn$
    begin
      update ticket_segments set rating_score = new.rating_score
      where ticket_id = new.id and segment = new.segment and outcome = 'served';
      return null;
    end
    $fn$;
    -- Named to fire after ticket_segments_track (alphabetical), which marks the segment served.
    create trigger ticket_segments_zrating after update of rating_score on tickets
      for each row when (new.rating_score is distinct from old.rating_score)
      execute function ticket_segments_rating();

    create table operator_status_days (
      branch_id bigint not null references branches(id),
      business_day date not null,
      employee_id bigint not null references employees(id),
      workstation_id bigint references workstations(id),
      status text not null,
      reason text,
      seconds double precision not null
    );
    create unique index operator_status_days_key on operator_status_days
      (branch_id, business_day, employee_id, coalesce(workstation_id, 0), status, coalesce(reason, ''));

    -- Adds an ended interval to the days it covers, in the office's calendar.
    create function operator_status_days_add(l operator_status_log) returns void language plpgsql as $fn$
    declare
      tz text;
      day date;
      day_start timestamptz;
      day_end timestamptz;
    begin
      select timezone into tz from branches where id = l.branch_id;
      day := (l.started_at at time zone tz)::date;
      loop
        day_start := day::timestamp at time zone tz;
        day_end := (day + 1)::timestamp at time zone tz;
        insert into operator_status_days as d
          (branch_id, business_day, employee_id, workstation_id, status, reason, seconds)
        values (l.branch_id, day, l.employee_id, l.workstation_id, l.status, l.reason,
                extract(epoch from least(l.ended_at, day_end) - greatest(l.started_at, day_start)))
        on conflict (branch_id, business_day, employee_id, coalesce(workstation_id, 0), status, coalesce(reason, ''))
        do update set seconds = d.seconds + excluded.seconds;
        exit when l.ended_at <= day_end;
        day := day + 1;
      end loop;
    end
    $fn$;

    create function operator_status_days_track() returns trigger language plpgsql as $fn$
    begin
      if new.ended_at is not null and (tg_op = 'INSERT' or old.ended_at is null) then
        perform operator_status_days_add(new);
      end if;
      return null;
    end
    $fn$;
    create trigger operator_status_days_track after insert or update of ended_at on operator_status_log
      for each row execute function operator_status_days_track();

    select operator_status_days_add(l) from operator_status_log l where l.ended_at is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger operator_status_days_track on operator_status_log;
    drop function operator_status_days_track();
    drop function operator_status_days_add(operator_status_log);
    drop table operator_status_days;
    drop trigger ticket_segments_zrating on tickets;
    drop function ticket_segments_rating();
    drop statistics ticket_segments_wait_groups, ticket_segments_service_groups;
    drop index tickets_open;
    alter table ticket_segments drop column wait_seconds, drop column service_seconds, drop column rating_score;
  `.execute(db);
}
