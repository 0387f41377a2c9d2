import {
  type AlertRuleCreate,
  alertChannelsStatusSchema,
  alertRuleCreateSchema,
  alertRulePatchSchema,
  alertRuleSchema,
  alertTestResultSchema,
  idParamsSchema,
  listOf,
} from "@dq/shared";
import type { Transaction } from "kysely";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import type { DB, StoredChannel } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { audit } from "../audit/audit.ts";
import { reveals, tags } from "./access.ts";
import { appendAlertEvent } from "./evaluate.ts";
import { lockBranchAlerts } from "./lock.ts";
import { testMessage } from "./messages.ts";
import {
  alertsByIds,
  archiveRule,
  channelsOf,
  findRule,
  insertRule,
  listRules,
  openAlertIdsOfRule,
  publicChannel,
  type RuleValues,
  resolveAlertsOfRule,
  ruleDto,
  updateRule,
} from "./repository.ts";
import {
  auditedRule,
  checkRuleReferences,
  mergeRule,
  storedChannels,
  storedEscalation,
} from "./rule-input.ts";
import { messageBody } from "./senders.ts";

function ruleValues(rule: AlertRuleCreate, channels: StoredChannel[], escalation: string | null): RuleValues {
  return {
    name: rule.name,
    kind: rule.kind,
    service_id: rule.serviceId,
    threshold: rule.threshold,
    channels: JSON.stringify(channels),
    cooldown_minutes: rule.cooldownMinutes,
    escalation,
    active: rule.active,
  };
}

/** Alert rules: list, read, create, change, archive, and send a test message. */
export async function alertRuleRoutes(app: App) {
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
    "/api/v1/alert-rules",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "createAlertRule",
        tags,
        body: alertRuleCreateSchema,
        response: { 201: alertRuleSchema, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const rule = request.body;
      await checkRuleReferences(db, request.branch.id, rule, app.deps.senders);
      const escalation = storedEscalation(rule.escalation, null, []);
      const row = await inTransaction(db, async (tx) => {
        const created = await insertRule(
          tx,
          request.branch.id,
          ruleValues(rule, storedChannels(rule.channels), escalation && JSON.stringify(escalation)),
        );
        await audit(tx, request, {
          action: "alert_rule.create",
          entity: "alert_rule",
          entityId: created.id,
          data: auditedRule(rule),
        });
        return created;
      });
      return reply.status(201).send(ruleDto(row, true));
    },
  );

  app.patch(
    "/api/v1/alert-rules/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "updateAlertRule",
        tags,
        params: idParamsSchema,
        body: alertRulePatchSchema,
        response: { 200: alertRuleSchema, ...errorResponses(422) },
      },
    },
    async (request) => {
      // Nothing to change: the rule as it is, with nothing written, audited or announced.
      if (Object.keys(request.body).length === 0) {
        const current = await findRule(db, request.branch.id, request.params.id);
        if (!current) throw notFound("alert rule");
        return ruleDto(current, true);
      }
      const row = await inTransaction(db, async (tx) => {
        // Not while a round is deciding about this office's alerts from the rule as it was.
        await lockBranchAlerts(tx, request.branch.id);
        const current = await findRule(tx, request.branch.id, request.params.id);
        if (!current) throw notFound("alert rule");
        const rule = mergeRule(current, request.body);
        await checkRuleReferences(tx, request.branch.id, request.body, app.deps.senders);
        const now = app.deps.clock();
        const escalation = storedEscalation(rule.escalation, current.escalation, current.channels);
        const updated = await updateRule(tx, current.id, {
          ...ruleValues(
            rule,
            storedChannels(rule.channels, current.channels),
            escalation && JSON.stringify(escalation),
          ),
          updated_at: now,
        });
        // A rule switched off, or now watching something else, leaves nothing open behind it; its
        // open alerts otherwise show as the rule now says (in the app or not, its name).
        if (!rule.active || rule.kind !== current.kind || rule.serviceId !== current.service_id)
          await closeAlertsOfRule(tx, request.branch.id, current.id, now);
        else
          for (const alert of await alertsByIds(tx, await openAlertIdsOfRule(tx, current.id)))
            await appendAlertEvent(tx, request.branch.id, "alert.updated", alert, now);
        await audit(tx, request, {
          action: "alert_rule.update",
          entity: "alert_rule",
          entityId: current.id,
          data: auditedRule(rule),
        });
        return updated;
      });
      return ruleDto(row, true);
    },
  );

  app.delete(
    "/api/v1/alert-rules/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "deleteAlertRule",
        tags,
        summary: "Archive a rule (its alerts stay in the log; open ones resolve)",
        params: idParamsSchema,
        response: { 204: z.void() },
      },
    },
    async (request, reply) => {
      await inTransaction(db, async (tx) => {
        await lockBranchAlerts(tx, request.branch.id);
        const now = app.deps.clock();
        const deleted = await archiveRule(tx, request.branch.id, request.params.id, now);
        if (!deleted) throw notFound("alert rule");
        await closeAlertsOfRule(tx, request.branch.id, deleted.id, now);
        await audit(tx, request, { action: "alert_rule.delete", entity: "alert_rule", entityId: deleted.id });
      });
      return reply.status(204).send();
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

/** Resolves a rule's open alerts without messages: nothing cleared, the rule just stopped watching. */
async function closeAlertsOfRule(tx: Transaction<DB>, branchId: string, ruleId: string, now: Date) {
  const ids = await resolveAlertsOfRule(tx, ruleId, now, "rule_inactive");
  for (const alert of await alertsByIds(tx, ids))
    await appendAlertEvent(tx, branchId, "alert.resolved", alert, now);
}
