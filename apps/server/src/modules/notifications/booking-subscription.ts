import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import type { AppointmentRow } from "../../db/schema.ts";
import type { NotifierDeps } from "./notifier-state.ts";
import { subscribe } from "./subscriptions.ts";

/**
 * A booking with an e-mail address is subscribed by e-mail (docs/remote-join.md), in the booking's
 * transaction, when this server can send e-mail: the "joined" message confirms it, then reminders.
 */
export async function subscribeBookingEmail(
  tx: Executor,
  deps: NotifierDeps & { visitorChannels?: { email: boolean } },
  branch: BranchContext,
  row: AppointmentRow,
): Promise<void> {
  if (!row.email || !deps.visitorChannels?.email) return;
  await subscribe(
    tx,
    {
      appointmentId: row.id,
      branchId: branch.id,
      channel: "email",
      target: { to: row.email },
      language: row.language ?? branch.settings.defaultLanguage,
      now: row.created_at,
    },
    deps,
  );
}
