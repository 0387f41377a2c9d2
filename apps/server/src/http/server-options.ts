import type { Server } from "node:http";
import type { FastifyHttpOptions } from "fastify";
import { clientErrorHandler, frameworkErrors, routerOptions } from "./error-handler.ts";

/**
 * How long the server waits for clients. A client that sends its headers a line at a time
 * ("slowloris") is cut off after `headersMs`; a body that trickles in, after `requestMs`; an idle
 * keep-alive connection after `keepAliveMs` (longer than nginx's 60 s upstream keep-alive, so the
 * app never closes a connection the proxy is about to reuse); a response nobody reads, after
 * `idleSocketMs` of silence. Event streams are exempt from the last one (they stay open for hours
 * and are watched by their heartbeat and the send buffer instead); the others end once a request
 * has arrived, so they never touch a stream.
 */
export const HTTP_TIMEOUTS = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 72_000,
  idleSocketMs: 120_000,
  /** How often Node checks the first two; its default of 30 s would let a slow client stay 40 s. */
  checkIntervalMs: 1_000,
} as const;

/** Fastify's options for timeouts, framework errors and the raw HTTP server. */
export function serverOptions(): FastifyHttpOptions<Server> {
  return {
    connectionTimeout: HTTP_TIMEOUTS.idleSocketMs,
    keepAliveTimeout: HTTP_TIMEOUTS.keepAliveMs,
    requestTimeout: HTTP_TIMEOUTS.requestMs,
    http: {
      headersTimeout: HTTP_TIMEOUTS.headersMs,
      connectionsCheckingInterval: HTTP_TIMEOUTS.checkIntervalMs,
    },
    clientErrorHandler,
    frameworkErrors,
    routerOptions,
  };
}
