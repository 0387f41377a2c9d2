import { dateSchema, idParamsSchema, idSchema, TICKET_STATUSES, ticketSchema } from "@dq/shared";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import { errorResponses } from "../../http/openapi.ts";
import { actorOf } from "../../http/principal.ts";
import type { App } from "../../http/types.ts";
import {
  cancelTicket,
  closeDay,
  releaseWorkstation,
  setServiceAccepting,
  updateWaitingTicket,
} from "../../queue/management.ts";
import { findTicket, searchTickets } from "../../queue/repository.ts";
import { toTicketDto } from "../../queue/ticket-dto.ts";
import { sendToWorkstation } from "../../queue/transitions.ts";
import { audit } from "../audit/audit.ts";

const tags = ["queue management"];
const access = { role: "supervisor" } as const;

export async function queueAdminRoutes(app: App) {
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

  app.post(
    "/api/v1/queue/tickets/:id/send",
    {
      config: { access },
      schema: {
        operationId: "sendQueueTicket",
        tags,
        summary: "Call a waiting ticket to a given workstation (its operator must be free)",
        params: idParamsSchema,
        body: z.object({ workstationId: idSchema }),
        response: { 200: ticketSchema, ...errorResponses(409) },
      },
    },
    async (request) => {
      const ticket = await sendToWorkstation(
        deps,
        request.branch,
        request.params.id,
        request.body.workstationId,
        actorOf(request.principal).employeeId,
      );
      await audit(deps.db, request, {
        action: "ticket.send",
        entity: "ticket",
        entityId: ticket.id,
        data: { workstationId: request.body.workstationId },
      });
      return ticket;
    },
  );

  for (const [path, accepting] of [
    ["close", false],
    ["open", true],
  ] as const) {
    app.post(
      `/api/v1/queue/services/:id/${path}`,
      {
        config: { access },
        schema: {
          operationId: accepting ? "openServiceQueue" : "closeServiceQueue",
          tags,
          summary: accepting
            ? "Take new tickets again"
            : "Stop issuing new tickets (the queue is still served)",
          params: idParamsSchema,
          response: { 204: z.void() },
        },
      },
      async (request, reply) => {
        await inTransaction(deps.db, async (tx) => {
          const actor = actorOf(request.principal);
          const s = await setServiceAccepting(
            { ...deps, db: tx },
            request.branch,
            request.params.id,
            accepting,
            actor,
          );
          await audit(tx, request, { action: `service.${path}`, entity: "service", entityId: s.id });
        });
        return reply.status(204).send();
      },
    );
  }

  app.post(
    "/api/v1/queue/workstations/:id/release",
    {
      config: { access },
      schema: {
        operationId: "releaseWorkstation",
        tags,
        summary:
          "Free a workstation whose operator cannot (gone, session expired): a called client returns to the queue, a client being served is recorded as served",
        params: idParamsSchema,
        response: {
          200: z.object({
            employee: z.object({ id: idSchema, name: z.string() }).nullable(),
            ticket: ticketSchema.nullable(),
          }),
          ...errorResponses(409),
        },
      },
    },
    async (request) =>
      inTransaction(deps.db, async (tx) => {
        const actor = actorOf(request.principal);
        const released = await releaseWorkstation(
          { ...deps, db: tx },
          request.branch,
          request.params.id,
          actor,
        );
        // Already free (e.g. a second click): nothing happened, nothing to audit.
        if (released.employee) {
          await audit(tx, request, {
            action: "workstation.release",
            entity: "workstation",
            entityId: request.params.id,
            data: { employeeId: released.employee.id, ticketId: released.ticket?.id ?? null },
          });
        }
        return released;
      }),
  );

  app.post(
    "/api/v1/queue/close-day",
    {
      config: { access },
      schema: {
        operationId: "closeDay",
        tags,
        summary: "Close every open ticket now: waiting → cancelled, called → no-show, serving → served",
        response: {
          200: z.object({
            closed: z.number(),
            cancelled: z.number(),
            noShow: z.number(),
            served: z.number(),
            businessDay: z.string(),
          }),
        },
      },
    },
    async (request) => {
      const result = await closeDay(deps, request.branch, { all: true }, actorOf(request.principal));
      await audit(deps.db, request, {
        action: "queue.close_day",
        entity: "branch",
        entityId: request.branch.id,
        data: result,
      });
      return result;
    },
  );
}
