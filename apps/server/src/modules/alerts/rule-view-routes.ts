import {
  alertChannelsStatusSchema,
  alertRuleSchema,
  alertTestResultSchema,
  idParamsSchema,
  listOf,
} from "@dq/shared";
import { notFound } from "../../core/errors.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { reveals, tags } from "./access.ts";
import { testMessage } from "./messages.ts";
import { channelsOf, findRule, listRules, publicChannel, ruleDto } from "./repository.ts";
import { messageBody } from "./senders.ts";

/** Reading alert rules, the channels this server can send to, and a rule's test message. */
export async function alertRuleViewRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    "/api/v1/alert-rules",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        operationId: "listAlertRules",
        tags,
        summary: "Alert rules of the office",
        response: { 200: listOf(alertRuleSchema) },
      },
    },
    async (request) => ({
      items: (await listRules(db, request.branch.id)).map((r) => ruleDto(r, reveals(request))),
    }),
  );

  app.get(
    "/api/v1/alert-rules/channels",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "listAlertChannels",
        tags,
        summary: "Which external channels this server can deliver to (SMTP, Telegram configured)",
        response: { 200: alertChannelsStatusSchema },
      },
    },
    async () => app.deps.senders.available,
  );

  app.get(
    "/api/v1/alert-rules/:id",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        operationId: "getAlertRule",
        tags,
        params: idParamsSchema,
        response: { 200: alertRuleSchema },
      },
    },
    async (request) => {
      const rule = await findRule(db, request.branch.id, request.params.id);
      if (!rule) throw notFound("alert rule");
      return ruleDto(rule, reveals(request));
    },
  );

  app.post(
    "/api/v1/alert-rules/:id/test",
    {
      config: { access: { role: "admin" }, rateLimit: { max: 10, timeWindow: 60_000 } },
      schema: {
        operationId: "testAlertRule",
        tags,
        summary: "Send a test message to every channel of the rule now, and say how each went",
        params: idParamsSchema,
        response: { 200: alertTestResultSchema, ...errorResponses(429) },
      },
    },
    async (request) => {
      const rule = await findRule(db, request.branch.id, request.params.id);
      if (!rule) throw notFound("alert rule");
      const branch = request.branch;
      const message = testMessage(branch.name, branch.settings.defaultLanguage);
      const now = app.deps.clock();
      const channels = channelsOf(rule, true).filter((c) => c.type !== "in_app");
      const results = await Promise.all(
        channels.map(async (channel) => {
          const body = messageBody(
            channel,
            "test",
            null,
            { id: branch.id, name: branch.name },
            message.text,
            now,
          );
          try {
            await app.deps.senders.send(channel, {
              deliveryId: "test",
              event: "test",
              subject: message.title,
              body,
            });
            return { channel: publicChannel(channel, true), ok: true, error: null };
          } catch (error) {
            return { channel: publicChannel(channel, true), ok: false, error: (error as Error).message };
          }
        }),
      );
      return { results };
    },
  );
}
