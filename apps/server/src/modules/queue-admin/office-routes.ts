import { idParamsSchema, idSchema, ticketSchema } from "@dq/shared";
import { z } from "zod";
import { inTransaction } from "../../db/transaction.ts";
import { errorResponses } from "../../http/openapi.ts";
import { actorOf } from "../../http/principal.ts";
import type { App } from "../../http/types.ts";
import { closeDay, releaseWorkstation, setServiceAccepting } from "../../queue/management.ts";
import { audit } from "../audit/audit.ts";

import { access, tags } from "./access.ts";

/** A supervisor's work on the office: open and close services, free a workstation, close the day. */
export async function queueOfficeRoutes(app: App) {
  const deps = app.deps;

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
