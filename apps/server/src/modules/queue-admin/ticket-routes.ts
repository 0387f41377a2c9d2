import { dateSchema, idParamsSchema, idSchema, TICKET_STATUSES, ticketSchema } from "@dq/shared";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import { errorResponses } from "../../http/openapi.ts";
import { actorOf } from "../../http/principal.ts";
import type { App } from "../../http/types.ts";
import { cancelTicket, updateWaitingTicket } from "../../queue/management.ts";
import { findTicket, searchTickets } from "../../queue/repository.ts";
import { toTicketDto } from "../../queue/ticket-dto.ts";

import { access, tags } from "./access.ts";

/** A supervisor's work on tickets: find, look at, cancel, change (sending to a window: `send-routes.ts`). */
export async function queueTicketRoutes(app: App) {
  const deps = app.deps;

  app.get(
    "/api/v1/queue/tickets",
    {
      config: { access },
      schema: {
        operationId: "listQueueTickets",
        tags,
        summary: "Search today's tickets (waiting by default) by label, service, category or status",
        querystring: z.object({
          status: z.enum(TICKET_STATUSES).optional(),
          serviceId: idSchema.optional(),
          categoryId: idSchema.optional(),
          q: z.string().trim().max(20).optional(),
          day: dateSchema.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: { 200: z.object({ items: z.array(ticketSchema) }) },
      },
    },
    async (request) => {
      const { status, q, ...filter } = request.query;
      const rows = await searchTickets(deps.db, request.branch.id, {
        ...filter,
        status: status ?? "waiting",
        label: q,
      });
      return { items: rows.map((r) => toTicketDto(r)) };
    },
  );

  app.get(
    "/api/v1/queue/tickets/:id",
    {
      config: { access: { role: "operator" } },
      schema: {
        operationId: "getQueueTicket",
        tags,
        params: idParamsSchema,
        response: { 200: ticketSchema },
      },
    },
    async (request) => {
      const t = await findTicket(deps.db, request.branch.id, request.params.id);
      if (!t) throw notFound("ticket");
      return toTicketDto(t);
    },
  );

  app.post(
    "/api/v1/queue/tickets/:id/cancel",
    {
      config: { access },
      schema: {
        operationId: "cancelQueueTicket",
        tags,
        summary: "Cancel a waiting ticket",
        params: idParamsSchema,
        response: { 200: ticketSchema, ...errorResponses(409) },
      },
    },
    async (request) => cancelTicket(deps, request.branch, request.params.id, actorOf(request.principal)),
  );

  app.patch(
    "/api/v1/queue/tickets/:id",
    {
      config: { access },
      schema: {
        operationId: "updateQueueTicket",
        tags,
        summary: "Change a waiting ticket's client category or move it to another service",
        params: idParamsSchema,
        body: z.object({ categoryId: idSchema.nullable().optional(), serviceId: idSchema.optional() }),
        response: { 200: ticketSchema, ...errorResponses(409) },
      },
    },
    async (request) =>
      updateWaitingTicket(deps, request.branch, request.params.id, request.body, actorOf(request.principal)),
  );
}
