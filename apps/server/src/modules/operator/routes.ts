import {
  finishSchema,
  idParamsSchema,
  operatorStateSchema,
  pauseSchema,
  queueSummarySchema,
  redirectSchema,
  returnSchema,
  takeWorkstationSchema,
  ticketSchema,
} from "@dq/shared";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError } from "../../http/errors.ts";
import type { App } from "../../http/types.ts";
import { toTicketDto } from "../../queue/ticket-dto.ts";
import {
  callNext,
  callTicket,
  finish,
  noShow,
  recall,
  redirect,
  returnToQueue,
  start,
} from "../../queue/transitions.ts";
import {
  getOperatorState,
  leaveWorkstation,
  pause,
  queuesOf,
  resume,
  takeWorkstation,
} from "../../queue/workplace.ts";

const tags = ["operator"];
// Operator actions need a person: sessions of any staff role, never devices or API tokens.
const access = { role: "operator", employeeOnly: true } as const;

function employeeId(request: FastifyRequest): string {
  const p = request.principal;
  if (p.kind !== "employee")
    throw new DomainError(403, "forbidden", "operator actions need a signed-in employee");
  return p.id;
}

export async function operatorRoutes(app: App) {
  const deps = app.deps;

  app.get(
    "/api/v1/operator/state",
    {
      config: { access },
      schema: {
        tags,
        summary: "My workstation, status and current ticket",
        response: { 200: operatorStateSchema },
      },
    },
    async (request) => getOperatorState(deps.db, request.branch, employeeId(request)),
  );

  app.post(
    "/api/v1/operator/workstation",
    {
      config: { access },
      schema: {
        tags,
        summary: "Work at this workstation (one operator per workstation)",
        body: takeWorkstationSchema,
        response: { 200: operatorStateSchema },
      },
    },
    async (request) => takeWorkstation(deps, request.branch, employeeId(request), request.body.workstationId),
  );

  app.delete(
    "/api/v1/operator/workstation",
    {
      config: { access },
      schema: { tags, summary: "Leave the workstation", response: { 200: operatorStateSchema } },
    },
    async (request) => leaveWorkstation(deps, request.branch, employeeId(request)),
  );

  app.post(
    "/api/v1/operator/pause",
    {
      config: { access },
      schema: {
        tags,
        summary: "Pause with a reason",
        body: pauseSchema,
        response: { 200: operatorStateSchema },
      },
    },
    async (request) => pause(deps, request.branch, employeeId(request), request.body),
  );

  app.post(
    "/api/v1/operator/resume",
    {
      config: { access },
      schema: { tags, summary: "End the pause", response: { 200: operatorStateSchema } },
    },
    async (request) => resume(deps, request.branch, employeeId(request)),
  );

  app.get(
    "/api/v1/operator/queues",
    {
      config: { access },
      schema: {
        tags,
        summary: "The queues I serve here: waiting, longest wait, overdue",
        response: { 200: z.object({ items: z.array(queueSummarySchema) }) },
      },
    },
    async (request) => ({
      items: await queuesOf(deps.db, request.branch, employeeId(request), deps.clock()),
    }),
  );

  app.get(
    "/api/v1/operator/waiting",
    {
      config: { access },
      schema: {
        tags,
        summary: "Waiting tickets I may call, in calling order of arrival",
        response: { 200: z.object({ items: z.array(ticketSchema) }) },
      },
    },
    async (request) => {
      const id = employeeId(request);
      const state = await deps.db
        .selectFrom("operator_states")
        .select("workstation_id")
        .where("employee_id", "=", id)
        .executeTakeFirst();
      let q = deps.db
        .selectFrom("tickets as t")
        .innerJoin("competencies as c", (j) =>
          j.onRef("c.service_id", "=", "t.service_id").on("c.employee_id", "=", id),
        )
        .selectAll("t")
        .where("t.branch_id", "=", request.branch.id)
        .where("t.status", "=", "waiting");
      if (state?.workstation_id) {
        const ws = state.workstation_id;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom("workstation_services as ws")
              .select("ws.service_id")
              .whereRef("ws.service_id", "=", "t.service_id")
              .where("ws.workstation_id", "=", ws),
          ),
        );
      }
      const rows = await q
        .orderBy("t.priority", "desc")
        .orderBy("t.enqueued_at")
        .orderBy("t.id")
        .limit(200)
        .execute();
      return { items: rows.map((r) => toTicketDto(r)) };
    },
  );

  app.post(
    "/api/v1/operator/call-next",
    {
      config: { access },
      schema: {
        tags,
        summary: "Call the next client by the calling policy; 204 when nobody eligible waits",
        response: { 200: ticketSchema, 204: z.void() },
      },
    },
    async (request, reply) => {
      const ticket = await callNext(deps, request.branch, employeeId(request));
      return ticket ? ticket : reply.status(204).send();
    },
  );

  const ticketAction = (
    path: string,
    summary: string,
    run: (request: FastifyRequest, id: string) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/operator/tickets/:id/${path}`,
      {
        config: { access },
        schema: { tags, summary, params: idParamsSchema, response: { 200: ticketSchema } },
      },
      async (request) => run(request, request.params.id) as never,
    );

  ticketAction("call", "Call this waiting ticket", (r, id) => callTicket(deps, r.branch, employeeId(r), id));
  ticketAction("recall", "Call the client again (counted, announced again)", (r, id) =>
    recall(deps, r.branch, employeeId(r), id),
  );
  ticketAction("start", "The client came: start serving", (r, id) =>
    start(deps, r.branch, employeeId(r), id),
  );
  ticketAction("no-show", "The client did not come", (r, id) => noShow(deps, r.branch, employeeId(r), id));

  app.post(
    "/api/v1/operator/tickets/:id/finish",
    {
      config: { access },
      schema: {
        tags,
        summary: "Finish serving, with an optional outcome note",
        params: idParamsSchema,
        body: finishSchema.nullish(),
        response: { 200: ticketSchema },
      },
    },
    async (request) =>
      finish(deps, request.branch, employeeId(request), request.params.id, request.body?.note),
  );

  app.post(
    "/api/v1/operator/tickets/:id/return",
    {
      config: { access },
      schema: {
        tags,
        summary: "Return the ticket to the queue (keeps its place unless toEnd)",
        params: idParamsSchema,
        body: returnSchema.nullish(),
        response: { 200: ticketSchema },
      },
    },
    async (request) =>
      returnToQueue(
        deps,
        request.branch,
        employeeId(request),
        request.params.id,
        request.body?.toEnd ?? false,
      ),
  );

  app.post(
    "/api/v1/operator/tickets/:id/redirect",
    {
      config: { access },
      schema: {
        tags,
        summary: "Send the client to another service with the same label",
        params: idParamsSchema,
        body: redirectSchema,
        response: { 200: ticketSchema },
      },
    },
    async (request) =>
      redirect(
        deps,
        request.branch,
        employeeId(request),
        request.params.id,
        request.body.serviceId,
        request.body.note,
      ),
  );
}
