import { type Kysely, sql } from "kysely";

/**
 * Reports measure each service segment of a visit (docs/PRODUCT.md §3): a redirected ticket waits and is
 * served once per service. `ticket_segments` is that fact table. A trigger on `tickets` keeps it in
 * the same transaction as every change, whichever code path makes the change — so no transition
 * can forget it, and the queue never reads it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ticket_segments (
      ticket_id bigint not null references tickets(id),
      segment integer not null,
      branch_id bigint not null references branches(id),
      service_id bigint not null references services(id),
      category_id bigint references categories(id),
      business_day date not null,
      enqueued_at timestamptz not null,
      first_called_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      call_count integer not null default 0,
      -- served | no_show | redirected | cancelled; null while the segment is open.
      outcome text,
      close_reason text,
      employee_id bigint references employees(id),
      workstation_id bigint references workstations(id),
      primary key (ticket_id, segment)
    );
    -- Every report filters by office and period first.
    create index ticket_segments_period on ticket_segments (branch_id, business_day);
    create index ticket_segments_employee on ticket_segments (employee_id, business_day) where employee_id is not null;

    create function ticket_segments_track() returns trigger language plpgsql as $fn$
    begin
      if tg_op = 'INSERT' or new.segment <> old.segment then
        if tg_op = 'UPDATE' then
          -- Redirected: the old segment ends now, as it was.
          update ticket_segments set outcome = 'redirected', finished_at = new.updated_at,
            started_at = old.started_at, employee_id = coalesce(old.employee_id, employee_id),
            workstation_id = coalesce(old.workstation_id, workstation_id)
          where ticket_id = old.id and segment = old.segment;
        end if;
        insert into ticket_segments (ticket_id, segment, branch_id, service_id, category_id, business_day,
                                     enqueued_at, call_count)
        values (new.id, new.segment, new.branch_id, new.service_id, new.category_id, new.business_day,
                new.enqueued_at, 0);
        return null;
      end if;
      update ticket_segments set
        service_id = new.service_id,
        category_id = new.category_id,
        -- A recall or a call after "return to the queue" does not restart the wait.
        first_called_at = coalesce(first_called_at, new.called_at),
        started_at = coalesce(new.started_at, started_at),
        finished_at = new.finished_at,
        -- Every call counts: a recall adds one, a call after "return to the queue" too.
        call_count = call_count + greatest(new.call_count - old.call_count, 0),
        outcome = case new.status when 'served' then 'served' when 'no_show' then 'no_show'
                                  when 'cancelled' then 'cancelled' else null end,
        close_reason = new.close_reason,
        employee_id = coalesce(new.employee_id, employee_id),
        workstation_id = coalesce(new.workstation_id, workstation_id)
      where ticket_id = new.id and segment = new.segment;
      return null;
    end
    $fn$;
    create trigger ticket_segments_track after insert or update on tickets
      for each row execute function ticket_segments_track();

    -- Tickets issued before this migration get their current segment.
    insert into ticket_segments (ticket_id, segment, branch_id, service_id, category_id, business_day, enqueued_at,
      first_called_at, started_at, finished_at, call_count, outcome, close_reason, employee_id, workstation_id)
    select id, segment, branch_id, service_id, category_id, business_day, enqueued_at, called_at, started_at,
      finished_at, call_count,
      case status when 'served' then 'served' when 'no_show' then 'no_show' when 'cancelled' then 'cancelled' end,
      close_reason, employee_id, workstation_id
    from tickets;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger ticket_segments_track on tickets;
    drop function ticket_segments_track();
    drop table ticket_segments;
  `.execute(db);
}
