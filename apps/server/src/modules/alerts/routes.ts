import {
  alertChannelSchema,
  alertChannelsStatusSchema,
  alertDetailSchema,
  alertListQuerySchema,
  alertListSchema,
  alertRuleCreateSchema,
  alertRulePatchSchema,
  alertRuleSchema,
  alertSchema,
  idParamsSchema,
  type Language,
  listOf,
} from "@dq/shared";
import type { Transaction } from "kysely";
import { z } from "zod";
import type { DB } from "../../db/schema.ts";
import { appendEvent } from "../../events/log.ts";
import { notFound } from "../../http/errors.ts";
import type { App } from "../../http/types.ts";
import { audit } from "../audit/audit.ts";
import { testMessage } from "./messages.ts";
import {
  alertsByIds,
  deliveriesOf,
  findAlert,
  findRule,
  listAlerts,
  publicChannel,
  ruleDto,
} from "./repository.ts";
import {
  auditedRule,
  checkRuleReferences,
  mergeRule,
  storedChannels,
  storedEscalation,
} from "./rule-input.ts";
import { webhookBody } from "./senders.ts";

const ruleTags = ["alerts"];

export async function alertRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    "/api/v1/alert-rules",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        tags: ruleTags,
        summary: "Alert rules of the office",
        response: { 200: listOf(alertRuleSchema) },
      },
    },
    async (request) => {
      const rows = await db
        .selectFrom("alert_rules")
        .selectAll()
        .where("branch_id", "=", request.branch.id)
        .where("deleted_at", "is", null)
        .orderBy("id")
        .execute();
      return { items: rows.map(ruleDto) };
    },
  );

  app.get(
    "/api/v1/alert-rules/channels",
    {
      config: { access: { role: "admin" } },
      schema: {
        tags: ruleTags,
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
      schema: { tags: ruleTags, params: idParamsSchema, response: { 200: alertRuleSchema } },
    },
    async (request) => {
      const rule = await findRule(db, request.branch.id, request.params.id);
      if (!rule) throw notFound("alert rule");
      return ruleDto(rule);
    },
  );

  app.post(
    "/api/v1/alert-rules",
    {
      config: { access: { role: "admin" } },
      schema: { tags: ruleTags, body: alertRuleCreateSchema, response: { 201: alertRuleSchema } },
    },
    async (request, reply) => {
      const rule = request.body;
      await checkRuleReferences(db, request.branch.id, rule, app.deps.senders);
      const channels = storedChannels(rule.channels);
      const row = await db.transaction().execute(async (tx) => {
        const created = await tx
          .insertInto("alert_rules")
          .values({
            branch_id: request.branch.id,
            name: rule.name,
            kind: rule.kind,
            service_id: rule.serviceId,
            threshold: rule.threshold,
            channels: JSON.stringify(channels),
            cooldown_minutes: rule.cooldownMinutes,
            escalation: rule.escalation ? JSON.stringify(storedEscalation(rule.escalation, null, [])) : null,
            active: rule.active,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await audit(tx, request, {
          action: "alert_rule.create",
          entity: "alert_rule",
          entityId: created.id,
          data: auditedRule(rule),
        });
        return created;
      });
      return reply.status(201).send(ruleDto(row));
    },
  );

  app.patch(
    "/api/v1/alert-rules/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        tags: ruleTags,
        params: idParamsSchema,
        body: alertRulePatchSchema,
        response: { 200: alertRuleSchema },
      },
    },
    async (request) => {
      const row = await db.transaction().execute(async (tx) => {
        const current = await tx
          .selectFrom("alert_rules")
          .selectAll()
          .where("branch_id", "=", request.branch.id)
          .where("id", "=", request.params.id)
          .where("deleted_at", "is", null)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFound("alert rule");
        const rule = mergeRule(current, request.body);
        await checkRuleReferences(tx, request.branch.id, rule, app.deps.senders);
        const now = app.deps.clock();
        const updated = await tx
          .updateTable("alert_rules")
          .set({
            name: rule.name,
            kind: rule.kind,
            service_id: rule.serviceId,
            threshold: rule.threshold,
            channels: JSON.stringify(storedChannels(rule.channels, current.channels)),
            cooldown_minutes: rule.cooldownMinutes,
            escalation: rule.escalation
              ? JSON.stringify(storedEscalation(rule.escalation, current.escalation, current.channels))
              : null,
            active: rule.active,
            updated_at: now,
          })
          .where("id", "=", current.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        // A rule switched off, or now watching something else, leaves nothing open behind it.
        if (!rule.active || rule.kind !== current.kind || rule.serviceId !== current.service_id)
          await closeAlertsOfRule(tx, request.branch.id, current.id, now);
        await audit(tx, request, {
          action: "alert_rule.update",
          entity: "alert_rule",
          entityId: current.id,
          data: auditedRule(rule),
        });
        return updated;
      });
      return ruleDto(row);
    },
  );

  app.delete(
    "/api/v1/alert-rules/:id",
    {
      config: { access: { role: "admin" } },
      schema: {
        tags: ruleTags,
        summary: "Archive a rule (its alerts stay in the log; open ones resolve)",
        params: idParamsSchema,
        response: { 204: z.void() },
      },
    },
    async (request, reply) => {
      await db.transaction().execute(async (tx) => {
        const now = app.deps.clock();
        const deleted = await tx
          .updateTable("alert_rules")
          .set({ deleted_at: now, active: false, updated_at: now })
          .where("branch_id", "=", request.branch.id)
          .where("id", "=", request.params.id)
          .where("deleted_at", "is", null)
          .returning("id")
          .executeTakeFirst();
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
        tags: ruleTags,
        summary: "Send a test message to every channel of the rule now, and say how each went",
        params: idParamsSchema,
        response: {
          200: z.object({
            results: z.array(
              z.object({ channel: alertChannelSchema, ok: z.boolean(), error: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const rule = await findRule(db, request.branch.id, request.params.id);
      if (!rule) throw notFound("alert rule");
      const branch = request.branch;
      const lang: Language = branch.settings.defaultLanguage;
      const message = testMessage(branch.name, lang);
      const now = app.deps.clock();
      const channels = [...rule.channels, ...(rule.escalation?.channels ?? [])].filter(
        (c) => c.type !== "in_app",
      );
      const results = await Promise.all(
        channels.map(async (channel) => {
          try {
            await app.deps.senders.send(channel, {
              deliveryId: "test",
              event: "test",
              subject: message.title,
              body:
                channel.type === "webhook"
                  ? webhookBody("test", null, { id: branch.id, name: branch.name }, message.text, now)
                  : message.text,
            });
            return { channel: publicChannel(channel), ok: true, error: null };
          } catch (error) {
            return { channel: publicChannel(channel), ok: false, error: (error as Error).message };
          }
        }),
      );
      return { results };
    },
  );

  app.get(
    "/api/v1/alerts",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        tags: ruleTags,
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
        tags: ruleTags,
        summary: "One alert with the messages sent about it",
        params: idParamsSchema,
        response: { 200: alertDetailSchema },
      },
    },
    async (request) => {
      const alert = await findAlert(db, request.branch.id, request.params.id);
      if (!alert) throw notFound("alert");
      return { ...alert, deliveries: await deliveriesOf(db, alert.id) };
    },
  );

  app.post(
    "/api/v1/alerts/:id/ack",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        tags: ruleTags,
        summary:
          "Acknowledge: someone is on it (stops reminders and escalation); repeating it changes nothing",
        params: idParamsSchema,
        response: { 200: alertSchema },
      },
    },
    async (request) => {
      const p = request.principal;
      return db.transaction().execute(async (tx) => {
        const now = app.deps.clock();
        const acked = await tx
          .updateTable("alerts")
          .set({ acknowledged_at: now, acknowledged_by: p.kind === "employee" ? p.id : null })
          .where("branch_id", "=", request.branch.id)
          .where("id", "=", request.params.id)
          .where("acknowledged_at", "is", null)
          .returning("id")
          .executeTakeFirst();
        const alert = await findAlert(tx, request.branch.id, request.params.id);
        if (!alert) throw notFound("alert");
        if (acked) {
          await appendEvent(tx, {
            branchId: request.branch.id,
            type: "alert.acknowledged",
            at: now,
            employeeId: p.kind === "employee" ? p.id : null,
            data: { ...alert, alertId: alert.id },
          });
        }
        return alert;
      });
    },
  );
}

/** Resolves a rule's open alerts without messages: nothing cleared, the rule just stopped watching. */
async function closeAlertsOfRule(tx: Transaction<DB>, branchId: string, ruleId: string, now: Date) {
  const closed = await tx
    .updateTable("alerts")
    .set({ status: "resolved", resolved_at: now, resolve_reason: "rule_inactive", next_notify_at: null })
    .where("rule_id", "=", ruleId)
    .where("status", "=", "open")
    .returning("id")
    .execute();
  for (const alert of await alertsByIds(
    tx,
    closed.map((c) => c.id),
  )) {
    await appendEvent(tx, {
      branchId,
      type: "alert.resolved",
      at: now,
      data: { ...alert, alertId: alert.id },
    });
  }
}
