import { SSE_CHANNELS } from "@dq/shared";
import { z } from "zod";
import { DomainError, forbidden } from "../../core/errors.ts";
import { SseConnection } from "../../events/sse-connection.ts";
import { errorResponses } from "../../http/openapi.ts";
import { staffAtLeast } from "../../http/principal.ts";
import type { App } from "../../http/types.ts";

const HEARTBEAT_MS = 15_000;
const REPLAY_LIMIT = 1000;
/** A client that has this much unsent data is too slow: drop it; it reconnects and catches up. */
const MAX_BUFFERED_BYTES = 512 * 1024;

/** A client over its cap of streams is asked to come back after this long. */
const OVER_CAP_RETRY_SECONDS = 10;

const querySchema = z.object({
  channel: z.enum(SSE_CHANNELS).default("board"),
  heartbeat: z
    .enum(["comment", "event"])
    .default("comment")
    .describe(
      "`comment`: a `: heartbeat` comment line every 15 s, which EventSource ignores; `event`: a `heartbeat` event instead, for a client that watches for silence",
    ),
  lastEventId: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional(),
  token: z.string().max(200).optional(),
  branchId: z.string().optional(),
});

export async function eventRoutes(app: App) {
  app.get(
    "/api/v1/events",
    {
      config: { access: "public", tokenInQuery: true },
      schema: {
        operationId: "streamEvents",
        tags: ["live"],
        summary: "Server-Sent Events: live ticket events; replays what was missed after Last-Event-ID",
        querystring: querySchema,
        response: errorResponses(401, 429),
      },
    },
    async (request, reply) => {
      const { channel } = request.query;
      const p = request.principal;
      if (channel === "staff") {
        const staff = staffAtLeast(p, "operator");
        if (p.kind === "anonymous")
          throw new DomainError(401, "unauthenticated", "sign in to use the staff channel");
        if (!staff) throw forbidden("the staff channel is for staff only");
        await app.assertWorksInBranch(request);
      }
      // One client address may hold only so many streams: each is a socket and a subscriber.
      const cap = app.deps.config.sseMaxPerAddress;
      if (app.deps.hub.streamsFrom(request.ip) >= cap) {
        throw new DomainError(
          429,
          "too_many_streams",
          `this address already has ${cap} event streams open; close some or try again later`,
          { retryAfterSeconds: OVER_CAP_RETRY_SECONDS },
        );
      }
      const headerId = request.headers["last-event-id"];
      const lastEventId =
        typeof headerId === "string" && /^\d{1,18}$/.test(headerId) ? headerId : request.query.lastEventId;

      const res = reply.raw;
      reply.hijack();
      // A stream is quiet between events for hours; the idle-socket timeout is not for it.
      res.socket?.setTimeout(0);
      res.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      res.write("retry: 2000\n\n");

      // Alerts are for supervisors and administrators (the alert log is theirs too).
      const seesAlerts = staffAtLeast(p, "supervisor");
      const connection = new SseConnection(res, {
        channel,
        lastEventId: lastEventId ?? null,
        maxBufferedBytes: MAX_BUFFERED_BYTES,
        heartbeat: request.query.heartbeat,
        hides: seesAlerts ? undefined : (row) => row.type.startsWith("alert."),
        onDrop: () => {
          request.log.warn("dropping a slow SSE client");
          res.destroy();
        },
      });
      // Subscribe before reading the backlog, so nothing falls between the two.
      const unsubscribe = app.deps.hub.subscribe({
        branchId: request.branch.id,
        deliver: (row) => connection.deliver(row),
      });
      const heartbeat = setInterval(() => connection.heartbeat(), HEARTBEAT_MS);
      app.deps.hub.track(res, request.ip);
      res.on("close", () => {
        connection.close();
        clearInterval(heartbeat);
        unsubscribe();
        app.deps.hub.untrack(res);
      });

      try {
        const missed = lastEventId
          ? await app.deps.hub.since(request.branch.id, lastEventId, REPLAY_LIMIT + 1)
          : [];
        const newest = lastEventId ? await app.deps.hub.newestId() : null;
        connection.finishReplay(missed, REPLAY_LIMIT, newest);
      } catch (error) {
        // The stream is already open: end it; the client reconnects and tries again.
        request.log.error({ err: error }, "could not replay missed events");
        res.destroy();
      }
    },
  );
}
