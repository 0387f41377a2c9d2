import {
  boardSchema,
  type CounterDisplay,
  counterDisplaySchema,
  publicQueueSchema,
  workstationNumberSchema,
} from "@dq/shared";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import type { App } from "../../http/types.ts";
import { serviceAvailability } from "../../queue/availability.ts";
import { counterOf } from "./repository.ts";
import { boardView } from "./view.ts";

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
      const p = request.principal;
      return boardView(db, request.branch, p.kind === "device" ? p.config : {}, app.deps.clock());
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
        response: { 200: counterDisplaySchema },
      },
    },
    async (request) => {
      const counter = await counterOf(db, request.branch.id, request.params.number);
      if (!counter) throw notFound("workstation");
      const { workstation: w, ticket: t, operator: o } = counter;
      const paused = o?.status === "paused";
      const state: CounterDisplay["window"] = !o ? "closed" : paused ? "paused" : "open";
      return {
        workstation: { name: w.name, number: w.number },
        ticket: t ? { label: t.label, status: t.status, callCount: t.call_count } : null,
        window: state,
        pauseReason:
          paused && o.reason_name ? { name: o.reason_name, translations: o.reason_translations ?? {} } : null,
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
      const services = await serviceAvailability(app.deps, request.branch);
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
            expectedCallAt: s.expectedCallAt,
            closesAt: s.closesAt,
          })),
      };
    },
  );
}
