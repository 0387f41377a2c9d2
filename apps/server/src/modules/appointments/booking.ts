import type { BranchContext } from "../../core/branch-context.ts";
import { conflict, invalidField, notFound, unprocessable } from "../../core/errors.ts";
import type { AppointmentRow } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { businessDay } from "../../queue/calendar.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { subscribeBookingEmail } from "../notifications/booking-subscription.ts";
import { requireSlot } from "./availability.ts";
import {
  type BookableService,
  countActiveForPhone,
  findBookableService,
  findByIdempotencyKey,
  freeSlotPlace,
  insertAppointment,
  lockAppointmentByCode,
  lockPhone,
  serviceOfAppointment,
  takeSlotPlace,
  unusedAppointmentCode,
  updateAppointment,
} from "./repository.ts";
import { derivedStatus } from "./view.ts";

export interface BookingInput {
  serviceId: string;
  start: string;
  name: string;
  phone?: string | undefined;
  email?: string | undefined;
  language?: string | undefined;
}

export interface BookingRequester {
  /** A signed-in staff member books on a visitor's behalf. */
  origin: "online" | "staff";
  employeeId: string | null;
  idempotencyKey: string | null;
}

export interface BookingResult {
  row: AppointmentRow;
  /** An earlier request with the same Idempotency-Key booked this appointment. */
  replayed: boolean;
}

const slotFull = () => conflict("slot_full", "this slot has no free place left; choose another");

async function requireBookable(deps: QueueDeps, branch: BranchContext, serviceId: string) {
  const service = await findBookableService(deps.db, branch.id, serviceId);
  if (!service) throw invalidField("serviceId", "notBookable");
  return service;
}

/**
 * Books a slot (docs/appointments.md, "Booking"). In one transaction: the phone's limit under an
 * advisory lock on the phone, then a place taken by the slot's counter upsert (the database
 * refuses a full slot), then the appointment.
 */
export async function createAppointment(
  deps: QueueDeps,
  branch: BranchContext,
  input: BookingInput,
  by: BookingRequester,
): Promise<BookingResult> {
  const now = deps.clock();
  const fingerprint = JSON.stringify([
    input.serviceId,
    new Date(input.start).toISOString(),
    input.name,
    input.phone ?? null,
    input.email ?? null,
    input.language ?? null,
  ]);
  const key = by.idempotencyKey;
  // A retry is answered as the first request was, even once its slot has started.
  if (key) {
    const earlier = await replayOf(deps, branch, key, fingerprint);
    if (earlier) return earlier;
  }
  const service = await requireBookable(deps, branch, input.serviceId);
  const slot = requireSlot(branch, service, new Date(input.start), now);
  try {
    const row = await inTransaction(deps.db, async (tx) => {
      if (input.phone) {
        await lockPhone(tx, branch.id, input.phone);
        const active = await countActiveForPhone(tx, branch.id, input.phone, now);
        if (active >= service.booking.maxActivePerPhone) {
          throw conflict(
            "too_many_appointments",
            `this phone number already has ${active} appointments booked here; cancel one first`,
            { limit: service.booking.maxActivePerPhone },
          );
        }
      }
      if (!(await takeSlotPlace(tx, service.id, slot.start, service.booking.capacityPerSlot)))
        throw slotFull();
      const row = await insertAppointment(tx, {
        branch_id: branch.id,
        service_id: service.id,
        code: await unusedAppointmentCode(tx),
        starts_at: slot.start,
        ends_at: slot.end,
        business_day: businessDay(slot.start, branch.timezone),
        name: input.name,
        phone: input.phone ?? null,
        email: input.email ?? null,
        language: input.language ?? null,
        origin: by.origin,
        created_by: by.employeeId,
        idempotency_key: key,
        fingerprint,
        created_at: now,
        updated_at: now,
      });
      await subscribeBookingEmail(tx, deps, branch, row);
      return row;
    });
    return { row, replayed: false };
  } catch (error) {
    // Two requests with one key at once: the unique index let one in; the other replays it.
    const earlier =
      key && isUniqueViolation(error) ? await replayOf(deps, branch, key, fingerprint) : undefined;
    if (earlier) return earlier;
    throw error;
  }
}

async function replayOf(
  deps: QueueDeps,
  branch: BranchContext,
  key: string,
  fingerprint: string,
): Promise<BookingResult | undefined> {
  const earlier = await findByIdempotencyKey(deps.db, branch.id, key);
  if (!earlier) return undefined;
  if (earlier.fingerprint !== fingerprint) {
    throw unprocessable("idempotency_key_reused", "this Idempotency-Key was used for another booking");
  }
  return { row: earlier, replayed: true };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "23505";
}

/** The appointment locked for a change, with its service's settings; 404 when there is none. */
async function lockForChange(tx: Parameters<typeof lockAppointmentByCode>[0], code: string) {
  const row = await lockAppointmentByCode(tx, code);
  if (!row) throw notFound("appointment");
  return { row, service: await serviceOfAppointment(tx, row.service_id) };
}

/**
 * The visitor (or staff) cancels: the slot's place is given back. Cancelled already: as it is.
 * Checked in, or past start plus grace (a no-show): 409.
 */
export async function cancelAppointment(deps: QueueDeps, code: string): Promise<AppointmentRow> {
  const now = deps.clock();
  return inTransaction(deps.db, async (tx) => {
    const { row, service } = await lockForChange(tx, code);
    if (row.status === "cancelled") return row;
    if (row.status === "checked_in") {
      throw conflict("already_checked_in", "the visitor has checked in; cancel the ticket instead");
    }
    if (derivedStatus(row, service.booking, now) === "no_show") {
      throw conflict("not_cancellable", "the appointment's time has passed");
    }
    await freeSlotPlace(tx, row.service_id, new Date(row.starts_at));
    return updateAppointment(tx, row.id, { status: "cancelled", cancelled_at: now, updated_at: now });
  });
}

/**
 * Moves a booked appointment to another slot of its service, keeping its code: the new slot's place
 * is taken and the old one's given back in one transaction. Only while booked and before start
 * plus grace.
 */
export async function rescheduleAppointment(
  deps: QueueDeps,
  loadBranch: (id: string) => Promise<BranchContext>,
  code: string,
  newStart: string,
): Promise<AppointmentRow> {
  const now = deps.clock();
  return inTransaction(deps.db, async (tx) => {
    const { row, service: current } = await lockForChange(tx, code);
    if (derivedStatus(row, current.booking, now) !== "booked") {
      throw conflict("not_reschedulable", "only a booked appointment whose time has not passed can be moved");
    }
    const branch = await loadBranch(row.branch_id);
    const service: BookableService | undefined = await findBookableService(tx, branch.id, row.service_id);
    if (!service) throw conflict("not_reschedulable", "the service no longer takes appointments");
    const slot = requireSlot(branch, service, new Date(newStart), now);
    const oldStart = new Date(row.starts_at);
    if (slot.start.getTime() === oldStart.getTime()) return row;
    if (!(await takeSlotPlace(tx, service.id, slot.start, service.booking.capacityPerSlot))) throw slotFull();
    await freeSlotPlace(tx, service.id, oldStart);
    return updateAppointment(tx, row.id, {
      starts_at: slot.start,
      ends_at: slot.end,
      business_day: businessDay(slot.start, branch.timezone),
      updated_at: now,
    });
  });
}
