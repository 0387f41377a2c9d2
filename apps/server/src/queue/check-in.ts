import { bookingSettingsSchema, type Ticket } from "@dq/shared";
import type { Actor, BranchContext } from "../core/branch-context.ts";
import { conflict, notFound } from "../core/errors.ts";
import type { Executor } from "../db/executor.ts";
import type { AppointmentRow, TicketAppointment, TicketRow } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { businessDay, zonedIso } from "./calendar.ts";
import { unusedTicketCode } from "./codes.ts";
import type { QueueDeps } from "./deps.ts";
import { type Quote, quoteFields, quoteNew, recordedQuote, ticketWithEstimate } from "./estimates.ts";
import { insertNumberedTicket, positionOf, updateTicket } from "./repository.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { issuedEventData } from "./ticket-events.ts";

const MINUTE = 60_000;

export interface CheckInResult {
  ticket: Ticket;
  /** Checked in before: the same ticket again. */
  replayed: boolean;
}

async function findAppointment(db: Executor, branchId: string, code: string, lock: boolean) {
  const q = db
    .selectFrom("appointments")
    .selectAll()
    .where("code", "=", code)
    .where("branch_id", "=", branchId);
  return lock ? q.forUpdate().executeTakeFirst() : q.executeTakeFirst();
}

async function serviceOf(db: Executor, id: string) {
  const s = await db
    .selectFrom("services")
    .select(["id", "prefix", "booking"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  return { id: s.id, prefix: s.prefix!, booking: bookingSettingsSchema.parse(s.booking ?? {}) };
}

type Service = Awaited<ReturnType<typeof serviceOf>>;

/** How a check-in at `now` goes by the appointment's time (docs/appointments.md, "Check-in"). */
function checkInKind(a: AppointmentRow, service: Service, now: Date, timeZone: string) {
  const start = new Date(a.starts_at);
  const opensAt = new Date(start.getTime() - service.booking.earlyCheckInMinutes * MINUTE);
  const lateAfter = new Date(start.getTime() + service.booking.lateGraceMinutes * MINUTE);
  if (now < opensAt) {
    throw conflict("too_early", "check-in for this appointment has not opened yet", {
      at: zonedIso(opensAt, timeZone),
    });
  }
  if (now <= lateAfter) return "on_time";
  if (service.booking.lateAction === "refuse") {
    throw conflict("too_late", "the time to check in for this appointment has passed", {
      at: zonedIso(lateAfter, timeZone),
    });
  }
  return "late";
}

/**
 * A visitor with an appointment checks in at the kiosk (or staff do it for him) and gets a ticket.
 * The appointment's row is locked, so two kiosks at once make one ticket. On time: an appointment
 * ticket queued from the later of now and the start, `booked_for` the start (called at its time
 * before walk-ins), with no stored quote. Late beyond grace with `walk_in`: an ordinary ticket
 * queued from now, marked late, quoted as usual. The daily limit of walk-ins does not apply.
 * Checked in already: the same ticket while it is open, else 409 `appointment_used`.
 */
export async function checkInAppointment(
  deps: QueueDeps,
  branch: BranchContext,
  code: string,
  origin: "kiosk" | "staff" | "api",
  actor: Actor,
): Promise<CheckInResult> {
  const now = deps.clock();
  const seen = await findAppointment(deps.db, branch.id, code, false);
  if (!seen) throw notFound("appointment");
  const service = await serviceOf(deps.db, seen.service_id);
  // A late walk-in is quoted like any new ticket, from the queue as it is before the transaction.
  const quote =
    seen.status === "booked" && checkInKind(seen, service, now, branch.timezone) === "late"
      ? await quoteNew(deps, branch, service.id, 0)
      : null;
  const result = await inTransaction(deps.db, async (tx) => {
    const a = (await findAppointment(tx, branch.id, code, true))!;
    if (a.status === "cancelled") throw conflict("appointment_cancelled", "this appointment was cancelled");
    if (a.status === "checked_in") {
      const earlier = await tx
        .selectFrom("tickets")
        .selectAll()
        .where("id", "=", a.ticket_id!)
        .executeTakeFirstOrThrow();
      return { row: replayable(earlier), replayed: true };
    }
    const late = checkInKind(a, service, now, branch.timezone) === "late";
    const row = await issueFor(tx, branch, a, service, { now, late, quote, origin, actor });
    await tx
      .updateTable("appointments")
      .set({ status: "checked_in", ticket_id: row.id, checked_in_at: now, late, updated_at: now })
      .where("id", "=", a.id)
      .execute();
    return { row, replayed: false };
  });
  return { ticket: await ticketView(deps, branch, result.row, result.replayed), replayed: result.replayed };
}

const OPEN_TICKET_STATUSES: readonly string[] = ["waiting", "called", "serving"];

/**
 * Checked in before: the same ticket again while the visit is still on (a lost answer, a second
 * tap). Once that ticket is served, cancelled or a no-show the visit is over, and replaying it would
 * show a finished ticket as if he were in the queue.
 */
function replayable(ticket: TicketRow): TicketRow {
  if (OPEN_TICKET_STATUSES.includes(ticket.status)) return ticket;
  throw conflict("appointment_used", `this appointment's visit is over: its ticket is ${ticket.status}`, {
    ticketStatus: ticket.status,
  });
}

interface IssueFor {
  now: Date;
  late: boolean;
  quote: Quote | null;
  origin: "kiosk" | "staff" | "api";
  actor: Actor;
}

/** The ticket of a check-in, and its `ticket.issued` event, in the check-in's transaction. */
async function issueFor(
  tx: Executor,
  branch: BranchContext,
  a: AppointmentRow,
  service: Service,
  p: IssueFor,
): Promise<TicketRow> {
  const start = new Date(a.starts_at);
  const appointment: TicketAppointment = {
    code: a.code,
    start: start.toISOString(),
    name: a.name,
    late: p.late,
  };
  const quote = p.late ? p.quote : null;
  const inserted = await insertNumberedTicket(tx, {
    ticket: {
      branch_id: branch.id,
      service_id: service.id,
      category_id: null,
      code: await unusedTicketCode(tx),
      business_day: businessDay(p.now, branch.timezone),
      status: "waiting",
      priority: 0,
      issued_at: p.now,
      // One checked in early waits, as it were, from his time.
      enqueued_at: p.late || start < p.now ? p.now : start,
      origin: p.origin,
      device_id: p.actor.deviceId ?? null,
      language: a.language,
      quoted_min_minutes: quote?.wait.minMinutes ?? null,
      quoted_max_minutes: quote?.wait.maxMinutes ?? null,
      quoted_expected_minutes: quote?.wait.expectedMinutes ?? null,
    },
    prefix: service.prefix,
    // A booked visitor is not refused by the walk-ins' daily limit.
    dailyLimit: null,
    idempotencyKey: null,
    fingerprint: "",
    now: p.now,
    event: {
      type: "ticket.issued",
      employeeId: p.actor.employeeId ?? null,
      deviceId: p.actor.deviceId ?? null,
      data: issuedEventData(service.id, null, { origin: p.origin, appointment }),
    },
  });
  return updateTicket(tx, inserted!.id, {
    appointment_id: a.id,
    booked_for: p.late ? null : start,
    appointment: JSON.stringify(appointment),
  });
}

/** The ticket as the check-in answers it: an appointment ticket with its position, a walk-in with its quote. */
async function ticketView(deps: QueueDeps, branch: BranchContext, t: TicketRow, replayed: boolean) {
  if (t.booked_for === null) {
    if (replayed) return ticketWithEstimate(deps, branch, t);
    return toTicketDto(t, {
      position: await positionOf(deps.db, t),
      ...quoteFields(recordedQuote(t), branch.timezone),
    });
  }
  return toTicketDto(t, { position: t.status === "waiting" ? await positionOf(deps.db, t) : null });
}
