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

/**
 * Two loops, every `intervalSeconds`: evaluation, and sending the outbox. They are separate so
 * that a channel that times out on every message cannot delay opening or resolving alerts; each
 * loop never overlaps itself. Failures are logged, never thrown: alerts must not take the server
 * down with them.
 */
export function startAlertJob(
  deps: QueueDeps,
  senders: ChannelSenders,
  log: FastifyBaseLogger,
  intervalSeconds: number,
): () => Promise<void> {
  const evaluation = loop(async () => {
    const r = await evaluateAlerts(deps, log);
    if (r.opened || r.resolved || r.escalated) log.info(r, "alerts evaluated");
    // Send what this round decided without waiting for the next tick.
    delivery.kick();
  }, log);
  const delivery = loop(() => deliverDue(deps, senders, log), log);
  const timer = setInterval(() => {
    evaluation.kick();
    delivery.kick();
  }, intervalSeconds * 1000);
  timer.unref();
  evaluation.kick();
  return async () => {
    clearInterval(timer);
    await Promise.all([evaluation.idle(), delivery.idle()]);
  };
}

function loop(run: () => Promise<unknown>, log: FastifyBaseLogger) {
  let current: Promise<unknown> | null = null;
  return {
    kick() {
      if (current) return;
      current = run()
        .catch((error) => logJobFailure(log, error, "alert job failed"))
        .finally(() => {
          current = null;
        });
    },
    idle: () => current ?? Promise.resolve(),
  };
}
