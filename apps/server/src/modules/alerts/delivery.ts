import type { FastifyBaseLogger } from "fastify";
import { sql } from "kysely";
import type { AlertDeliveryRow } from "../../db/schema.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { type ChannelSenders, DeliveryError } from "./senders.ts";

/** After this many failed attempts a message is given up on (≈ 4 hours of retrying). */
export const MAX_ATTEMPTS = 10;
const BATCH = 20;
/** How long a sender owns a claimed message; longer than any send can take (10–20 s timeouts). */
const CLAIM_SECONDS = 120;

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
 * Sends what is due in the outbox. Each message is claimed first (SKIP LOCKED, with a lease), so
 * any number of instances may run this at once and each message is sent by one of them; a claim
 * left by an instance that died expires and another sends it.
 */
export async function deliverDue(
  deps: QueueDeps,
  senders: ChannelSenders,
  log: FastifyBaseLogger,
): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const now = deps.clock();
    const claimed = await claim(deps, now);
    if (claimed.length === 0) return result;
    await Promise.all(
      claimed.map(async (d) => {
        const outcome = await sendOne(senders, d);
        await record(deps, d, outcome, now);
        if (outcome === null) {
          result.sent++;
        } else if (outcome.permanent || d.attempts >= MAX_ATTEMPTS) {
          result.failed++;
          log.error(
            {
              deliveryId: d.id,
              alertId: d.alert_id,
              channel: d.channel.type,
              attempts: d.attempts,
              error: outcome.message,
            },
            "alert message given up",
          );
        } else {
          result.retrying++;
          log.warn(
            {
              deliveryId: d.id,
              alertId: d.alert_id,
              channel: d.channel.type,
              attempts: d.attempts,
              error: outcome.message,
            },
            "alert message failed; will retry",
          );
        }
      }),
    );
    if (claimed.length < BATCH) return result;
  }
}

async function claim(deps: QueueDeps, now: Date): Promise<AlertDeliveryRow[]> {
  const rows = await sql<AlertDeliveryRow>`
    update alert_deliveries set locked_until = ${new Date(now.getTime() + CLAIM_SECONDS * 1000)},
      attempts = attempts + 1
    where id in (
      select id from alert_deliveries
      where status = 'pending' and next_attempt_at <= ${now}
        and (locked_until is null or locked_until < ${now})
      order by id limit ${BATCH}
      for update skip locked)
    returning *
  `.execute(deps.db);
  return rows.rows;
}

async function sendOne(senders: ChannelSenders, d: AlertDeliveryRow): Promise<DeliveryError | null> {
  try {
    await senders.send(d.channel, { deliveryId: d.id, event: d.event, subject: d.subject, body: d.body });
    return null;
  } catch (error) {
    return error instanceof DeliveryError ? error : new DeliveryError(String(error));
  }
}

async function record(deps: QueueDeps, d: AlertDeliveryRow, error: DeliveryError | null, now: Date) {
  const q = deps.db.updateTable("alert_deliveries").where("id", "=", d.id);
  if (!error) {
    await q.set({ status: "sent", sent_at: deps.clock(), locked_until: null }).execute();
  } else if (error.permanent || d.attempts >= MAX_ATTEMPTS) {
    await q.set({ status: "failed", last_error: error.message.slice(0, 500), locked_until: null }).execute();
  } else {
    const delay = Math.max(retryDelayMs(d.attempts), error.retryAfterMs ?? 0);
    await q
      .set({
        next_attempt_at: new Date(now.getTime() + delay),
        last_error: error.message.slice(0, 500),
        locked_until: null,
      })
      .execute();
  }
}
