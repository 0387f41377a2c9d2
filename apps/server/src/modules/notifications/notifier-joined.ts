import type { Executor } from "../../db/executor.ts";
import type { VisitorSubscriptionRow } from "../../db/schema.ts";
import { decideOnSubscribe } from "./decide.ts";
import { queueDue } from "./notifier-outbox.ts";
import { branchOf, loadSubjects, measure, type NotifierDeps } from "./notifier-state.ts";

/**
 * The "joined" message of a new subscription, in the subscribing transaction: the position and
 * estimate now, and the keys of messages it makes pointless ("approaching" when already close).
 */
export async function queueJoined(
  tx: Executor,
  sub: VisitorSubscriptionRow,
  now: Date,
  deps: NotifierDeps,
): Promise<void> {
  const [subject] = await loadSubjects(tx, { ids: [sub.id] });
  if (!subject) return;
  const branch = await branchOf(tx, sub.branch_id);
  const { state, facts } = await measure(tx, deps, branch, subject, now);
  const due = decideOnSubscribe(state, branch.settings.visitorNotifications, now);
  const alreadyClose = due.some((d) => d.event === "approaching") && state.ticket?.status === "waiting";
  await queueDue(tx, sub, due, { ...facts, alreadyClose }, now);
}
