import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { Gauge, Histogram, Registry } from "prom-client";
import type { Database } from "../../db/database.ts";
import { metricsAccess } from "./access.ts";
import { processRegistry } from "./process-metrics.ts";
import { QueueMetrics } from "./queue-metrics.ts";

export interface MetricsOptions {
  database: Pick<Database, "pools">;
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Responses that last as long as the client stays: their "duration" is no request's latency. */
const STREAMS = new Set(["/api/v1/events"]);

/**
 * GET /metrics in the Prometheus text format, and the timing of every request.
 *
 * Each app has a registry of its own: what is about this instance (its requests, its SSE clients,
 * its connection pools) is counted here; the process's own metrics come from one registry per
 * process (process-metrics.ts); the queue's figures are read from the database at each scrape
 * (queue-metrics.ts says why). Registered without encapsulation, so that its hook times every
 * route of the app; after the error handling, so that a refusal has the one error shape.
 */
export const metricsPlugin = fp(
  async (app: FastifyInstance, { database }: MetricsOptions) => {
    const registry = new Registry();
    const registers = [registry];

    const requests = new Histogram({
      name: "dq_http_request_duration_seconds",
      help: "HTTP requests served by this instance, by method, route template and status code",
      labelNames: ["method", "route", "status_code"],
      buckets: HTTP_BUCKETS,
      registers,
    });
    app.addHook("onResponse", async (request, reply) => {
      // The route's template (`/api/v1/tickets/:code`), never the URL: no ids, codes or tokens in
      // labels, and a bounded number of series. Requests that matched no route share one label.
      const route = request.routeOptions.url ?? "unmatched";
      if (STREAMS.has(route) && reply.statusCode === 200) return;
      requests.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    new Gauge({
      name: "dq_sse_clients",
      help: "Server-Sent Events streams open on this instance (boards, kiosks, staff screens)",
      registers,
      collect() {
        this.set(app.deps.hub.streams);
      },
    });

    // PostgreSQL's pools; PGlite has one in-process connection and no pool, so these have no series there.
    const poolGauge = (
      name: string,
      help: string,
      value: (p: ReturnType<Database["pools"]>[number]) => number,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ["pool"],
        registers,
        collect() {
          for (const p of database.pools()) this.set({ pool: p.name }, value(p));
        },
      });
    poolGauge(
      "dq_db_pool_max_connections",
      "Connections the pool may open (queue: the app; reports: reports)",
      (p) => p.max,
    );
    poolGauge("dq_db_pool_connections", "Connections the pool has open, idle or in use", (p) => p.total);
    poolGauge("dq_db_pool_idle_connections", "Open connections of the pool not in use", (p) => p.idle);
    poolGauge(
      "dq_db_pool_waiting_requests",
      "Queries waiting for a connection of the pool",
      (p) => p.waiting,
    );

    const queue = new QueueMetrics(registry, app.deps.reports, app.deps.clock);

    app.get(
      "/metrics",
      {
        onRequest: metricsAccess(app.deps.config.metricsToken, app.deps.config.trustProxy !== false),
        schema: {
          operationId: "getMetrics",
          tags: ["health"],
          summary: "Prometheus metrics: the queue's figures today, requests, SSE clients, pools, the process",
          description:
            "Loopback clients only, or with `DQ_METRICS_TOKEN` set, whoever sends `Authorization: Bearer <token>`.",
        },
      },
      async (request, reply) => {
        await queue.refresh(request.log);
        const text = `${await processRegistry().metrics()}\n${await registry.metrics()}`;
        return reply.header("cache-control", "no-store").type(registry.contentType).send(text);
      },
    );
  },
  { name: "metrics" },
);
