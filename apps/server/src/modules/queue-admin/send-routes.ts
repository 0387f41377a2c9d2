import { idParamsSchema, idSchema, sendTargetSchema, ticketSchema } from "@dq/shared";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import { errorResponses } from "../../http/openapi.ts";
import { actorOf } from "../../http/principal.ts";
import type { App } from "../../http/types.ts";
import { findTicket } from "../../queue/repository.ts";
import { sendToWorkstation } from "../../queue/transitions.ts";
import { sendTargets } from "../../queue/workstation-fit.ts";
import { audit } from "../audit/audit.ts";

import { access, tags } from "./access.ts";

/** A supervisor sends a waiting ticket to a window: which windows may take it, and sending it. */
export async function queueSendRoutes(app: App) {
  const deps = app.deps;

  app.get(
    "/api/v1/queue/tickets/:id/workstations",
    {
      config: { access },
      schema: {
        operationId: "listSendTargets",
        tags,
        summary:
          "The workstations this ticket may be sent to (those serving its service), with who works there and his status",
        params: idParamsSchema,
        response: { 200: z.object({ items: z.array(sendTargetSchema) }) },
      },
    },
    async (request) => {
      const t = await findTicket(deps.db, request.branch.id, request.params.id);
      if (!t) throw notFound("ticket");
      return { items: await sendTargets(deps.db, request.branch.id, t.service_id) };
    },
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
}
