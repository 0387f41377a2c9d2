import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";

/**
 * An office's alerts change under one transaction-scoped advisory lock: the evaluation round takes
 * it if it is free (another instance evaluating the office now: skip it), and acknowledging,
 * editing or archiving a rule waits for it. So a round never works from a state that changed
 * under it, and two instances never both act on the same alert.
 */
const key = (branchId: string) => sql`hashtext(${`digitalqueue.alerts:${branchId}`})`;

export async function tryLockBranchAlerts(tx: Executor, branchId: string): Promise<boolean> {
  const r = await sql<{
    locked: boolean;
  }>`select pg_try_advisory_xact_lock(${key(branchId)}) as locked`.execute(tx);
  return r.rows[0]!.locked;
}

export async function lockBranchAlerts(tx: Executor, branchId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${key(branchId)})`.execute(tx);
}
