import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { inTransaction } from "../../db/transaction.ts";
import { listBranches } from "../../queue/branches.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { decide } from "./decide.ts";
import { queueDue } from "./notifier-outbox.ts";
import { branchOf, loadSubjects, measure, type NotifierDeps, type Subject } from "./notifier-state.ts";
import { type Erased, eraseExpired, stopEndedSubscriptions } from "./retention.ts";

/**
 * The visitor notifier (docs/remote-join.md, "Messages"): for each office with active
 * subscriptions, under a transaction-scoped advisory lock (another instance deciding the office
 * now: skip it, it decides from the same state), decides what is due and queues it in the outbox.
 */

export type RoundDeps = QueueDeps & NotifierDeps;

export interface NotifierRound {
  /** Offices decided in this instance (not skipped for another's lock). */
  branches: number;
  /** Messages queued to send. */
  queued: number;
  /** Subscriptions stopped because their day is over. */
  stopped: number;
}

const lockKey = (branchId: string) => sql`hashtext(${`digitalqueue.visitors:${branchId}`})`;

async function tryLockBranchVisitors(tx: Executor, branchId: string): Promise<boolean> {
  const r = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(${lockKey(branchId)}) as locked`.execute(tx);
  return r.rows[0]!.locked;
}

export async function notifierRound(deps: RoundDeps): Promise<NotifierRound> {
  const result: NotifierRound = { branches: 0, queued: 0, stopped: 0 };
  const rows = await deps.db
    .selectFrom("visitor_subscriptions")
    .select("branch_id")
    .distinct()
    .where("stopped_at", "is", null)
    .execute();
  for (const { branch_id } of rows) {
    const r = await notifyBranch(deps, branch_id);
    if (!r) continue;
    result.branches++;
    result.queued += r.queued;
    result.stopped += r.stopped;
  }
  return result;
}

async function notifyBranch(deps: RoundDeps, branchId: string) {
  // The estimates measured inside the transaction come from this forecast (see measure's quoteOf).
  if (deps.forecasts) await deps.forecasts.current(deps, await branchOf(deps.db, branchId));
  return inTransaction(deps.db, async (tx) => {
    if (!(await tryLockBranchVisitors(tx, branchId))) return null;
    const now = deps.clock();
    const branch = await branchOf(tx, branchId);
    const stopped = await stopEndedSubscriptions(tx, branch, now);
    const subjects = await loadSubjects(tx, { branchId });
    const queuedKeys = await queuedKeysOf(
      tx,
      subjects.map((s) => s.sub.id),
    );
    let queued = 0;
    for (const s of subjects) {
      const keys = queuedKeys.get(s.sub.id) ?? new Set<string>();
      if (settled(s, keys)) continue;
      const { state, facts } = await measure(tx, deps, branch, s, now);
      const due = decide(state, branch.settings.visitorNotifications, keys, now);
      if (due.length > 0) queued += await queueDue(tx, s.sub, due, facts, now);
    }
    return { queued, stopped };
  });
}

/** Nothing can be due (no need to measure): a ticket at the window or gone, or served and told so. */
function settled(s: Subject, keys: ReadonlySet<string>): boolean {
  const status = s.ticket?.status;
  if (status === "serving" || status === "no_show" || status === "cancelled") return true;
  return status === "served" && keys.has("finished");
}

async function queuedKeysOf(tx: Executor, subscriptionIds: string[]) {
  const keys = new Map<string, Set<string>>();
  if (subscriptionIds.length === 0) return keys;
  const rows = await tx
    .selectFrom("outbox")
    .select(["subscription_id", "dedupe_key"])
    .where("subscription_id", "in", subscriptionIds)
    .execute();
  for (const r of rows) {
    if (!r.subscription_id || !r.dedupe_key) continue;
    const set = keys.get(r.subscription_id) ?? new Set<string>();
    set.add(r.dedupe_key);
    keys.set(r.subscription_id, set);
  }
  return keys;
}

/** Erases what is past retention in every office (each under its notifier lock). */
export async function retentionRound(deps: QueueDeps): Promise<Erased> {
  const total: Erased = { tickets: 0, subscriptions: 0 };
  for (const branch of await listBranches(deps.db)) {
    const r = await inTransaction(deps.db, async (tx) =>
      (await tryLockBranchVisitors(tx, branch.id))
        ? eraseExpired(tx, branch as BranchContext, deps.clock())
        : null,
    );
    total.tickets += r?.tickets ?? 0;
    total.subscriptions += r?.subscriptions ?? 0;
  }
  return total;
}
