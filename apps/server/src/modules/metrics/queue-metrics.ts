import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import { Gauge, type Registry } from "prom-client";
import type { Clock } from "../../core/clock.ts";
import type { DB } from "../../db/schema.ts";
import { readQueueFigures, SERVICE_BUCKETS, WAIT_BUCKETS } from "./queue-figures.ts";
import { SnapshotHistogram } from "./snapshot-histogram.ts";

/**
 * The queue's figures, read from the database when Prometheus scrapes.
 *
 * Why gauges and histograms set at scrape time rather than counters incremented in the process:
 * several app instances share one database, and a ticket issued through one may be called through
 * another and served through a third. Counters kept in each process would each see a part, would
 * restart from zero with the process, and would disagree; the database is the one place where the
 * whole office is known. So every instance reports the same, exact figures for each office's
 * today (they start again at the office's midnight): aggregate them across instances with `max`,
 * not `sum`. `histogram_quantile()` over the buckets gives today's median or 90th percentile
 * directly. The read is one statement (plus the branch list) on the reports' connections, so a
 * scrape never takes a connection from the queue.
 */
export class QueueMetrics {
  readonly #db: Kysely<DB>;
  readonly #clock: Clock;
  readonly #up: Gauge;
  readonly #branchInfo: Gauge<"branch" | "name" | "timezone">;
  readonly #serviceInfo: Gauge<"branch" | "service" | "name">;
  readonly #issued: Gauge<"branch" | "service">;
  readonly #called: Gauge<"branch" | "service">;
  readonly #served: Gauge<"branch" | "service">;
  readonly #waiting: Gauge<"branch" | "service">;
  readonly #waits: SnapshotHistogram;
  readonly #serviceTimes: SnapshotHistogram;

  constructor(registry: Registry, db: Kysely<DB>, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
    const registers = [registry];
    const perService = ["branch", "service"] as const;
    this.#up = new Gauge({
      name: "dq_database_up",
      help: "1 when this scrape could read the queue figures from the database, 0 when it could not",
      registers,
    });
    this.#branchInfo = new Gauge({
      name: "dq_branch_info",
      help: "Always 1: an office's id (the `branch` label elsewhere), name and timezone",
      labelNames: ["branch", "name", "timezone"],
      registers,
    });
    this.#serviceInfo = new Gauge({
      name: "dq_service_info",
      help: "Always 1: a service's id (the `service` label elsewhere) and name",
      labelNames: ["branch", "service", "name"],
      registers,
    });
    this.#issued = new Gauge({
      name: "dq_tickets_issued_today",
      help: "Tickets issued today (the office's business day) for the service",
      labelNames: perService,
      registers,
    });
    this.#called = new Gauge({
      name: "dq_tickets_called_today",
      help: "Tickets called today from the service's queue (a redirected ticket counts in each service)",
      labelNames: perService,
      registers,
    });
    this.#served = new Gauge({
      name: "dq_tickets_served_today",
      help: "Tickets served today in the service (not counting those closed by the end of the day)",
      labelNames: perService,
      registers,
    });
    this.#waiting = new Gauge({
      name: "dq_tickets_waiting",
      help: "Tickets waiting in the service's queue now",
      labelNames: perService,
      registers,
    });
    this.#waits = new SnapshotHistogram({
      name: "dq_ticket_wait_seconds",
      help: "Waits of the tickets called today: from entering the service's queue to the first call",
      buckets: WAIT_BUCKETS,
      registry,
    });
    this.#serviceTimes = new SnapshotHistogram({
      name: "dq_ticket_service_seconds",
      help: "Service times of the tickets served today: from start to finish",
      buckets: SERVICE_BUCKETS,
      registry,
    });
  }

  /** Reads the figures and sets every series; on a database failure, drops them and reports down. */
  async refresh(log: FastifyBaseLogger): Promise<void> {
    const all = [
      this.#branchInfo,
      this.#serviceInfo,
      this.#issued,
      this.#called,
      this.#served,
      this.#waiting,
    ];
    let figures: Awaited<ReturnType<typeof readQueueFigures>>;
    try {
      figures = await readQueueFigures(this.#db, this.#clock());
    } catch (error) {
      log.warn({ err: error }, "metrics: could not read the queue figures");
      for (const g of all) g.reset();
      this.#waits.reset();
      this.#serviceTimes.reset();
      this.#up.set(0);
      return;
    }
    // Set after the read, in one synchronous run: a scrape never shows half of one read and half of another.
    for (const g of all) g.reset();
    for (const b of figures.branches)
      this.#branchInfo.set({ branch: b.id, name: b.name, timezone: b.timezone }, 1);
    for (const s of figures.services) {
      const labels = { branch: s.branchId, service: s.serviceId };
      this.#serviceInfo.set({ ...labels, name: s.name }, 1);
      this.#issued.set(labels, s.issued);
      this.#called.set(labels, s.called);
      this.#served.set(labels, s.served);
      this.#waiting.set(labels, s.waiting);
    }
    this.#waits.set(
      figures.services.map((s) => ({ labels: { branch: s.branchId, service: s.serviceId }, data: s.wait })),
    );
    this.#serviceTimes.set(
      figures.services.map((s) => ({
        labels: { branch: s.branchId, service: s.serviceId },
        data: s.service,
      })),
    );
    this.#up.set(1);
  }
}
