import {
  alertDetailSchema,
  alertListQuerySchema,
  alertListSchema,
  alertSchema,
  idParamsSchema,
} from "@dq/shared";
import { notFound } from "../../core/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { App } from "../../http/types.ts";
import { reveals, tags } from "./access.ts";
import { appendAlertEvent } from "./evaluate.ts";
import { lockBranchAlerts } from "./lock.ts";
import { acknowledge, deliveriesOf, findAlert, listAlerts } from "./repository.ts";

/** The alerts the rules raised: the log, one alert with its deliveries, acknowledgement. */
export async function alertLogRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    "/api/v1/alerts",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        operationId: "listAlerts",
        tags,
        summary: "The alert log, newest first",
        querystring: alertListQuerySchema,
        response: { 200: alertListSchema },
      },
    },
    async (request) => listAlerts(db, request.branch.id, request.query),
  );

  app.get(
    "/api/v1/alerts/:id",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        operationId: "getAlert",
        tags,
        summary: "One alert with the messages sent about it",
        params: idParamsSchema,
        response: { 200: alertDetailSchema },
      },
    },
    async (request) => {
      const alert = await findAlert(db, request.branch.id, request.params.id);
      if (!alert) throw notFound("alert");
      return { ...alert, deliveries: await deliveriesOf(db, alert.id, reveals(request)) };
    },
  );

  app.post(
    "/api/v1/alerts/:id/ack",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        operationId: "acknowledgeAlert",
        tags,
        summary:
          "Acknowledge: someone is on it (stops reminders and escalation); repeating it changes nothing",
        params: idParamsSchema,
        response: { 200: alertSchema },
      },
    },
    async (request) => {
      const p = request.principal;
      return inTransaction(db, async (tx) => {
        // A round deciding a reminder or an escalation right now finishes first; the next sees this.
        await lockBranchAlerts(tx, request.branch.id);
        const now = app.deps.clock();
        const changed = await acknowledge(
          tx,
          request.branch.id,
          request.params.id,
          p.kind === "employee" ? p.id : null,
          now,
        );
        const alert = await findAlert(tx, request.branch.id, request.params.id);
        if (!alert) throw notFound("alert");
        if (changed) await appendAlertEvent(tx, request.branch.id, "alert.acknowledged", alert, now);
        return alert;
      });
    },
  );
}
