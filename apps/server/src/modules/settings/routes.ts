import {
  auditEntrySchema,
  branchCreateSchema,
  branchPatchSchema,
  branchSchema,
  dateSchema,
  listOf,
  mergeBranchSettings,
} from "@dq/shared";
import { sql } from "kysely";
import { z } from "zod";
import { inTransaction } from "../../db/transaction.ts";
import type { App } from "../../http/types.ts";
import { insertBranch, listBranches } from "../../queue/branches.ts";
import { audit } from "../audit/audit.ts";

const tags = ["settings"];

export async function settingsRoutes(app: App) {
  const { db, clock } = app.deps;

  app.get(
    "/api/v1/branch",
    {
      config: { access: { role: "operator", devices: ["kiosk", "board", "counter", "feedback"] } },
      schema: {
        operationId: "getBranch",
        tags,
        summary: "The current branch (office) and its settings",
        response: { 200: branchSchema },
      },
    },
    async (request) => request.branch,
  );

  app.patch(
    "/api/v1/branch",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "updateBranch",
        tags,
        summary: "Change the office's name, timezone or settings",
        body: branchPatchSchema,
        response: { 200: branchSchema },
      },
    },
    async (request) => {
      const b = request.body;
      const current = request.branch;
      // Nothing to change: the branch as it is, with nothing written or audited.
      if (Object.keys(b).length === 0) return current;
      const settings = mergeBranchSettings(current.settings, b.settings ?? {});
      await inTransaction(db, async (tx) => {
        await tx
          .updateTable("branches")
          .set({
            ...(b.name !== undefined && { name: b.name }),
            ...(b.timezone !== undefined && { timezone: b.timezone }),
            settings: JSON.stringify(settings),
            updated_at: clock(),
          })
          .where("id", "=", current.id)
          .execute();
        await audit(tx, request, {
          action: "branch.update",
          entity: "branch",
          entityId: current.id,
          data: b,
        });
      });
      app.branches.invalidate();
      return (await app.branches.get(current.id))!;
    },
  );

  app.get(
    "/api/v1/branches",
    {
      config: { access: { role: "admin" } },
      schema: { operationId: "listBranches", tags, response: { 200: listOf(branchSchema) } },
    },
    async () => ({ items: await listBranches(db) }),
  );

  app.post(
    "/api/v1/branches",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "createBranch",
        tags,
        summary: "Add an office",
        body: branchCreateSchema,
        response: { 201: branchSchema },
      },
    },
    async (request, reply) => {
      const branch = await inTransaction(db, async (tx) => {
        const created = await insertBranch(tx, request.body);
        await audit(tx, request, {
          action: "branch.create",
          entity: "branch",
          entityId: created.id,
          data: request.body,
        });
        return created;
      });
      app.branches.invalidate();
      return reply.status(201).send(branch);
    },
  );

  app.get(
    "/api/v1/audit-log",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "listAuditLog",
        tags,
        summary: "Who changed what and when",
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          beforeId: z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
          entity: z.string().max(50).optional(),
          actorId: z
            .string()
            .regex(/^\d{1,18}$/)
            .optional(),
          /** Calendar days in the office's timezone, both included. */
          from: dateSchema.optional(),
          to: dateSchema.optional(),
        }),
        response: { 200: listOf(auditEntrySchema) },
      },
    },
    async (request) => {
      const q = request.query;
      let query = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(q.limit);
      query = query.where((eb) =>
        eb.or([eb("branch_id", "=", request.branch.id), eb("branch_id", "is", null)]),
      );
      if (q.beforeId) query = query.where("id", "<", q.beforeId);
      if (q.entity) query = query.where("entity", "=", q.entity);
      if (q.actorId) query = query.where("actor_id", "=", q.actorId);
      const tz = request.branch.timezone;
      if (q.from)
        query = query.where("created_at", ">=", sql<Date>`(${q.from}::date)::timestamp at time zone ${tz}`);
      if (q.to)
        query = query.where(
          "created_at",
          "<",
          sql<Date>`((${q.to}::date) + 1)::timestamp at time zone ${tz}`,
        );
      const rows = await query.execute();
      return {
        items: rows.map((r) => ({
          id: r.id,
          at: r.created_at.toISOString(),
          actor: { kind: r.actor_kind, id: r.actor_id, name: r.actor_name },
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          data: r.data,
          ip: r.ip,
        })),
      };
    },
  );
}
