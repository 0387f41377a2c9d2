import { auditEntrySchema, dateSchema, listOf } from "@dq/shared";
import { z } from "zod";
import type { App } from "../../http/types.ts";
import { listAudit } from "./repository.ts";

const tags = ["settings"];

/** The audit log: who changed what and when (administrators). */
export async function auditRoutes(app: App) {
  app.get(
    "/api/v1/audit-log",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "listAuditLog",
        tags,
        summary: "Who changed what and when",
        description:
          "Newest first. Each entry names what it refers to by id (`entityName`, `names`) and, for an update, " +
          "the values its fields had before it (`previous`), so that it can be shown without looking ids up.",
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
    async (request) => ({ items: await listAudit(app.deps.db, request.branch, request.query) }),
  );
}
