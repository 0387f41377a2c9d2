import {
  arrivalSchema,
  postponeSchema,
  publicTicketSchema,
  remoteJoinInfoSchema,
  remoteTicketCreateSchema,
  ticketCodeParamsSchema,
} from "@dq/shared";
import { z } from "zod";
import { idempotencyKeyOf } from "../../http/idempotency-key.ts";
import { errorResponses } from "../../http/openapi.ts";
import type { App } from "../../http/types.ts";
import { arriveByCode } from "../../queue/arrival.ts";
import { postponeByCode } from "../../queue/postpone.ts";
import { issueRemoteTicket } from "../../queue/remote-join.ts";
import { doorKeyOf } from "../../queue/visitor-hash.ts";
import { publicTicketView } from "../tickets/public-view.ts";
import { remoteJoinInfo } from "./info.ts";

const tags = ["tickets"];
const idempotencyHeaders = z.object({ "idempotency-key": z.string().optional() }).loose();

/** Per client address (per instance), as the booking pages: a guest Wi-Fi shares one address. */
const BROWSE_LIMIT = { max: 120, timeWindow: "1 minute" };
const JOIN_LIMIT = { max: 20, timeWindow: "1 minute" };
const TICKET_ACTION_LIMIT = { max: 30, timeWindow: "1 minute" };

/** Remote join (docs/remote-join.md): the /join page, taking a ticket, postponing, «Я на месте». */
export async function remoteJoinRoutes(app: App) {
  const deps = app.deps;
  const loadBranch = async (id: string) => (await app.branches.get(id))!;
  const config = deps.config;
  const visitorChannels = deps.visitorChannels;
  // Web Push needs no settings (its keys are generated once); the others need theirs.
  const channels = {
    telegram: visitorChannels.telegram,
    webpush: true,
    sms: visitorChannels.sms,
    email: visitorChannels.email,
  };

  app.get(
    "/api/v1/remote-join",
    {
      config: { access: "public", rateLimit: BROWSE_LIMIT },
      schema: {
        operationId: "getRemoteJoin",
        tags,
        summary:
          "What the /join page shows: each service `open` for a remote ticket or the `reason` (ru, en) it is not, with the people a new ticket would have ahead (`waiting`: remote holders not yet arrived are not counted) and its estimate; categories; the channels this server has",
        response: { 200: remoteJoinInfoSchema, ...errorResponses(429) },
      },
    },
    async (request) => remoteJoinInfo(deps, request.branch, channels),
  );

  app.post(
    "/api/v1/remote-tickets",
    {
      config: { access: "public", rateLimit: JOIN_LIMIT },
      schema: {
        operationId: "joinRemotely",
        tags,
        summary:
          "Take a ticket from a phone (source `remote`). Honours Idempotency-Key: the same key answers the same ticket with 200 and `idempotent-replayed: true`, another body with it 422. 409 `remote_join_disabled`, `phone_daily_limit`, `browser_daily_limit`, `remote_share_limit`, `closes_before_turn` (checked in this order, each with `details.reason` {ru, en}); a closed service or its daily limit 422 as at the kiosk",
        description: "At most 20 joins a minute per client address.",
        body: remoteTicketCreateSchema,
        headers: idempotencyHeaders,
        response: { 200: publicTicketSchema, 201: publicTicketSchema, ...errorResponses(409, 422, 429) },
      },
    },
    async (request, reply) => {
      const result = await issueRemoteTicket(deps, request.branch, request.body, idempotencyKeyOf(request));
      if (result.replayed) reply.header("idempotent-replayed", "true");
      const view = await publicTicketView(deps, result.row, loadBranch);
      return reply.status(result.replayed ? 200 : 201).send(view);
    },
  );

  app.post(
    "/api/v1/tickets/:code/postpone",
    {
      config: { access: "public", rateLimit: TICKET_ACTION_LIMIT },
      schema: {
        operationId: "postponeTicket",
        tags,
        summary:
          "The holder of a waiting ticket lets `places` people go first (at most `postponeMaxPlaces`, 400 beyond). 409 `not_waiting`, `postpone_limit_reached`. Already last: 200, nothing changes. Honours Idempotency-Key: a retry does not move it twice",
        params: ticketCodeParamsSchema,
        body: postponeSchema,
        headers: idempotencyHeaders,
        response: { 200: publicTicketSchema, ...errorResponses(409, 422, 429) },
      },
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const result = await postponeByCode(deps, request.params.code, request.body.places, key, loadBranch);
      if (result.replayed) reply.header("idempotent-replayed", "true");
      return publicTicketView(deps, result.row, loadBranch);
    },
  );

  app.post(
    "/api/v1/tickets/:code/arrival",
    {
      config: { access: "public", rateLimit: TICKET_ACTION_LIMIT },
      schema: {
        operationId: "arriveTicket",
        tags,
        summary:
          "«Я на месте»: the phone's position (within the office's geofence) or the door's QR key; from now on call next may take the ticket. 409 `outside_geofence` (with `distanceMeters`), `geofence_not_set`, `door_key_invalid`, `not_waiting`. A ticket that needs no arrival or has arrived: 200, nothing changes",
        params: ticketCodeParamsSchema,
        body: arrivalSchema,
        response: { 200: publicTicketSchema, ...errorResponses(409, 429) },
      },
    },
    async (request) => {
      const row = await arriveByCode(deps, request.params.code, request.body, loadBranch);
      return publicTicketView(deps, row, loadBranch);
    },
  );

  app.get(
    "/api/v1/remote-join/door",
    {
      config: { access: { role: "admin" } },
      schema: {
        operationId: "getDoorKey",
        tags,
        summary: "The office's door QR key and the «Я на месте» link to print on the poster at the entrance",
        response: { 200: z.object({ doorKey: z.string(), url: z.string() }) },
      },
    },
    async (request) => {
      const doorKey = await doorKeyOf(deps.db, request.branch.id);
      const base = config.publicUrl?.replace(/\/+$/, "") ?? "";
      return { doorKey, url: `${base}/here?door=${doorKey}` };
    },
  );
}
