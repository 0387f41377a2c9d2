import type { Kysely } from "kysely";
import { conflict } from "../../core/errors.ts";
import type { DB } from "../../db/schema.ts";

export interface HistoryProgress {
  /** `preparing` while the demo office's past days are still being made, `none` if none were asked for. */
  state: "preparing" | "ready" | "none";
  daysDone: number;
  days: number;
}

/** How far the demo office's history is (made in the background after the first start). */
export async function historyProgress(db: Kysely<DB>, branchId: string): Promise<HistoryProgress> {
  const row = await db
    .selectFrom("demo_history_days")
    .select((eb) => [
      eb.fn.countAll<number>().as("days"),
      eb.fn.count<number>("day").filterWhere("done", "=", true).as("daysDone"),
    ])
    .where("branch_id", "=", branchId)
    .executeTakeFirstOrThrow();
  const days = Number(row.days);
  const daysDone = Number(row.daysDone);
  return { state: days === 0 ? "none" : daysDone < days ? "preparing" : "ready", daysDone, days };
}

/**
 * While the demo history is made, its simulated staff sit at the office's workstations in past
 * days through the real engine; a live operator at a workstation then would share their state
 * (current ticket, seat). A server makes the history before it listens; a second instance on the
 * same PostgreSQL may already answer, and there taking a workstation waits until it is ready.
 */
export async function refuseWhileHistoryPreparing(db: Kysely<DB>, branchId: string): Promise<void> {
  const progress = await historyProgress(db, branchId);
  if (progress.state !== "preparing") return;
  throw conflict(
    "demo_history_preparing",
    `the demo office's history is being made (${progress.daysDone} of ${progress.days} days); workstations can be taken once it is ready`,
    { daysDone: progress.daysDone, days: progress.days },
  );
}
