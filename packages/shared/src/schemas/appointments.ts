import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { normalizeTicketCode } from "../ticket-code.ts";
import { dateSchema, idSchema, languageSchema, nameSchema, translationsSchema } from "./common.ts";
import { ticketStatusSchema } from "./tickets.ts";

/**
 * Appointments (docs/appointments.md). A bookable service's settings: slots of `slotMinutes` within
 * the service's hours and the office's opening hours, `capacityPerSlot` visitors each, up to
 * `horizonDays` ahead. Check-in opens `earlyCheckInMinutes` before the start; after start plus
 * `lateGraceMinutes` a visitor gets a walk-in ticket marked late (`walk_in`) or is refused (`refuse`).
 */
export const LATE_ACTIONS = ["walk_in", "refuse"] as const;
// The fields without defaults: a PATCH must change only what it names.
const bookingFields = {
  enabled: z.boolean(),
  slotMinutes: z.number().int().min(5).max(240),
  capacityPerSlot: z.number().int().min(1).max(100),
  horizonDays: z.number().int().min(1).max(365),
  earlyCheckInMinutes: z.number().int().min(0).max(240),
  lateGraceMinutes: z.number().int().min(0).max(240),
  lateAction: z.enum(LATE_ACTIONS),
  /** Booked (not yet checked in, not cancelled) appointments one phone number may hold in the office. */
  maxActivePerPhone: z.number().int().min(1).max(50),
};
export const bookingSettingsSchema = z.object({
  enabled: bookingFields.enabled.default(false),
  slotMinutes: bookingFields.slotMinutes.default(15),
  capacityPerSlot: bookingFields.capacityPerSlot.default(1),
  horizonDays: bookingFields.horizonDays.default(14),
  earlyCheckInMinutes: bookingFields.earlyCheckInMinutes.default(30),
  lateGraceMinutes: bookingFields.lateGraceMinutes.default(10),
  lateAction: bookingFields.lateAction.default("walk_in"),
  maxActivePerPhone: bookingFields.maxActivePerPhone.default(2),
});
export type BookingSettings = z.infer<typeof bookingSettingsSchema>;
export const bookingSettingsPatchSchema = z.object(bookingFields).partial();
export const DEFAULT_BOOKING_SETTINGS: BookingSettings = bookingSettingsSchema.parse({});

/**
 * A phone number as a visitor types it ("+7 (912) 345-67-89", "8 912 345 67 89"): stored as "+" and
 * 10–15 digits; a Russian trunk "8" before 10 digits becomes "+7".
 */
export function normalizePhone(input: string): string {
  const digits = input.replace(/[\s()\-‐-―.]/g, "");
  const plain = digits.replace(/^\+/, "");
  if (/^8\d{10}$/.test(plain) && !digits.startsWith("+")) return `+7${plain.slice(1)}`;
  return `+${plain}`;
}
/** A stored phone number for people: "+7 912 345-67-89" for +7 numbers, others as stored. */
export function formatPhone(phone: string): string {
  const ru = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return ru ? `+7 ${ru[1]} ${ru[2]}-${ru[3]}-${ru[4]}` : phone;
}

export const phoneSchema = z
  .string()
  .trim()
  .max(40, FIELD_ISSUE_MESSAGES.phone)
  .transform(normalizePhone)
  .pipe(z.string().regex(/^\+\d{10,15}$/, FIELD_ISSUE_MESSAGES.phone));

export const appointmentCodeSchema = z
  .string()
  .max(40, FIELD_ISSUE_MESSAGES.appointmentCode)
  .transform(normalizeTicketCode)
  .pipe(z.string().regex(/^[a-km-np-z2-9]{8}$/, FIELD_ISSUE_MESSAGES.appointmentCode))
  .describe("The appointment's code: 8 letters and digits, any case, dashes and spaces ignored");
export const appointmentCodeParamsSchema = z.object({ code: appointmentCodeSchema });

/** ISO 8601 with an offset or Z ("2026-12-07T10:00:00+03:00"). */
const instantSchema = z.iso.datetime({ offset: true, message: FIELD_ISSUE_MESSAGES.instant });

export const bookingServiceSchema = z.object({
  id: idSchema,
  name: z.string(),
  translations: translationsSchema,
  description: z.string(),
  slotMinutes: z.number(),
  /** Days (YYYY-MM-DD, the office's calendar) within the horizon with opening hours and no blackout. */
  openDays: z.array(z.string()),
});
export type BookingService = z.infer<typeof bookingServiceSchema>;

export const bookingServicesSchema = z.object({
  branch: z.object({
    id: idSchema,
    name: z.string(),
    nameTranslations: z.partialRecord(languageSchema, z.string()),
    timezone: z.string(),
  }),
  items: z.array(bookingServiceSchema),
});
export type BookingServices = z.infer<typeof bookingServicesSchema>;

export const bookingSlotsQuerySchema = z.object({ serviceId: idSchema, date: dateSchema });
export const bookingSlotSchema = z.object({
  /** ISO 8601 with the office's UTC offset. */
  start: z.string(),
  end: z.string(),
  /** Places still free (0: full). */
  free: z.number(),
});
export type BookingSlot = z.infer<typeof bookingSlotSchema>;
export const bookingSlotsSchema = z.array(bookingSlotSchema);

export const appointmentCreateSchema = z.object({
  serviceId: idSchema,
  start: instantSchema,
  name: nameSchema,
  phone: phoneSchema.optional(),
  email: z.email(FIELD_ISSUE_MESSAGES.email).max(320).optional(),
  language: languageSchema.optional(),
});
export type AppointmentCreate = z.input<typeof appointmentCreateSchema>;

export const appointmentRescheduleSchema = z.object({ start: instantSchema });

export const APPOINTMENT_STATUSES = ["booked", "checked_in", "cancelled", "no_show"] as const;
export const appointmentStatusSchema = z.enum(APPOINTMENT_STATUSES);
export type AppointmentStatus = z.infer<typeof appointmentStatusSchema>;

/** What the holder of the code sees (`/b/<code>`); the phone is masked. */
export const appointmentSchema = z.object({
  code: z.string(),
  serviceId: idSchema,
  serviceName: z.string(),
  serviceTranslations: translationsSchema,
  branchId: idSchema,
  branchName: z.string(),
  branchTranslations: z.partialRecord(languageSchema, z.string()),
  /** ISO 8601 with the office's UTC offset. */
  start: z.string(),
  end: z.string(),
  /** `no_show`: booked, and start plus grace has passed without a check-in. */
  status: appointmentStatusSchema,
  name: z.string(),
  /** Masked ("+7 *** ***-67-89"); null when none was given. */
  phone: z.string().nullable(),
  email: z.string().nullable(),
  language: languageSchema.nullable(),
  /** When check-in at the kiosk opens, and until when it counts as on time. */
  checkInOpensAt: z.string(),
  lateAfter: z.string(),
  lateAction: z.enum(LATE_ACTIONS),
  /** Once checked in: the ticket's code, for its tracking page. */
  ticketCode: z.string().nullable(),
  /**
   * Once checked in: the ticket's status (served, cancelled or a no-show: the visit is over); null
   * before check-in.
   */
  ticketStatus: ticketStatusSchema.nullable(),
  late: z.boolean(),
  canCancel: z.boolean(),
  canReschedule: z.boolean(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

/** An appointment on the staff list: the phone in full, who booked it, its ticket. */
export const staffAppointmentSchema = appointmentSchema.extend({
  phone: z.string().nullable(),
  origin: z.enum(["online", "staff"]),
  createdAt: z.string(),
  checkedInAt: z.string().nullable(),
  ticket: z.object({ id: idSchema, label: z.string(), status: z.string() }).nullable(),
});
export type StaffAppointment = z.infer<typeof staffAppointmentSchema>;

export const appointmentListQuerySchema = z.object({
  date: dateSchema,
  serviceId: idSchema.optional(),
});
export const appointmentListSchema = z.object({ items: z.array(staffAppointmentSchema) });

/** A kiosk or staff member checks a visitor in; the answer is the ticket (with `appointmentCode`). */
export const checkInRefusalDetailsSchema = z.object({
  /** too_early: when check-in opens; too_late: when it closed. ISO 8601 with the office's offset. */
  at: z.string(),
});
/** 409 `appointment_used`: checked in before, and that ticket's visit is over. */
export const appointmentUsedDetailsSchema = z.object({ ticketStatus: ticketStatusSchema });

/** The appointments report: per day and service. */
export const appointmentReportQuerySchema = z.object({
  from: dateSchema,
  to: dateSchema,
  serviceId: idSchema.optional(),
});
export const appointmentFiguresSchema = z.object({
  /** Appointments for the day that were not cancelled. */
  booked: z.number(),
  cancelled: z.number(),
  /** Checked in, on time or late. */
  checkedIn: z.number(),
  /** Checked in after start plus grace (issued as walk-ins). */
  late: z.number(),
  /** Booked, not checked in, and start plus grace has passed. */
  noShows: z.number(),
  /** Checked in on time and called: their waits, from the later of check-in and start. */
  called: z.number(),
  withinTarget: z.number(),
  /** withinTarget / called; null when none was called. */
  withinTargetShare: z.number().nullable(),
  averageWaitMinutes: z.number().nullable(),
});
export type AppointmentFigures = z.infer<typeof appointmentFiguresSchema>;
export const appointmentReportSchema = z.object({
  targetMinutes: z.number(),
  total: appointmentFiguresSchema,
  items: z.array(
    appointmentFiguresSchema.extend({ day: z.string(), serviceId: idSchema, serviceName: z.string() }),
  ),
});
export type AppointmentReport = z.infer<typeof appointmentReportSchema>;
