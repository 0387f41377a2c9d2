import {
  finishSchema,
  idParamsSchema,
  operatorStateSchema,
  operatorTodaySchema,
  pauseSchema,
  queueSummarySchema,
  redirectSchema,
  returnSchema,
  roleAtLeast,
  takeWorkstationSchema,
  ticketSchema,
  workplaceQuerySchema,
} from "@dq/shared";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { DomainError, forbidden, notFound } from "../../core/errors.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
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
import { getOperatorState, leaveWorkstation, pause, resume, takeWorkstation } from "../../queue/workplace.ts";
import { occupantOf, ownSubject, queuesFor, todayOf, waitingFor } from "../../queue/workplace-view.ts";

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

  /**
   * Whose workplace a read shows: the caller's own, or with `?workstationId=` the workstation's
   * (a supervisor may watch any; an operator only his own).
   */
  async function subjectOf(request: FastifyRequest) {
    const me = employeeId(request);
    const { workstationId } = request.query as { workstationId?: string };
    if (!workstationId) return ownSubject(deps.db, request.branch, me);
    const ws = await deps.db
      .selectFrom("workstations")
      .select("id")
      .where("id", "=", workstationId)
      .where("branch_id", "=", request.branch.id)
      .where("deleted_at", "is", null)
      .executeTakeFirst();
    if (!ws) throw notFound("workstation");
    const occupant = await occupantOf(deps.db, ws.id);
    const p = request.principal;
    if (occupant !== me && !(p.kind === "employee" && roleAtLeast(p.role, "supervisor"))) {
      throw forbidden("only supervisors may watch another workstation");
    }
    return { employeeId: occupant, workstationId: ws.id };
  }

  app.get(
    "/api/v1/operator/state",
    {
      config: { access },
      schema: {
        operationId: "getOperatorState",
        tags,
        summary: "My workstation, status and current ticket (a supervisor: any workstation's)",
        querystring: workplaceQuerySchema,
        response: { 200: operatorStateSchema },
      },
    },
    async (request) => {
      const subject = await subjectOf(request);
      if (subject.employeeId) return getOperatorState(deps.db, request.branch, subject.employeeId);
      const ws = subject.workstationId
        ? await deps.db
            .selectFrom("workstations")
            .select(["id", "name", "number"])
            .where("id", "=", subject.workstationId)
            .executeTakeFirstOrThrow()
        : null;
      return {
        employee: null,
        workstation: ws,
        status: "offline" as const,
        pauseReason: null,
        since: null,
        ticket: null,
      };
    },
  );

  app.post(
    "/api/v1/operator/workstation",
    {
      config: { access },
      schema: {
        operationId: "takeWorkstation",
        tags,
        summary: "Work at this workstation (one operator per workstation)",
        body: takeWorkstationSchema,
        response: { 200: operatorStateSchema, ...errorResponses(409) },
      },
    },
    async (request) => takeWorkstation(deps, request.branch, employeeId(request), request.body.workstationId),
  );

  app.delete(
    "/api/v1/operator/workstation",
    {
      config: { access },
      schema: {
        operationId: "leaveWorkstation",
        tags,
        summary: "Leave the workstation",
        response: { 200: operatorStateSchema, ...errorResponses(409) },
      },
    },
    async (request) => leaveWorkstation(deps, request.branch, employeeId(request)),
  );

  app.post(
    "/api/v1/operator/pause",
    {
      config: { access },
      schema: {
        operationId: "pauseOperator",
        tags,
        summary: "Pause with a reason",
        body: pauseSchema,
        response: { 200: operatorStateSchema, ...errorResponses(409) },
      },
    },
    async (request) => pause(deps, request.branch, employeeId(request), request.body),
  );

  app.post(
    "/api/v1/operator/resume",
    {
      config: { access },
      schema: {
        operationId: "resumeOperator",
        tags,
        summary: "End the pause",
        response: { 200: operatorStateSchema, ...errorResponses(409) },
      },
    },
    async (request) => resume(deps, request.branch, employeeId(request)),
  );

  app.get(
    "/api/v1/operator/queues",
    {
      config: { access },
      schema: {
        operationId: "listOperatorQueues",
        tags,
        summary: "The queues I serve here: waiting, longest wait, overdue",
        querystring: workplaceQuerySchema,
        response: { 200: z.object({ items: z.array(queueSummarySchema) }) },
      },
    },
    async (request) => ({
      items: await queuesFor(deps.db, request.branch, await subjectOf(request), deps.clock()),
    }),
  );

  app.get(
    "/api/v1/operator/waiting",
    {
      config: { access },
      schema: {
        operationId: "listCallableTickets",
        tags,
        summary: "Waiting tickets I may call, priority first, then by arrival",
        querystring: workplaceQuerySchema,
        response: { 200: z.object({ items: z.array(ticketSchema) }) },
      },
    },
    async (request) => ({ items: await waitingFor(deps.db, request.branch, await subjectOf(request)) }),
  );

  app.get(
    "/api/v1/operator/today",
    {
      config: { access },
      schema: {
        operationId: "getOperatorToday",
        tags,
        summary: "My figures for today: served, average service time, no-shows, redirected",
        querystring: workplaceQuerySchema,
        response: { 200: operatorTodaySchema },
      },
    },
    async (request) => {
      const subject = await subjectOf(request);
      return todayOf(deps.db, request.branch, subject.employeeId, deps.clock());
    },
  );

  app.post(
    "/api/v1/operator/call-next",
    {
      config: { access },
      schema: {
        operationId: "callNextTicket",
        tags,
        summary: "Call the next client by the calling policy; 204 when nobody eligible waits",
        response: { 200: ticketSchema, 204: z.void(), ...errorResponses(409) },
      },
    },
    async (request, reply) => {
      const ticket = await callNext(deps, request.branch, employeeId(request));
      return ticket ? ticket : reply.status(204).send();
    },
  );

  const ticketAction = (
    operationId: string,
    path: string,
    summary: string,
    run: (request: FastifyRequest, id: string) => Promise<unknown>,
  ) =>
    app.post(
      `/api/v1/operator/tickets/:id/${path}`,
      {
        config: { access },
        schema: {
          operationId,
          tags,
          summary,
          params: idParamsSchema,
          response: { 200: ticketSchema, ...errorResponses(409) },
        },
      },
      async (request) => run(request, request.params.id) as never,
    );

  ticketAction("callTicket", "call", "Call this waiting ticket", (r, id) =>
    callTicket(deps, r.branch, employeeId(r), id),
  );
  ticketAction("recallTicket", "recall", "Call the client again (counted, announced again)", (r, id) =>
    recall(deps, r.branch, employeeId(r), id),
  );
  ticketAction("startServing", "start", "The client came: start serving", (r, id) =>
    start(deps, r.branch, employeeId(r), id),
  );
  ticketAction("markNoShow", "no-show", "The client did not come", (r, id) =>
    noShow(deps, r.branch, employeeId(r), id),
  );

  app.post(
    "/api/v1/operator/tickets/:id/finish",
    {
      config: { access },
      schema: {
        operationId: "finishTicket",
        tags,
        summary: "Finish serving, with an optional outcome note",
        params: idParamsSchema,
        body: finishSchema.nullish(),
        response: { 200: ticketSchema, ...errorResponses(409) },
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
        operationId: "returnTicket",
        tags,
        summary: "Return the ticket to the queue (keeps its place unless toEnd)",
        params: idParamsSchema,
        body: returnSchema.nullish(),
        response: { 200: ticketSchema, ...errorResponses(409) },
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
        operationId: "redirectTicket",
        tags,
        summary: "Send the client to another service with the same label",
        params: idParamsSchema,
        body: redirectSchema,
        response: { 200: ticketSchema, ...errorResponses(409) },
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
