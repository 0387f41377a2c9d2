import type { FastifyBaseLogger } from "fastify";
import { logJobFailure } from "./db/unavailable.ts";
import { isMakingHistory } from "./demo/history.ts";
import { pruneSignInFailures } from "./modules/auth/throttle.ts";
import type { BranchCache } from "./queue/branch-cache.ts";
import type { QueueDeps } from "./queue/deps.ts";
import { branchesWithOpenTickets, closeDay } from "./queue/management.ts";

const END_OF_DAY_INTERVAL_MS = 60_000;

/**
 * Once a minute: closes tickets left open from past business days, and drops what has expired
 * (sessions, Idempotency-Key claims older than 24 hours, sign-in failure windows). Safe on several
 * instances: closeDay locks the rows, so a second run finds nothing left to close.
 */
export function startEndOfDayJob(deps: QueueDeps, branches: BranchCache, log: FastifyBaseLogger): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await dropExpired(deps.db, deps.clock());
      for (const id of await branchesWithOpenTickets(deps)) {
        const branch = await branches.get(id);
        // The demo history's past days are still being made here (PGlite: one session, its lock is ours too).
        if (!branch?.settings.autoCloseDay || isMakingHistory(id)) continue;
        const result = await closeDay(deps, branch, { all: false }, {});
        if (result.closed > 0)
          log.info({ branchId: id, ...result }, "closed tickets left open from a past day");
      }
    } catch (error) {
      logJobFailure(log, error, "end-of-day job failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, END_OF_DAY_INTERVAL_MS);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}

async function dropExpired(db: QueueDeps["db"], now: Date) {
  await db.deleteFrom("sessions").where("expires_at", "<", now).execute();
  await db
    .deleteFrom("idempotency_keys")
    .where("created_at", "<", new Date(now.getTime() - 24 * 3_600_000))
    .execute();
  await pruneSignInFailures(db, now);
}
