import {
  type AlertRuleCreate,
  alertRuleCreateSchema,
  alertRulePatchSchema,
  alertRuleSchema,
  idParamsSchema,
} from "@dq/shared";
import type { Transaction } from "kysely";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import type { DB, StoredChannel } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { audit, auditedChange } from "../audit/audit.ts";
import { tags } from "./access.ts";
import { appendAlertEvent } from "./evaluate.ts";
import { lockBranchAlerts } from "./lock.ts";
import {
  alertsByIds,
  archiveRule,
  findRule,
  insertRule,
  openAlertIdsOfRule,
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
/** Alert rules: create, change, archive (their open alerts follow). */
export async function alertRuleRoutes(app: App) {
  const { db } = app.deps;

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
      const entry = { action: "alert_rule.create", entity: "alert_rule", data: auditedRule(rule) };
      const row = await auditedChange(db, request, entry, (tx) =>
        insertRule(
          tx,
          request.branch.id,
          ruleValues(rule, storedChannels(rule.channels), escalation && JSON.stringify(escalation)),
        ),
      );
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
      await auditedChange(db, request, { action: "alert_rule.delete", entity: "alert_rule" }, async (tx) => {
        await lockBranchAlerts(tx, request.branch.id);
        const now = app.deps.clock();
        const deleted = await archiveRule(tx, request.branch.id, request.params.id, now);
        if (!deleted) throw notFound("alert rule");
        await closeAlertsOfRule(tx, request.branch.id, deleted.id, now);
        return deleted;
      });
      return reply.status(204).send();
    },
  );
}

/** Resolves a rule's open alerts without messages: nothing cleared, the rule just stopped watching. */
async function closeAlertsOfRule(tx: Transaction<DB>, branchId: string, ruleId: string, now: Date) {
  const ids = await resolveAlertsOfRule(tx, ruleId, now, "rule_inactive");
  for (const alert of await alertsByIds(tx, ids))
    await appendAlertEvent(tx, branchId, "alert.resolved", alert, now);
}
