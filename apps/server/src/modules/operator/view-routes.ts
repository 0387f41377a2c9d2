import {
  operatorStateSchema,
  operatorTodaySchema,
  queueSummarySchema,
  ticketSchema,
  workplaceQuerySchema,
  workstationChoiceSchema,
} from "@dq/shared";
import { z } from "zod";
import type { App } from "../../http/types.ts";
import { getOperatorState } from "../../queue/workplace.ts";
import { queuesFor, todayOf, waitingFor, workstationHeader } from "../../queue/workplace-view.ts";
import { workstationChoices } from "../../queue/workstation-fit.ts";
import { access, employeeId, subjectOf, tags } from "./access.ts";

/** What a workplace screen reads: the workstations to choose from, state, queues, callable tickets, today's figures. */
export async function workplaceViewRoutes(app: App) {
  const deps = app.deps;

  app.get(
    "/api/v1/operator/workstations",
    {
      config: { access },
      schema: {
        operationId: "listWorkstationChoices",
        tags,
        summary: "The workstations to choose from: who works there and which of my services each serves",
        response: { 200: z.object({ items: z.array(workstationChoiceSchema) }) },
      },
    },
    async (request) => ({ items: await workstationChoices(deps.db, request.branch, employeeId(request)) }),
  );

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
      const subject = await subjectOf(deps, request);
      if (subject.employeeId) return getOperatorState(deps.db, request.branch, subject.employeeId);
      const ws = subject.workstationId ? await workstationHeader(deps.db, subject.workstationId) : null;
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
      items: await queuesFor(deps.db, request.branch, await subjectOf(deps, request), deps.clock()),
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
    async (request) => ({ items: await waitingFor(deps.db, request.branch, await subjectOf(deps, request)) }),
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
      const subject = await subjectOf(deps, request);
      return todayOf(deps.db, request.branch, subject.employeeId, deps.clock());
    },
  );
}
