import type {
  Appointment,
  AppointmentStatus,
  BookingSettings,
  Language,
  StaffAppointment,
  TicketStatus,
} from "@dq/shared";
import type { BranchContext } from "../../core/branch-context.ts";
import type { AppointmentRow } from "../../db/schema.ts";
import { zonedIso } from "../../queue/calendar.ts";

const MINUTE = 60_000;

/** What an appointment's views need beside its row. */
export interface AppointmentContext {
  row: AppointmentRow;
  service: { id: string; name: string; translations: Record<string, string>; booking: BookingSettings };
  branch: BranchContext;
  ticket: { id: string; code: string; label: string; status: TicketStatus } | undefined;
  now: Date;
}

/** When check-in opens and until when it counts as on time. */
export function checkInWindow(start: Date, booking: BookingSettings) {
  return {
    opensAt: new Date(start.getTime() - booking.earlyCheckInMinutes * MINUTE),
    lateAfter: new Date(start.getTime() + booking.lateGraceMinutes * MINUTE),
  };
}

/** The stored status, with a booking whose start plus grace has passed shown as a no-show. */
export function derivedStatus(row: AppointmentRow, booking: BookingSettings, now: Date): AppointmentStatus {
  if (row.status !== "booked") return row.status;
  return now >= checkInWindow(new Date(row.starts_at), booking).lateAfter ? "no_show" : "booked";
}

/** "+7 *** ***-67-89": the country code and the last four digits, enough to recognise one's own. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  const digits = phone.replace(/^\+/, "");
  const tail = `${digits.slice(-4, -2)}-${digits.slice(-2)}`;
  // Only +7 and +1 numbers are a one-digit code and ten digits; elsewhere the code's length is
  // unknown here, so only the last four digits show.
  if (digits.length === 11 && /^[17]/.test(digits)) return `+${digits[0]} *** ***-${tail}`;
  return `+*** ***-${tail}`;
}

/** An e-mail address as the holder's view shows it: its first letter and its domain. */
export function maskEmail(email: string | null): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** The holder's view (`/b/<code>`): the phone masked. */
export function publicAppointmentView(c: AppointmentContext): Appointment {
  const { row, service, branch } = c;
  const start = new Date(row.starts_at);
  const window = checkInWindow(start, service.booking);
  const status = derivedStatus(row, service.booking, c.now);
  const tz = branch.timezone;
  return {
    code: row.code,
    serviceId: row.service_id,
    serviceName: service.name,
    serviceTranslations: service.translations,
    branchId: row.branch_id,
    branchName: branch.name,
    branchTranslations: branch.settings.nameTranslations,
    start: zonedIso(start, tz),
    end: zonedIso(new Date(row.ends_at), tz),
    status,
    name: row.name,
    phone: maskPhone(row.phone),
    email: maskEmail(row.email),
    language: row.language as Language | null,
    checkInOpensAt: zonedIso(window.opensAt, tz),
    lateAfter: zonedIso(window.lateAfter, tz),
    lateAction: service.booking.lateAction,
    ticketCode: c.ticket?.code ?? null,
    ticketStatus: c.ticket?.status ?? null,
    late: row.late,
    canCancel: status === "booked",
    canReschedule: status === "booked",
  };
}

/** The staff list's view: the phone in full, who booked it and its ticket. */
export function staffAppointmentView(c: AppointmentContext): StaffAppointment {
  const { row } = c;
  return {
    ...publicAppointmentView(c),
    phone: row.phone,
    email: row.email,
    origin: row.origin,
    createdAt: new Date(row.created_at).toISOString(),
    checkedInAt: row.checked_in_at ? new Date(row.checked_in_at).toISOString() : null,
    ticket: c.ticket ? { id: c.ticket.id, label: c.ticket.label, status: c.ticket.status } : null,
  };
}
