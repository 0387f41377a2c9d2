import { finishSchema, idParamsSchema, redirectSchema, returnSchema, ticketSchema } from "@dq/shared";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
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
  undoNoShow,
} from "../../queue/transitions.ts";
import { access, employeeId, tags } from "./access.ts";

/** What an operator does with tickets: call, recall, start, no-show (and undo), finish, return, redirect. */
export async function ticketActionRoutes(app: App) {
  const deps = app.deps;

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

  // The actions that take nothing but the ticket.
  const plain = [
    ["callTicket", "call", "Call this waiting ticket", callTicket],
    ["recallTicket", "recall", "Call the client again (counted, announced again)", recall],
    ["startServing", "start", "The client came: start serving", start],
    ["markNoShow", "no-show", "The client did not come", noShow],
    ["undoNoShow", "undo-no-show", "Take back one's no-show within 10 s: called again", undoNoShow],
  ] as const;
  for (const [operationId, path, summary, act] of plain) {
    ticketAction(operationId, path, summary, (r, id) => act(deps, r.branch, employeeId(r), id));
  }

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
