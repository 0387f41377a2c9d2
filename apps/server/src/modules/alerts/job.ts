import type { FastifyBaseLogger } from "fastify";
import type { QueueDeps } from "../../queue/deps.ts";
import { deliverDue } from "./delivery.ts";
import { evaluateAlerts } from "./evaluate.ts";
import type { ChannelSenders } from "./senders.ts";

/** One round: evaluate (in one instance only), then send what is due (in any). */
export async function alertRound(deps: QueueDeps, senders: ChannelSenders, log: FastifyBaseLogger) {
  const evaluation = await evaluateAlerts(deps);
  if (evaluation.opened || evaluation.resolved || evaluation.escalated)
    log.info(evaluation, "alerts evaluated");
  return { evaluation, delivery: await deliverDue(deps, senders, log) };
}

/**
 * Runs a round every `intervalSeconds` until stopped. A round never overlaps the previous one, and
 * its failures are logged, never thrown: alerts must not take the server down with them.
 */
export function startAlertJob(
  deps: QueueDeps,
  senders: ChannelSenders,
  log: FastifyBaseLogger,
  intervalSeconds: number,
): () => Promise<void> {
  let current: Promise<unknown> | null = null;
  const tick = () => {
    if (current) return;
    current = alertRound(deps, senders, log)
      .catch((error) => log.error({ err: error }, "alert round failed"))
      .finally(() => {
        current = null;
      });
  };
  const timer = setInterval(tick, intervalSeconds * 1000);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
