import type { FastifyBaseLogger } from "fastify";
import type { EventHub } from "../../events/hub.ts";
import { loop, type OutboxDelivery } from "../alerts/job.ts";
import { notifierRound, type RoundDeps, retentionRound } from "./notifier.ts";

/** Time-based messages (approaching by the clock, reminders) are decided at least this often. */
export const NOTIFIER_INTERVAL_SECONDS = 15;
/** Retention erases at most this often per instance: it scans past days' tickets. */
const RETENTION_INTERVAL_MS = 3_600_000;

export interface VisitorNotifier {
  /** Decide now (a ticket changed, someone subscribed); the round then kicks the delivery. */
  kick(): void;
  stop(): Promise<void>;
}

const running = new WeakMap<object, { notifier: VisitorNotifier; delivery: OutboxDelivery }>();

/**
 * After a subscription was written: send its "joined" now, and decide. A no-op without a running
 * notifier (tests run the rounds themselves).
 */
export function kickNotifier(deps: object) {
  const r = running.get(deps);
  r?.delivery.kick();
  r?.notifier.kick();
}

/**
 * Runs the notifier when a ticket or appointment event of any office is committed (the event
 * hub), and every 15 s; once an hour, retention. Rounds never overlap within an instance, and
 * across instances each office is decided under its lock. Failures are logged, never thrown.
 */
export function startVisitorNotifier(
  deps: RoundDeps & { hub: EventHub },
  delivery: OutboxDelivery,
  log: FastifyBaseLogger,
): VisitorNotifier {
  let lastRetention = 0;
  const round = loop(
    async () => {
      const r = await notifierRound(deps);
      if (r.queued > 0) delivery.kick();
      if (Date.now() - lastRetention >= RETENTION_INTERVAL_MS) {
        lastRetention = Date.now();
        const erased = await retentionRound(deps);
        if (erased.tickets || erased.subscriptions)
          log.info(erased, "visitor contacts erased after retention");
      }
    },
    log,
    "visitor notifier failed",
  );
  const unsubscribe = deps.hub.subscribe({
    branchId: null,
    deliver: (event) => {
      if (event.type.startsWith("ticket.") || event.type.startsWith("appointment.")) round.kick();
    },
  });
  const timer = setInterval(() => round.kick(), NOTIFIER_INTERVAL_SECONDS * 1000);
  timer.unref();
  round.kick();
  const notifier: VisitorNotifier = {
    kick: () => round.kick(),
    async stop() {
      clearInterval(timer);
      unsubscribe();
      running.delete(deps);
      await round.idle();
    },
  };
  running.set(deps, { notifier, delivery });
  return notifier;
}
