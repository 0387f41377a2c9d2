import { z } from "zod";
import { FIELD_ISSUE_MESSAGES } from "../field-issues.ts";
import { normalizeTicketCode, TICKET_CODE_PATTERN } from "../ticket-code.ts";
import { idSchema, languageSchema, translationsSchema } from "./common.ts";

export const TICKET_STATUSES = ["waiting", "called", "serving", "served", "no_show", "cancelled"] as const;
export const ticketStatusSchema = z.enum(TICKET_STATUSES);
/** Where a ticket was taken: a kiosk, by staff, through the API, or from a phone at /join. */
export const TICKET_SOURCES = ["kiosk", "staff", "api", "remote"] as const;
export const ticketSourceSchema = z.enum(TICKET_SOURCES);
export type TicketSource = z.infer<typeof ticketSourceSchema>;
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

/**
 * A public tracking code as a visitor may type it ("K7QM-4XPA", "k7qm 4xpa", an older 12-symbol
 * code): normalised to the stored form, then checked (see `ticket-code.ts`).
 */
export const ticketCodeSchema = z
  .string()
  .max(40, FIELD_ISSUE_MESSAGES.ticketCode)
  .transform(normalizeTicketCode)
  .pipe(z.string().regex(TICKET_CODE_PATTERN, FIELD_ISSUE_MESSAGES.ticketCode))
  .describe(
    "The code on the ticket: 8 letters and digits (older tickets: 12), any case, dashes and spaces ignored",
  );

export const ticketIssueSchema = z.object({
  serviceId: idSchema,
  categoryId: idSchema.nullable().optional(),
  language: z.enum(["ru", "en"]).optional(),
});
export type TicketIssue = z.infer<typeof ticketIssueSchema>;

/**
 * How long a ticket will wait, from a forward simulation of the office's live state (see
 * docs/estimates.md): an 80 % range (10th–90th percentile, rounded outwards to whole minutes) and
 * the expected wait (the mean, to a tenth of a minute).
 */
export const waitEstimateSchema = z.object({
  minMinutes: z.number(),
  maxMinutes: z.number(),
  expectedMinutes: z.number(),
});
export type WaitEstimate = z.infer<typeof waitEstimateSchema>;

export const ticketSchema = z.object({
  id: idSchema,
  code: z.string(),
  label: z.string(),
  number: z.number(),
  serviceId: idSchema,
  categoryId: idSchema.nullable(),
  status: ticketStatusSchema,
  businessDay: z.string(),
  issuedAt: z.string(),
  enqueuedAt: z.string(),
  calledAt: z.string().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  callCount: z.number(),
  segment: z.number(),
  workstationId: idSchema.nullable(),
  employeeId: idSchema.nullable(),
  note: z.string().nullable(),
  closeReason: z.string().nullable(),
  position: z.number().nullable(),
  /** Null once not waiting, and while nobody serves the service (no estimate is promised then). */
  estimatedWait: waitEstimateSchema.nullable(),
  /** When the ticket is expected to be called, ISO 8601 with the office's UTC offset; null with no estimate. */
  expectedCallAt: z.string().nullable(),
  /** The appointment the ticket was checked in for (docs/appointments.md); null for walk-ins. */
  appointmentCode: z.string().nullable(),
  appointment: z
    .object({
      /** The slot's start, ISO 8601. */
      start: z.string(),
      /** The visitor's name as booked. */
      name: z.string(),
      /** Checked in after start plus grace: issued as a walk-in. */
      late: z.boolean(),
    })
    .nullable(),
  source: ticketSourceSchema,
  /** The phone a remote visitor left with consent, masked ("+7 *** ***-**-89"); null otherwise. */
  phoneMasked: z.string().nullable(),
  /** A remote ticket not called until its holder says he is here; arrivedAt: when he did. */
  arrivalRequired: z.boolean(),
  arrivedAt: z.string().nullable(),
  /** How often the visitor moved back in the queue. */
  postponeCount: z.number(),
});
export type Ticket = z.infer<typeof ticketSchema>;

/** What anyone holding the code may see: no staff names, no internal ids beyond the service. */
export const publicTicketSchema = z.object({
  code: z.string(),
  label: z.string(),
  status: ticketStatusSchema,
  serviceId: idSchema,
  serviceName: z.string(),
  serviceTranslations: translationsSchema,
  /** The office, so that the tracking page follows the right live stream. */
  branchId: idSchema,
  /** The office's name, shown on the tracking page, and its names in other languages (may be empty). */
  branchName: z.string(),
  branchTranslations: z.partialRecord(languageSchema, z.string()),
  issuedAt: z.string(),
  calledAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  callCount: z.number(),
  position: z.number().nullable(),
  estimatedWait: waitEstimateSchema.nullable(),
  /** When the ticket is expected to be called, ISO 8601 with the office's UTC offset. */
  expectedCallAt: z.string().nullable(),
  workstation: z.object({ name: z.string(), number: z.string() }).nullable(),
  /** A booked visitor checked in on time: his appointment's start, ISO 8601 with the office's offset. */
  appointmentStart: z.string().nullable(),
  rating: z.object({ score: z.number(), comment: z.string().nullable() }).nullable(),
  canRate: z.boolean(),
  canCancel: z.boolean(),
  source: ticketSourceSchema,
  /** Waiting for «Я на месте»: not called until the holder says he is in the office. */
  awaitingArrival: z.boolean(),
  /** How many more times the holder may move back now (0 once not waiting). */
  postponesLeft: z.number(),
  /** The most places one postpone may move back. */
  postponeMaxPlaces: z.number(),
});
export type PublicTicket = z.infer<typeof publicTicketSchema>;

export const ticketCodeParamsSchema = z.object({ code: ticketCodeSchema });

export const ratingSchema = z.object({
  score: z.number().int().min(1, FIELD_ISSUE_MESSAGES.score).max(5, FIELD_ISSUE_MESSAGES.score),
  comment: z.string().trim().max(2000).optional(),
});
