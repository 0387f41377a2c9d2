import type { FastifyBaseLogger } from "fastify";
import type { OutboxRow } from "../../db/schema.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { stopSubscriptions } from "../notifications/subscriptions.ts";
import { claimDue, markFailed, markSent, scheduleRetry, supersedeStopped, webhookSecrets } from "./outbox.ts";
import { type ChannelSenders, DeliveryError } from "./senders.ts";

/** After this many failed attempts a message is given up on (about 3 hours of retrying). */
export const MAX_ATTEMPTS = 10;
const BATCH = 20;
/** How long a sender owns a claimed message; longer than any send can take (see SEND_DEADLINE_MS). */
const CLAIM_SECONDS = 120;
/** The most one send may take, whatever the channel (their own timeouts are 10–20 s). */
const SEND_DEADLINE_MS = 60_000;

/** 30 s, 1 min, 2 min, … doubling, at most 1 hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** (attempts - 1), 3_600_000);
}

export interface DeliveryResult {
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Sends what is due in the outbox (alerts' and visitors' messages), a batch at a time, in parallel
 * within a batch. Any number of instances may run this at once: each message is claimed by one of
 * them (see claimDue), and a claim left by an instance that died expires so that another sends it.
 * A visitor message whose subscription was stopped meanwhile is superseded, not sent.
 */
export async function deliverDue(
  deps: QueueDeps,
  senders: ChannelSenders,
  log: FastifyBaseLogger,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  await supersedeStopped(deps.db, deps.clock());
  for (;;) {
    const now = deps.clock();
    const claimed = await claimDue(deps.db, now, BATCH, CLAIM_SECONDS);
    if (claimed.length === 0) return result;
    const alertIds = claimed.flatMap((d) => (d.alert_id ? [d.alert_id] : []));
    const secretOf = await webhookSecrets(deps.db, [...new Set(alertIds)]);
    await Promise.all(
      claimed.map(async (d) => {
        const error = await sendOne(senders, d, secretOf);
        const context = {
          deliveryId: d.id,
          alertId: d.alert_id,
          subscriptionId: d.subscription_id,
          channel: d.channel.type,
          attempts: d.attempts,
        };
        if (!error) {
          await markSent(deps.db, d.id, deps.clock());
          result.sent++;
        } else if (error.permanent || d.attempts >= MAX_ATTEMPTS) {
          await markFailed(deps.db, d.id, error.message);
          result.failed++;
          // The browser withdrew its push subscription: nothing more can reach this visitor there.
          if (error.gone && d.subscription_id)
            await stopSubscriptions(deps.db, { ids: [d.subscription_id], now: deps.clock() });
          log.error({ ...context, error: error.message }, "outbox message given up");
        } else {
          const delay = Math.max(retryDelayMs(d.attempts), error.retryAfterMs ?? 0);
          await scheduleRetry(deps.db, d.id, error.message, new Date(now.getTime() + delay));
          result.retrying++;
          log.warn({ ...context, error: error.message }, "outbox message failed; will retry");
        }
      }),
    );
    if (claimed.length < BATCH) return result;
  }
}

async function sendOne(
  senders: ChannelSenders,
  d: OutboxRow,
  secretOf: (alertId: string, url: string) => string | undefined,
): Promise<DeliveryError | null> {
  const channel =
    d.channel.type === "webhook" && d.alert_id
      ? { ...d.channel, secret: secretOf(d.alert_id, d.channel.url) }
      : d.channel;
  let timer: NodeJS.Timeout | undefined;
  // Every sender has its own timeouts; this is the loop's guarantee that no channel holds it.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeliveryError(`no answer in ${SEND_DEADLINE_MS / 1000} s`)),
      SEND_DEADLINE_MS,
    );
  });
  try {
    await Promise.race([
      senders.send(channel, { deliveryId: d.id, event: d.event, subject: d.subject, body: d.body }),
      deadline,
    ]);
    return null;
  } catch (error) {
    return error instanceof DeliveryError ? error : new DeliveryError("could not send");
  } finally {
    clearTimeout(timer);
  }
}
