import type { UnsubscribeResult } from "@dq/shared";
import { notFound } from "../../core/errors.ts";
import { inTransaction } from "../../db/transaction.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { maskedRecipient } from "./subscription-service.ts";
import { stopSubscriptions } from "./subscriptions.ts";

/** Stops the subscription the link names (already stopped: the same answer) and says what it was. */
export async function unsubscribeByToken(deps: QueueDeps, token: string): Promise<UnsubscribeResult> {
  return inTransaction(deps.db, async (tx) => {
    const sub = await tx
      .selectFrom("visitor_subscriptions as s")
      .leftJoin("tickets as t", "t.id", "s.ticket_id")
      .leftJoin("appointments as a", "a.id", "s.appointment_id")
      .select([
        "s.id",
        "s.channel",
        "s.target",
        "t.code as ticketCode",
        "t.label as ticketLabel",
        "a.code as appointmentCode",
      ])
      .where("s.unsubscribe_token", "=", token)
      .executeTakeFirst();
    if (!sub) throw notFound("subscription");
    await stopSubscriptions(tx, { ids: [sub.id], now: deps.clock() });
    return {
      channel: sub.channel,
      recipient: maskedRecipient(sub),
      ticketCode: sub.ticketCode ?? null,
      ticketLabel: sub.ticketLabel ?? null,
      appointmentCode: sub.appointmentCode ?? null,
    };
  });
}
