import type { FastifyBaseLogger } from "fastify";
import { logJobFailure } from "../../db/unavailable.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { deliverDue } from "./delivery.ts";
import { evaluateAlerts } from "./evaluate.ts";
import type { ChannelSenders } from "./senders.ts";

/** One round as the job runs it: evaluate (each office in one instance only), then send what is due. */
export async function alertRound(deps: QueueDeps, senders: ChannelSenders, log: FastifyBaseLogger) {
  const evaluation = await evaluateAlerts(deps, log);
  return { evaluation, delivery: await deliverDue(deps, senders, log) };
}

/** The outbox's one delivery loop (alerts' and visitors' messages): kicked by whoever queues. */
export interface OutboxDelivery {
  /** Send what is due now (a kick during a run runs it once more after it). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Sends the outbox every `intervalSeconds` (retries come due) and whenever kicked. It never
 * overlaps itself, and a channel that times out on every message delays only this loop, never the
 * deciding of alerts or visitor messages. Failures are logged, never thrown.
 */
export function startOutboxDelivery(
  deps: QueueDeps,
  senders: ChannelSenders,
  log: FastifyBaseLogger,
  intervalSeconds: number,
): OutboxDelivery {
  const delivery = loop(() => deliverDue(deps, senders, log), log, "outbox delivery failed");
  const timer = setInterval(() => delivery.kick(), intervalSeconds * 1000);
  timer.unref();
  delivery.kick();
  return {
    kick: () => delivery.kick(),
    async stop() {
      clearInterval(timer);
      await delivery.idle();
    },
  };
}

/**
 * Evaluates alerts every `intervalSeconds`, then kicks the delivery loop to send what the round
 * decided without waiting for its next tick. Never overlaps itself; failures are logged: alerts
 * must not take the server down with them.
 */
export function startAlertJob(
  deps: QueueDeps,
  delivery: OutboxDelivery,
  log: FastifyBaseLogger,
  intervalSeconds: number,
): () => Promise<void> {
  const evaluation = loop(
    async () => {
      const r = await evaluateAlerts(deps, log);
      if (r.opened || r.resolved || r.escalated) log.info(r, "alerts evaluated");
      delivery.kick();
    },
    log,
    "alert job failed",
  );
  const timer = setInterval(() => evaluation.kick(), intervalSeconds * 1000);
  timer.unref();
  evaluation.kick();
  return async () => {
    clearInterval(timer);
    await evaluation.idle();
  };
}

/**
 * A job that never overlaps itself: a kick while it runs makes it run once more afterwards (so
 * that what was queued during a run is not left for the next tick).
 */
export function loop(run: () => Promise<unknown>, log: FastifyBaseLogger, failure: string) {
  let current: Promise<unknown> | null = null;
  let again = false;
  const start = (): void => {
    current = run()
      .catch((error) => logJobFailure(log, error, failure))
      .finally(() => {
        current = null;
        if (again) {
          again = false;
          start();
        }
      });
  };
  return {
    kick() {
      if (current) again = true;
      else start();
    },
    idle: async () => {
      while (current) await current;
    },
  };
}
