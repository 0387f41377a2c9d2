import { type Kysely, sql } from "kysely";

/**
 * The whole initial schema. Raw SQL on purpose: partial indexes, checks and identity columns read
 * better as SQL than through a builder, and both PostgreSQL and PGlite run it unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table branches (
      id bigint generated always as identity primary key,
      name text not null,
      timezone text not null,
      settings jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table services (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      parent_id bigint references services(id),
      is_group boolean not null default false,
      name text not null,
      translations jsonb not null default '{}',
      description text not null default '',
      prefix text,
      color text not null default '#1e88e5',
      sort_order integer not null default 0,
      schedule jsonb,
      daily_limit integer,
      target_wait_minutes double precision,
      priority integer not null default 0,
      expected_service_minutes double precision not null default 10,
      active boolean not null default true,
      accepting_tickets boolean not null default true,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index services_prefix_unique on services (branch_id, prefix)
      where deleted_at is null and prefix is not null;
    create index services_branch on services (branch_id, parent_id);

    create table categories (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      name text not null,
      translations jsonb not null default '{}',
      priority integer not null default 0,
      sort_order integer not null default 0,
      active boolean not null default true,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table pause_reasons (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      name text not null,
      translations jsonb not null default '{}',
      active boolean not null default true,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );

    create table employees (
      id bigint generated always as identity primary key,
      login text not null,
      name text not null,
      role text not null check (role in ('admin', 'supervisor', 'operator')),
      password_hash text not null,
      active boolean not null default true,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index employees_login_unique on employees (lower(login));

    create table employee_branches (
      employee_id bigint not null references employees(id),
      branch_id bigint not null references branches(id),
      primary key (employee_id, branch_id)
    );

    create table competencies (
      employee_id bigint not null references employees(id),
      service_id bigint not null references services(id),
      branch_id bigint not null references branches(id),
      rank smallint not null default 1 check (rank between 1 and 9),
      primary key (employee_id, service_id)
    );

    create table workstations (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      number text not null,
      name text not null,
      spoken_name text not null default '',
      active boolean not null default true,
      deleted_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index workstations_number_unique on workstations (branch_id, number) where deleted_at is null;

    create table workstation_services (
      workstation_id bigint not null references workstations(id),
      service_id bigint not null references services(id),
      branch_id bigint not null references branches(id),
      primary key (workstation_id, service_id)
    );

    create table devices (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      kind text not null check (kind in ('kiosk', 'board', 'counter', 'feedback')),
      name text not null,
      config jsonb not null default '{}',
      token_hash text not null unique,
      token_prefix text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz,
      revoked_at timestamptz
    );

    create table api_tokens (
      id bigint generated always as identity primary key,
      branch_id bigint references branches(id),
      name text not null,
      role text not null check (role in ('admin', 'supervisor')),
      token_hash text not null unique,
      token_prefix text not null,
      created_by bigint references employees(id),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table sessions (
      id bigint generated always as identity primary key,
      token_hash text not null unique,
      employee_id bigint not null references employees(id),
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_employee on sessions (employee_id);

    -- Failed sign-ins per address, per login and per both, in fixed windows; in the database so
    -- that every instance counts the same and a restart does not reset the count.
    create table sign_in_failures (
      key text primary key,
      failures integer not null,
      window_started_at timestamptz not null
    );

    create table ticket_counters (
      branch_id bigint not null references branches(id),
      service_id bigint not null references services(id),
      business_day date not null,
      last_number integer not null,
      primary key (branch_id, service_id, business_day)
    );

    create table tickets (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      service_id bigint not null references services(id),
      category_id bigint references categories(id),
      code text not null unique,
      number integer not null,
      label text not null,
      business_day date not null,
      status text not null check (status in ('waiting', 'called', 'serving', 'served', 'no_show', 'cancelled')),
      priority integer not null default 0,
      segment integer not null default 1,
      issued_at timestamptz not null default now(),
      enqueued_at timestamptz not null default now(),
      called_at timestamptz,
      -- The latest call or recall: what a board shows first and announces.
      last_called_at timestamptz,
      started_at timestamptz,
      finished_at timestamptz,
      call_count integer not null default 0,
      workstation_id bigint references workstations(id),
      employee_id bigint references employees(id),
      note text,
      close_reason text,
      language text,
      origin text not null default 'staff',
      device_id bigint references devices(id),
      rating_score smallint check (rating_score between 1 and 5),
      rating_comment text,
      rated_at timestamptz,
      idempotency_key text,
      updated_at timestamptz not null default now()
    );
    -- Call next scans only waiting tickets, in the order the calling policy mostly uses.
    create index tickets_waiting on tickets (branch_id, service_id, priority desc, enqueued_at, id)
      where status = 'waiting';
    -- An operator holds at most one called or serving ticket: the database itself guarantees it.
    create unique index tickets_one_active_per_employee on tickets (employee_id)
      where status in ('called', 'serving');
    create index tickets_branch_day on tickets (branch_id, business_day);
    create index tickets_active on tickets (branch_id, status) where status in ('called', 'serving');
    create index tickets_idempotency on tickets (branch_id, idempotency_key, id) where idempotency_key is not null;
    -- The latest service times of a service, for wait estimates: read on every issue and every
    -- tracking page, so it must not scan years of history.
    create index tickets_served_recent on tickets (service_id, finished_at desc) where status = 'served';

    -- Claims of Idempotency-Key values; the ticket issued under a key carries it too.
    create table idempotency_keys (
      branch_id bigint not null references branches(id),
      key text not null,
      -- What the first request asked for: the same key with another request is refused.
      fingerprint text not null,
      created_at timestamptz not null default now(),
      primary key (branch_id, key)
    );

    -- Append-only: every ticket transition and operator status change. Its id is the SSE event id.
    create table events (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      type text not null,
      ticket_id bigint references tickets(id),
      employee_id bigint references employees(id),
      workstation_id bigint references workstations(id),
      device_id bigint references devices(id),
      data jsonb not null default '{}',
      created_at timestamptz not null default now()
    );
    create index events_branch on events (branch_id, id);
    create index events_ticket on events (ticket_id, id) where ticket_id is not null;
    -- An operator's figures for today, and per-operator reports.
    create index events_employee on events (employee_id, created_at) where employee_id is not null;

    -- Event ids must grow in commit order: a live reader that has seen id N must never see a
    -- smaller id commit later (it would skip it, and so would a replay after Last-Event-ID = N).
    -- An id taken at insert time does not do that when transactions overlap, so each event is
    -- renumbered when its transaction commits, one committing transaction at a time; the lock is
    -- held only for that and the commit itself, inside the database. The same trigger announces
    -- the final id to every instance (NOTIFY is delivered on commit, never for a rollback).
    create function events_commit_order() returns trigger language plpgsql as $fn$
    declare
      final_id bigint;
    begin
      perform pg_advisory_xact_lock(hashtext('digitalqueue.events'));
      update events set id = default where id = new.id returning id into final_id;
      perform pg_notify('dq_events', final_id::text);
      return null;
    end
    $fn$;
    create constraint trigger events_commit_order after insert on events
      deferrable initially deferred for each row execute function events_commit_order();

    -- Where each employee is now; the workstation unique index keeps one operator per workstation.
    create table operator_states (
      employee_id bigint primary key references employees(id),
      branch_id bigint not null references branches(id),
      workstation_id bigint references workstations(id),
      status text not null check (status in ('offline', 'free', 'calling', 'serving', 'paused')),
      pause_reason text,
      since timestamptz not null default now()
    );
    create unique index operator_states_workstation_unique on operator_states (workstation_id)
      where workstation_id is not null;

    -- Intervals of operator status, for utilisation reports.
    create table operator_status_log (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      employee_id bigint not null references employees(id),
      workstation_id bigint references workstations(id),
      status text not null,
      reason text,
      started_at timestamptz not null default now(),
      ended_at timestamptz
    );
    create index operator_status_log_open on operator_status_log (employee_id) where ended_at is null;
    create index operator_status_log_branch on operator_status_log (branch_id, started_at);

    create table audit_log (
      id bigint generated always as identity primary key,
      branch_id bigint references branches(id),
      actor_kind text not null,
      actor_id bigint,
      actor_name text not null,
      action text not null,
      entity text not null,
      entity_id text,
      data jsonb not null default '{}',
      ip text,
      created_at timestamptz not null default now()
    );
    create index audit_log_created on audit_log (created_at desc);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error("the initial migration cannot be reverted; restore a backup instead");
}
