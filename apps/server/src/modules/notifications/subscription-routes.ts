import {
  appointmentCodeParamsSchema,
  idSchema,
  subscriptionCreateSchema,
  telegramLinkSchema,
  ticketCodeParamsSchema,
  ticketNotifySchema,
  unsubscribeParamsSchema,
  unsubscribeResultSchema,
  visitorSubscriptionSchema,
} from "@dq/shared";
import { z } from "zod";
import { conflict, notFound } from "../../core/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { findTicketByCode } from "../../queue/repository.ts";
import { findAppointmentByCode } from "../appointments/repository.ts";
import { kickNotifier } from "./notifier-job.ts";
import { subscribeFromPage, subscriptionView } from "./subscription-service.ts";
import { activeSubscriptions, stopSubscriptions } from "./subscriptions.ts";
import { unsubscribeByToken } from "./unsubscribe.ts";

const tags = ["tickets"];
/** Per client address: enough for a family subscribing its phones, not for a relay. */
const SUBSCRIBE_LIMIT = { max: 20, timeWindow: "1 minute" };
const READ_LIMIT = { max: 120, timeWindow: "1 minute" };
const FINISHED = new Set(["served", "no_show", "cancelled"]);
const subscribeResponses = {
  200: visitorSubscriptionSchema,
  201: visitorSubscriptionSchema,
  202: telegramLinkSchema,
  ...errorResponses(409, 429),
};

/** Visitor notifications by the ticket's (or appointment's) public code (docs/remote-join.md). */
export async function subscriptionRoutes(app: App) {
  const deps = app.deps;
  const branchOf = async (id: string) => (await app.branches.get(id))!;

  async function openTicket(code: string) {
    const t = await findTicketByCode(deps.db, code);
    if (!t) throw notFound("ticket");
    return t;
  }

  app.post(
    "/api/v1/tickets/:code/subscriptions",
    {
      config: { access: "public", rateLimit: SUBSCRIBE_LIMIT },
      schema: {
        operationId: "subscribeToTicket",
        tags,
        summary: "Be told about the ticket: Telegram (202 with the bot's link), Web Push, SMS or e-mail",
        description:
          "The same recipient again is the same subscription (200). 409 `channel_unavailable` when this server cannot send through the channel, `ticket_finished` once the visit is over, `too_many_subscriptions` over 5 at once.",
        params: ticketCodeParamsSchema,
        body: subscriptionCreateSchema,
        response: subscribeResponses,
      },
    },
    async (request, reply) => {
      const t = await openTicket(request.params.code);
      if (FINISHED.has(t.status)) throw conflict("ticket_finished", "this ticket's visit is over");
      const answer = await subscribeFromPage(
        deps,
        await branchOf(t.branch_id),
        { ticketId: t.id, code: t.code, language: t.language },
        request.body,
      );
      kickNotifier(deps);
      return reply.status(answer.status).send(answer.body as never);
    },
  );

  app.get(
    "/api/v1/tickets/:code/notifications",
    {
      config: { access: "public", rateLimit: READ_LIMIT },
      schema: {
        operationId: "getTicketNotifications",
        tags,
        summary: "The channels this server can notify through, and the ticket's subscriptions (masked)",
        params: ticketCodeParamsSchema,
        response: { 200: ticketNotifySchema, ...errorResponses(429) },
      },
    },
    async (request) => {
      const t = await openTicket(request.params.code);
      const channels = deps.visitorChannels;
      const [telegramLink, webPushPublicKey, subs] = await Promise.all([
        channels.telegram ? channels.telegramLink(t.code) : null,
        channels.webPushPublicKey().catch(() => null),
        activeSubscriptions(deps.db, { ticketId: t.id }),
      ]);
      return {
        telegramLink,
        webPushPublicKey,
        sms: channels.sms,
        email: channels.email,
        subscriptions: subs.map(subscriptionView),
      };
    },
  );

  app.delete(
    "/api/v1/tickets/:code/subscriptions/:id",
    {
      config: { access: "public", rateLimit: SUBSCRIBE_LIMIT },
      schema: {
        operationId: "unsubscribeFromTicket",
        tags,
        summary: "Stop one of the ticket's subscriptions (again: still 204)",
        params: ticketCodeParamsSchema.extend({ id: idSchema }),
        response: { 204: z.void(), ...errorResponses(429) },
      },
    },
    async (request, reply) => {
      const t = await openTicket(request.params.code);
      const sub = await deps.db
        .selectFrom("visitor_subscriptions")
        .select("id")
        .where("id", "=", request.params.id)
        .where("ticket_id", "=", t.id)
        .executeTakeFirst();
      if (!sub) throw notFound("subscription");
      await inTransaction(deps.db, (tx) => stopSubscriptions(tx, { ids: [sub.id], now: deps.clock() }));
      return reply.status(204).send();
    },
  );

  appointmentSubscriptionRoutes(app);
}

/** Subscribing to an appointment, and the one-tap unsubscribe of any subscription. */
function appointmentSubscriptionRoutes(app: App) {
  const deps = app.deps;
  const branchOf = async (id: string) => (await app.branches.get(id))!;

  app.post(
    "/api/v1/appointments/:code/subscriptions",
    {
      config: { access: "public", rateLimit: SUBSCRIBE_LIMIT },
      schema: {
        operationId: "subscribeToAppointment",
        tags: ["appointments"],
        summary: "Be reminded of the appointment and told about its ticket: as for a ticket",
        description: "409 `appointment_finished` once it is cancelled or its day is over.",
        params: appointmentCodeParamsSchema,
        body: subscriptionCreateSchema,
        response: subscribeResponses,
      },
    },
    async (request, reply) => {
      const a = await findAppointmentByCode(deps.db, request.params.code);
      if (!a) throw notFound("appointment");
      const branch = await branchOf(a.branch_id);
      const ticket = a.ticket_id
        ? await deps.db
            .selectFrom("tickets")
            .select("status")
            .where("id", "=", a.ticket_id)
            .executeTakeFirst()
        : null;
      const over =
        a.status === "cancelled" ||
        (ticket ? FINISHED.has(ticket.status) : new Date(a.ends_at) < deps.clock());
      if (over) throw conflict("appointment_finished", "this appointment is cancelled or over");
      const answer = await subscribeFromPage(
        deps,
        branch,
        { appointmentId: a.id, code: a.code, language: a.language },
        request.body,
      );
      kickNotifier(deps);
      return reply.status(answer.status).send(answer.body as never);
    },
  );

  app.post(
    "/api/v1/unsubscribe/:token",
    {
      config: { access: "public", rateLimit: SUBSCRIBE_LIMIT },
      schema: {
        operationId: "unsubscribeByToken",
        tags,
        summary: "One-tap unsubscribe from a message's /u/<token> link: what was stopped (again: the same)",
        params: unsubscribeParamsSchema,
        response: { 200: unsubscribeResultSchema, ...errorResponses(429) },
      },
    },
    async (request) => unsubscribeByToken(deps, request.params.token),
  );
}
