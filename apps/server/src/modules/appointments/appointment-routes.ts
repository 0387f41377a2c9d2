import {
  appointmentCodeParamsSchema,
  appointmentListQuerySchema,
  appointmentListSchema,
  appointmentRescheduleSchema,
  appointmentSchema,
  formatTicketCode,
  ticketSchema,
} from "@dq/shared";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import type { AppointmentRow } from "../../db/schema.ts";
import { errorResponses } from "../../http/openapi.ts";
import { actorOf } from "../../http/principal.ts";
import type { App } from "../../http/types.ts";
import { checkInAppointment } from "../../queue/check-in.ts";
import { cancelAppointment, rescheduleAppointment } from "./booking.ts";
import { tags } from "./booking-routes.ts";
import { appointmentIcs, icsSequence } from "./ics.ts";
import { appointmentsOfDay, findAppointmentByCode, serviceOfAppointment } from "./repository.ts";
import { appointmentView, staffAppointmentViews } from "./view-loader.ts";

/**
 * Routes by the appointment's code, which is the key like a ticket's (40 random bits): public and
 * limited per client address. The staff list and the kiosk's check-in need a sign-in or a device.
 */
const LOOKUP_LIMIT = { max: 600, timeWindow: "1 minute" };
const CHANGE_LIMIT = { max: 30, timeWindow: "1 minute" };

export async function appointmentRoutes(app: App) {
  const deps = app.deps;
  const loadBranch = async (id: string) => (await app.branches.get(id))!;
  const byCode = async (code: string) => {
    const row = await findAppointmentByCode(deps.db, code);
    if (!row) throw notFound("appointment");
    return row;
  };

  app.get(
    "/api/v1/appointments",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        operationId: "listAppointments",
        tags,
        summary:
          "A day's appointments of the office (optionally one service's), by start time, phones in full",
        querystring: appointmentListQuerySchema,
        response: { 200: appointmentListSchema },
      },
    },
    async (request) => {
      const rows = await appointmentsOfDay(
        deps.db,
        request.branch.id,
        request.query.date,
        request.query.serviceId,
      );
      return { items: await staffAppointmentViews(deps, app.branches, rows) };
    },
  );

  app.get(
    "/api/v1/appointments/:code",
    {
      config: { access: "public", rateLimit: LOOKUP_LIMIT },
      schema: {
        operationId: "getAppointmentByCode",
        tags,
        summary: "An appointment by its code (any case, dashes and spaces ignored), the phone masked",
        params: appointmentCodeParamsSchema,
        response: { 200: appointmentSchema, ...errorResponses(429) },
      },
    },
    async (request) => appointmentView(deps, app.branches, await byCode(request.params.code), "public"),
  );

  app.post(
    "/api/v1/appointments/:code/cancel",
    {
      config: { access: "public", rateLimit: CHANGE_LIMIT },
      schema: {
        operationId: "cancelAppointment",
        tags,
        summary:
          "Cancel an appointment, giving its place back; cancelled already: as it is. 409 `already_checked_in`, 409 `not_cancellable` (its time has passed)",
        params: appointmentCodeParamsSchema,
        response: { 200: appointmentSchema, ...errorResponses(409, 429) },
      },
    },
    async (request) =>
      appointmentView(deps, app.branches, await cancelAppointment(deps, request.params.code), "public"),
  );

  app.post(
    "/api/v1/appointments/:code/reschedule",
    {
      config: { access: "public", rateLimit: CHANGE_LIMIT },
      schema: {
        operationId: "rescheduleAppointment",
        tags,
        summary:
          "Move a booked appointment to another slot of its service, keeping its code. 409 `slot_full`, 409 `not_reschedulable`, 422 `not_a_slot`",
        params: appointmentCodeParamsSchema,
        body: appointmentRescheduleSchema,
        response: { 200: appointmentSchema, ...errorResponses(409, 422, 429) },
      },
    },
    async (request) => {
      const row = await rescheduleAppointment(deps, loadBranch, request.params.code, request.body.start);
      return appointmentView(deps, app.branches, row, "public");
    },
  );

  app.get(
    "/api/v1/appointments/:code/ics",
    {
      config: { access: "public", rateLimit: LOOKUP_LIMIT },
      schema: {
        operationId: "getAppointmentCalendar",
        tags,
        summary:
          "The appointment as an iCalendar file (RFC 5545) to add to a calendar: SEQUENCE grows with each change; a cancelled one is STATUS:CANCELLED",
        params: appointmentCodeParamsSchema,
        // Described as text/calendar by http/openapi.ts.
        response: { 200: z.string(), ...errorResponses(429) },
      },
    },
    async (request, reply) => {
      const row = await byCode(request.params.code);
      // Absolute like the links the server prints at start: DQ_PUBLIC_URL, else the address asked.
      const base = deps.config.publicUrl ?? `${request.protocol}://${request.host}`;
      const body = await calendarFile(app, row, `${base}/b/${row.code}`);
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="appointment-${row.code}.ics"`)
        .send(body);
    },
  );
}

/** The appointment's .ics: stamped and sequenced by its last change, cancelled when it is. */
async function calendarFile(app: App, row: AppointmentRow, url: string): Promise<string> {
  const [service, branch] = await Promise.all([
    serviceOfAppointment(app.deps.db, row.service_id),
    app.branches.get(row.branch_id),
  ]);
  const updatedAt = new Date(row.updated_at);
  return appointmentIcs({
    code: row.code,
    start: new Date(row.starts_at),
    end: new Date(row.ends_at),
    stamp: updatedAt,
    sequence: icsSequence(new Date(row.created_at), updatedAt),
    cancelled: row.status === "cancelled",
    summary: service.name,
    location: branch!.name,
    description: `Код записи / Appointment code: ${formatTicketCode(row.code)}\n${url}`,
    url,
  });
}

/** A kiosk (or staff) checks a visitor in by the code: the ticket, as issuing answers it. */
export async function checkInRoutes(app: App) {
  const deps = app.deps;

  app.post(
    "/api/v1/appointments/:code/check-in",
    {
      config: { access: { role: "operator", devices: ["kiosk"] } },
      schema: {
        operationId: "checkInAppointment",
        tags,
        summary:
          "Check a visitor in (a kiosk, or staff): 201 with the ticket; checked in already: the same ticket with `idempotent-replayed: true` while it is open, else 409 `appointment_used` (`details.ticketStatus`). 409 `too_early` / `too_late` (`details.at`), 409 `appointment_cancelled`",
        params: appointmentCodeParamsSchema,
        response: { 201: ticketSchema, ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const p = request.principal;
      const origin = p.kind === "device" ? "kiosk" : p.kind === "token" ? "api" : "staff";
      const result = await checkInAppointment(deps, request.branch, request.params.code, origin, actorOf(p));
      if (result.replayed) reply.header("idempotent-replayed", "true");
      return reply.status(201).send(result.ticket);
    },
  );
}
