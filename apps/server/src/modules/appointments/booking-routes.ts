import {
  appointmentCreateSchema,
  appointmentSchema,
  bookingServicesSchema,
  bookingSlotsQuerySchema,
  bookingSlotsSchema,
} from "@dq/shared";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { invalidField } from "../../core/errors.ts";
import { idempotencyKeyOf } from "../../http/idempotency-key.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { kickNotifier } from "../notifications/notifier-job.ts";
import { openDays, slotsOfDay } from "./availability.ts";
import { createAppointment } from "./booking.ts";
import { findBookableService, listBookableServices } from "./repository.ts";
import { appointmentView } from "./view-loader.ts";

export const tags = ["appointments"];

/** Staff and API tokens book on visitors' behalf and are not limited per address. */
const isStaff = (request: FastifyRequest) =>
  request.principal.kind === "employee" || request.principal.kind === "token";

const BROWSE_LIMIT = { max: 120, timeWindow: "1 minute" };
const BOOK_LIMIT = { max: 20, timeWindow: "1 minute", allowList: isStaff };

/** The public booking pages' API: bookable services, a day's slots, and booking one. */
export async function bookingRoutes(app: App) {
  const deps = app.deps;

  app.get(
    "/api/v1/booking/services",
    {
      config: { access: "public", rateLimit: BROWSE_LIMIT },
      schema: {
        operationId: "listBookingServices",
        tags,
        summary:
          "The office's bookable services, each with the days (within its horizon) that have free hours",
        response: { 200: bookingServicesSchema, ...errorResponses(429) },
      },
    },
    async (request) => {
      const branch = request.branch;
      const now = deps.clock();
      const services = await listBookableServices(deps.db, branch.id);
      return {
        branch: {
          id: branch.id,
          name: branch.name,
          nameTranslations: branch.settings.nameTranslations,
          timezone: branch.timezone,
        },
        items: services.map((s) => ({
          id: s.id,
          name: s.name,
          translations: s.translations,
          description: s.description,
          slotMinutes: s.booking.slotMinutes,
          openDays: openDays(branch, s, now),
        })),
      };
    },
  );

  app.get(
    "/api/v1/booking/slots",
    {
      config: { access: "public", rateLimit: BROWSE_LIMIT },
      schema: {
        operationId: "listBookingSlots",
        tags,
        summary:
          "A day's slots of a bookable service that have not started, as a bare array; a full one with `free: 0`. Outside the horizon or on a blackout day: `[]`",
        querystring: bookingSlotsQuerySchema,
        response: { 200: bookingSlotsSchema, ...errorResponses(429) },
      },
    },
    async (request) => {
      const service = await findBookableService(deps.db, request.branch.id, request.query.serviceId);
      if (!service) throw invalidField("serviceId", "notBookable");
      return slotsOfDay(deps.db, request.branch, service, request.query.date, deps.clock());
    },
  );

  app.post(
    "/api/v1/appointments",
    {
      config: { access: "public", rateLimit: BOOK_LIMIT },
      schema: {
        operationId: "bookAppointment",
        tags,
        summary:
          "Book a slot. Honours Idempotency-Key (a replay answers the same appointment with `idempotent-replayed: true`). A signed-in staff member books on a visitor's behalf. 409 `slot_full`, 409 `too_many_appointments`, 422 `not_a_slot`",
        description: "Anonymous callers: at most 20 bookings a minute per client address.",
        body: appointmentCreateSchema,
        headers: z.object({ "idempotency-key": z.string().optional() }).loose(),
        response: { 201: appointmentSchema, ...errorResponses(409, 422, 429) },
      },
    },
    async (request, reply) => {
      const p = request.principal;
      const result = await createAppointment(deps, request.branch, request.body, {
        origin: isStaff(request) ? "staff" : "online",
        employeeId: p.kind === "employee" ? p.id : null,
        idempotencyKey: idempotencyKeyOf(request),
      });
      if (result.replayed) reply.header("idempotent-replayed", "true");
      else kickNotifier(deps); // the e-mail subscription's confirmation goes out now
      return reply.status(201).send(await appointmentView(deps, app.branches, result.row, "public"));
    },
  );
}
