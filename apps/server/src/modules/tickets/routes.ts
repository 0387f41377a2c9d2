import {
  publicTicketSchema,
  ratingSchema,
  ticketCodeParamsSchema,
  ticketIssueSchema,
  ticketSchema,
} from "@dq/shared";
import { z } from "zod";
import { notFound } from "../../core/errors.ts";
import { ConcurrencyLimit } from "../../http/concurrency-limit.ts";
import { idempotencyKeyOf } from "../../http/idempotency-key.ts";
import { errorResponses } from "../../http/openapi.ts";
import { actorOf } from "../../http/principal.ts";
import type { App } from "../../http/types.ts";
import { issueTicket } from "../../queue/issue.ts";
import { cancelByCode, rateTicket } from "../../queue/management.ts";
import { findTicketByCode } from "../../queue/repository.ts";
import { publicTicketView } from "./public-view.ts";

const tags = ["tickets"];
/**
 * The public routes by code are limited per client address (per instance): a code has 40 random
 * bits and lives one day, so guessing within these limits finds nothing. Generous enough for a
 * guest Wi-Fi where many phones follow their tickets behind one address.
 */
const LOOKUP_LIMIT = { max: 600, timeWindow: "1 minute" };
const CANCEL_LIMIT = { max: 30, timeWindow: "1 minute" };
/** Tracking-page reads at work at once (of the pool's 20 connections), see ConcurrencyLimit. */
const TRACKING_READS_AT_ONCE = 6;

export async function ticketRoutes(app: App) {
  const deps = app.deps;
  const loadBranch = async (id: string) => (await app.branches.get(id))!;
  const trackingReads = new ConcurrencyLimit(TRACKING_READS_AT_ONCE);

  app.post(
    "/api/v1/tickets",
    {
      config: { access: { role: "operator", devices: ["kiosk"] } },
      schema: {
        operationId: "issueTicket",
        tags,
        summary: "Issue a ticket (kiosk device or staff). Honours Idempotency-Key for 24 hours",
        body: ticketIssueSchema,
        headers: z.object({ "idempotency-key": z.string().optional() }).loose(),
        response: { 201: ticketSchema, ...errorResponses(409, 422) },
      },
    },
    async (request, reply) => {
      const idempotencyKey = idempotencyKeyOf(request);
      const p = request.principal;
      const result = await issueTicket(
        deps,
        request.branch,
        {
          serviceId: request.body.serviceId,
          categoryId: request.body.categoryId ?? null,
          language: request.body.language ?? null,
          idempotencyKey,
          origin: p.kind === "device" ? "kiosk" : p.kind === "token" ? "api" : "staff",
          offeredServiceIds: p.kind === "device" ? (p.config.serviceIds ?? null) : null,
        },
        actorOf(p),
      );
      if (result.replayed) reply.header("idempotent-replayed", "true");
      return reply.status(201).send(result.ticket);
    },
  );

  app.get(
    "/api/v1/tickets/:code",
    {
      config: { access: "public", rateLimit: LOOKUP_LIMIT },
      schema: {
        operationId: "getTicketByCode",
        tags,
        summary: "A ticket by its public code: status, people ahead, estimated wait, window when called",
        description:
          "The code as printed (`K7QM-4XPA`) or in any case, with or without the dash or spaces; older 12-symbol codes too. At most 600 lookups a minute per client address.",
        params: ticketCodeParamsSchema,
        response: { 200: publicTicketSchema, ...errorResponses(429) },
      },
    },
    async (request) =>
      trackingReads.run(async () => {
        const t = await findTicketByCode(deps.db, request.params.code);
        if (!t) throw notFound("ticket");
        return publicTicketView(deps, t, loadBranch);
      }),
  );

  app.post(
    "/api/v1/tickets/:code/cancel",
    {
      config: { access: "public", rateLimit: CANCEL_LIMIT },
      schema: {
        operationId: "cancelTicketByCode",
        tags,
        summary: "The client cancels his waiting ticket",
        params: ticketCodeParamsSchema,
        response: { 200: publicTicketSchema, ...errorResponses(409, 429) },
      },
    },
    async (request) => {
      await cancelByCode(deps, request.params.code, loadBranch);
      return publicTicketView(deps, (await findTicketByCode(deps.db, request.params.code))!, loadBranch);
    },
  );

  app.post(
    "/api/v1/tickets/:code/rating",
    {
      config: {
        access: "public",
        rateLimit: { max: 20, timeWindow: "1 minute" },
      },
      schema: {
        operationId: "rateTicket",
        tags,
        summary: "Rate the service once it is served: 1–5 stars and a comment, once",
        params: ticketCodeParamsSchema,
        body: ratingSchema,
        response: { 204: z.void(), ...errorResponses(409, 429) },
      },
    },
    async (request, reply) => {
      await rateTicket(deps, request.params.code, request.body.score, request.body.comment, loadBranch);
      return reply.status(204).send();
    },
  );
}
