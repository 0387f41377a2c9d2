import { type Kysely, sql } from "kysely";

/**
 * Appointments (docs/appointments.md): a visitor books a slot of a bookable service, checks in at
 * the kiosk and gets a ticket that is called at its time before walk-ins.
 *
 * - `services.booking`: the service's booking settings (null: never configured, not bookable).
 * - `appointments`: one booking; `status` is stored as booked / checked_in / cancelled (a no-show
 *   is a booked one whose start plus grace has passed, derived when read).
 * - `appointment_slots`: how many bookings each (service, start) holds. Booking increments the
 *   counter in one statement that refuses when it is full, so capacity is the database's to
 *   enforce, not a read-then-write in the app; the check constraint is the last line of defence.
 * - `tickets.appointment_id`, `tickets.booked_for` (the slot's start while the ticket is called as
 *   an appointment; null for walk-ins and late arrivals) and `tickets.appointment` (code, start,
 *   visitor's name and lateness as checked in, for the operator's screen without a join).
 * - `tickets_waiting_booked`: waiting appointment tickets in call order, for call next's pool.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table services add column booking jsonb;

    create table appointments (
      id bigint generated always as identity primary key,
      branch_id bigint not null references branches(id),
      service_id bigint not null references services(id),
      code text not null,
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      business_day text not null,
      status text not null default 'booked' check (status in ('booked', 'checked_in', 'cancelled')),
      name text not null,
      phone text,
      email text,
      language text,
      origin text not null default 'online' check (origin in ('online', 'staff')),
      created_by bigint references employees(id),
      late boolean not null default false,
      ticket_id bigint references tickets(id),
      idempotency_key text,
      fingerprint text,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      checked_in_at timestamptz,
      cancelled_at timestamptz
    );
    create unique index appointments_code_unique on appointments (code);
    create unique index appointments_idempotency on appointments (branch_id, idempotency_key)
      where idempotency_key is not null;
    create index appointments_day on appointments (branch_id, business_day, starts_at);
    create index appointments_phone_booked on appointments (branch_id, phone) where status = 'booked';

    create table appointment_slots (
      service_id bigint not null references services(id),
      starts_at timestamptz not null,
      booked integer not null check (booked >= 0),
      primary key (service_id, starts_at)
    );

    alter table tickets
      add column appointment_id bigint references appointments(id),
      add column booked_for timestamptz,
      add column appointment jsonb;
    -- Call next's pool of appointment tickets (queue/repository.ts): a few per service, not a
    -- scan of the service's whole waiting line for them.
    create index tickets_waiting_booked on tickets (branch_id, service_id, priority desc, enqueued_at, id)
      where status = 'waiting' and booked_for is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tickets drop column appointment_id, drop column booked_for, drop column appointment;
    drop table appointment_slots;
    drop table appointments;
    alter table services drop column booking;
  `.execute(db);
}
