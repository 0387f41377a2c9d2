import { boardSchema, publicQueueSchema, workstationNumberSchema } from "@dq/shared";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import type { App } from "../../http/types.ts";
import { serviceAvailability } from "../../queue/availability.ts";

const tags = ["board"];

export async function boardRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    "/api/v1/board",
    {
      config: { access: "public", tokenInQuery: true },
      schema: {
        operationId: "getBoard",
        tags,
        summary: "What a display board shows: current calls (newest first) and waiting tickets",
        response: { 200: boardSchema },
      },
    },
    async (request) => {
      const branch = request.branch;
      const p = request.principal;
      const config = p.kind === "device" ? p.config : {};
      const windows = config.workstationNumbers;
      let calls = db
        .selectFrom("tickets as t")
        .innerJoin("workstations as w", "w.id", "t.workstation_id")
        .select([
          "t.id",
          "t.label",
          "t.service_id",
          "t.status",
          "t.call_count",
          "t.called_at",
          "t.last_called_at",
          "w.name",
          "w.number",
          "w.spoken_name",
        ])
        .where("t.branch_id", "=", branch.id)
        .where("t.status", "in", ["called", "serving"]);
      if (windows?.length) calls = calls.where("w.number", "in", windows);
      // A board that shows some windows lists only the clients waiting for what those windows serve.
      let waiting = db
        .selectFrom("tickets as t")
        .select(["t.label", "t.service_id"])
        .where("t.branch_id", "=", branch.id)
        .where("t.status", "=", "waiting");
      if (windows?.length) {
        waiting = waiting.where((eb) =>
          eb.exists(
            eb
              .selectFrom("workstation_services as ws")
              .innerJoin("workstations as w", "w.id", "ws.workstation_id")
              .select("ws.service_id")
              .whereRef("ws.service_id", "=", "t.service_id")
              .where("w.branch_id", "=", branch.id)
              .where("w.number", "in", windows),
          ),
        );
      }
      const [callRows, waitingRows, last] = await Promise.all([
        // Newest call or recall first: a recalled client is shown (and announced) again at the top.
        calls.orderBy("t.last_called_at", "desc").limit(branch.settings.boardCalls).execute(),
        branch.settings.boardShowWaiting
          ? waiting.orderBy("t.priority", "desc").orderBy("t.enqueued_at").limit(100).execute()
          : Promise.resolve([]),
        db
          .selectFrom("events")
          .select((eb) => eb.fn.max("id").as("max"))
          .where("branch_id", "=", branch.id)
          .executeTakeFirst(),
      ]);
      return {
        branch: {
          id: branch.id,
          name: branch.name,
          runningText: branch.settings.runningText,
          timezone: branch.timezone,
        },
        calls: callRows.map((c) => ({
          ticketId: c.id,
          label: c.label,
          serviceId: c.service_id,
          status: c.status,
          callCount: c.call_count,
          workstation: { name: c.name, number: c.number, spokenName: c.spoken_name },
          calledAt: c.called_at!.toISOString(),
          lastCalledAt: (c.last_called_at ?? c.called_at)!.toISOString(),
        })),
        waiting: waitingRows.map((w) => ({ label: w.label, serviceId: w.service_id })),
        lastEventId: String(last?.max ?? 0),
        serverTime: app.deps.clock().toISOString(),
        display: {
          language: config.language ?? null,
          voice: config.voice ?? true,
          showWaiting: branch.settings.boardShowWaiting,
          calls: branch.settings.boardCalls,
          workstationNumbers: windows ?? [],
        },
      };
    },
  );

  app.get(
    "/api/v1/counter/:number",
    {
      config: { access: "public", tokenInQuery: true },
      schema: {
        operationId: "getCounterDisplay",
        tags,
        summary: "What the counter display above one window shows",
        params: z.object({ number: workstationNumberSchema }),
        response: {
          200: z.object({
            workstation: z.object({ name: z.string(), number: z.string() }),
            ticket: z.object({ label: z.string(), status: z.string(), callCount: z.number() }).nullable(),
          }),
        },
      },
    },
    async (request) => {
      const w = await db
        .selectFrom("workstations")
        .select(["id", "name", "number"])
        .where("branch_id", "=", request.branch.id)
        .where("number", "=", request.params.number)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!w) throw notFound("workstation");
      const t = await db
        .selectFrom("tickets")
        .select(["label", "status", "call_count"])
        .where("workstation_id", "=", w.id)
        .where("status", "in", ["called", "serving"])
        .executeTakeFirst();
      return {
        workstation: { name: w.name, number: w.number },
        ticket: t ? { label: t.label, status: t.status, callCount: t.call_count } : null,
      };
    },
  );

  app.get(
    "/api/v1/overview",
    {
      config: { access: "public" },
      schema: {
        operationId: "getQueueOverview",
        tags,
        summary: "Public queue overview: waiting and estimated wait per service",
        response: { 200: publicQueueSchema },
      },
    },
    async (request) => {
      const services = await serviceAvailability(db, request.branch, app.deps.clock());
      return {
        items: services
          .filter((s) => !s.isGroup)
          .map((s) => ({
            serviceId: s.id,
            name: s.name,
            translations: s.translations,
            waiting: s.waiting,
            open: s.state === "open",
            state: s.state,
            estimatedWait: s.estimatedWait,
          })),
      };
    },
  );
}
