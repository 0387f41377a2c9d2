import {
  type BookingSettings,
  bookingSettingsSchema,
  DEFAULT_BOOKING_SETTINGS,
  type WeekSchedule,
} from "@dq/shared";
import type { Insertable, Updateable } from "kysely";
import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { AppointmentRow, AppointmentsTable } from "../../db/schema.ts";
import { newTicketCode } from "../../queue/codes.ts";

/** Data access for appointments. Every function takes an executor (a transaction or the db). */

export interface BookableService {
  id: string;
  name: string;
  translations: Record<string, string>;
  description: string;
  prefix: string;
  schedule: WeekSchedule | null;
  booking: BookingSettings;
}

function bookableServices(db: Executor, branchId: string) {
  return db
    .selectFrom("services")
    .select(["id", "name", "translations", "description", "prefix", "schedule", "booking", "sort_order"])
    .where("branch_id", "=", branchId)
    .where("deleted_at", "is", null)
    .where("active", "=", true)
    .where("is_group", "=", false)
    .where("prefix", "is not", null)
    .where(sql<boolean>`coalesce((booking->>'enabled')::boolean, false)`);
}

interface ServiceRow {
  id: string;
  name: string;
  translations: Record<string, string>;
  description: string;
  prefix: string | null;
  schedule: WeekSchedule | null;
  booking: Partial<BookingSettings> | null;
}

function toBookable(s: ServiceRow): BookableService {
  return {
    id: s.id,
    name: s.name,
    translations: s.translations,
    description: s.description,
    prefix: s.prefix!,
    schedule: s.schedule,
    booking: bookingSettingsSchema.parse(s.booking ?? {}),
  };
}

/** The office's bookable services, in the kiosk's order. */
export async function listBookableServices(db: Executor, branchId: string): Promise<BookableService[]> {
  const rows = await bookableServices(db, branchId).orderBy("sort_order").orderBy("id").execute();
  return rows.map(toBookable);
}

/**
 * Whether the office's kiosks offer check-in: a service can be booked, or an appointment is still
 * booked for today (its service may have stopped taking bookings since).
 */
export async function takesCheckIns(db: Executor, branchId: string, day: string): Promise<boolean> {
  const bookable = await bookableServices(db, branchId).select("id").limit(1).executeTakeFirst();
  if (bookable) return true;
  const booked = await db
    .selectFrom("appointments")
    .select("id")
    .where("branch_id", "=", branchId)
    .where("business_day", "=", day)
    .where("status", "=", "booked")
    .limit(1)
    .executeTakeFirst();
  return booked !== undefined;
}

/** Booked (not cancelled, not checked in) appointments on each of these days of the office. */
export async function bookedOnDays(db: Executor, branchId: string, days: readonly string[]) {
  if (days.length === 0) return [];
  return db
    .selectFrom("appointments")
    .select(["business_day as day", (eb) => eb.fn.countAll<number>().as("count")])
    .where("branch_id", "=", branchId)
    .where("business_day", "in", days)
    .where("status", "=", "booked")
    .groupBy("business_day")
    .orderBy("business_day")
    .execute();
}

/** Booked appointments of a service from `since` on. */
export async function countBookedFrom(db: Executor, serviceId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom("appointments")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("service_id", "=", serviceId)
    .where("status", "=", "booked")
    .where("starts_at", ">=", since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** A service of the branch that can be booked now (active, not a group, booking enabled). */
export async function findBookableService(
  db: Executor,
  branchId: string,
  serviceId: string,
): Promise<BookableService | undefined> {
  const row = await bookableServices(db, branchId).where("id", "=", serviceId).executeTakeFirst();
  return row ? toBookable(row) : undefined;
}

/** A service's name and booking settings, bookable or not any more (for showing an appointment). */
export async function serviceOfAppointment(db: Executor, serviceId: string) {
  const s = await db
    .selectFrom("services")
    .select(["id", "name", "translations", "booking"])
    .where("id", "=", serviceId)
    .executeTakeFirstOrThrow();
  return { ...s, booking: bookingSettingsSchema.parse(s.booking ?? {}) };
}

/** Places taken in each slot of a service that starts in [from, to), by start time (ms). */
export async function bookedCounts(db: Executor, serviceId: string, from: Date, to: Date) {
  const rows = await db
    .selectFrom("appointment_slots")
    .select(["starts_at", "booked"])
    .where("service_id", "=", serviceId)
    .where("starts_at", ">=", from)
    .where("starts_at", "<", to)
    .execute();
  return new Map(rows.map((r) => [new Date(r.starts_at).getTime(), r.booked]));
}

/**
 * Takes a place in a slot unless it is full, in one statement (docs/appointments.md, "Capacity is
 * the database's to enforce"): the upsert locks the slot's row, so concurrent bookings queue behind
 * each other and each sees the count the previous one left. False: the slot is full.
 */
export async function takeSlotPlace(
  db: Executor,
  serviceId: string,
  start: Date,
  capacity: number,
): Promise<boolean> {
  const result = await sql<{ booked: number }>`
    insert into appointment_slots (service_id, starts_at, booked) values (${serviceId}, ${start}, 1)
    on conflict (service_id, starts_at) do update set booked = appointment_slots.booked + 1
    where appointment_slots.booked < ${capacity}::int
    returning booked
  `.execute(db);
  return result.rows.length > 0;
}

/** Gives a place of a slot back (a cancellation, or the old slot of a reschedule). */
export async function freeSlotPlace(db: Executor, serviceId: string, start: Date): Promise<void> {
  await db
    .updateTable("appointment_slots")
    .set((eb) => ({ booked: eb("booked", "-", 1) }))
    .where("service_id", "=", serviceId)
    .where("starts_at", "=", start)
    .where("booked", ">", 0)
    .execute();
}

/** Serialises bookings of one phone number in a branch until the transaction ends. */
export async function lockPhone(db: Executor, branchId: string, phone: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('digitalqueue.appointment-phone'), hashtext(${`${branchId}:${phone}`}))`.execute(
    db,
  );
}

/** A phone's appointments still booked in the branch and not yet no-shows (start plus grace to come). */
export async function countActiveForPhone(db: Executor, branchId: string, phone: string, now: Date) {
  const grace = sql`coalesce((s.booking->>'lateGraceMinutes')::int, ${DEFAULT_BOOKING_SETTINGS.lateGraceMinutes}::int)`;
  const result = await sql<{ n: number }>`
    select count(*)::int as n from appointments a join services s on s.id = a.service_id
    where a.branch_id = ${branchId} and a.phone = ${phone} and a.status = 'booked'
      and a.starts_at + ${grace} * interval '1 minute' > ${now}::timestamptz
  `.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** A new code no appointment has yet (the format of a ticket's code, `queue/codes.ts`). */
export async function unusedAppointmentCode(db: Executor): Promise<string> {
  for (;;) {
    const code = newTicketCode();
    const taken = await db
      .selectFrom("appointments")
      .select("id")
      .where("code", "=", code)
      .executeTakeFirst();
    if (!taken) return code;
  }
}

export type NewAppointment = Insertable<AppointmentsTable>;
export type AppointmentUpdate = Updateable<AppointmentsTable>;

export async function insertAppointment(db: Executor, row: NewAppointment): Promise<AppointmentRow> {
  return db.insertInto("appointments").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findAppointmentByCode(db: Executor, code: string) {
  return db.selectFrom("appointments").selectAll().where("code", "=", code).executeTakeFirst();
}

/** The appointment, its row locked until the transaction ends (two kiosks at once: one waits). */
export async function lockAppointmentByCode(db: Executor, code: string) {
  return db.selectFrom("appointments").selectAll().where("code", "=", code).forUpdate().executeTakeFirst();
}

export async function findByIdempotencyKey(db: Executor, branchId: string, key: string) {
  return db
    .selectFrom("appointments")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

export async function updateAppointment(
  db: Executor,
  id: string,
  patch: AppointmentUpdate,
): Promise<AppointmentRow> {
  return db
    .updateTable("appointments")
    .set(patch)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The ticket an appointment was checked in for: its code, label and status. */
export async function ticketOf(db: Executor, ticketId: string | null) {
  if (!ticketId) return undefined;
  return db
    .selectFrom("tickets")
    .select(["id", "code", "label", "status"])
    .where("id", "=", ticketId)
    .executeTakeFirst();
}

/** A day's appointments of a branch (optionally one service's), by start then id. */
export async function appointmentsOfDay(db: Executor, branchId: string, day: string, serviceId?: string) {
  let q = db
    .selectFrom("appointments")
    .selectAll()
    .where("branch_id", "=", branchId)
    .where("business_day", "=", day);
  if (serviceId) q = q.where("service_id", "=", serviceId);
  return q.orderBy("starts_at").orderBy("id").execute();
}
