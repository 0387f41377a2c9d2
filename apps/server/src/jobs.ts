import type { FastifyBaseLogger } from "fastify";
import type { BranchCache } from "./modules/branches/branch-cache.ts";
import type { QueueDeps } from "./queue/deps.ts";
import { branchesWithOpenTickets, closeDay } from "./queue/management.ts";

const END_OF_DAY_INTERVAL_MS = 60_000;

/**
 * Closes tickets left open from past business days, once a minute. Safe on several instances:
 * closeDay locks the rows, so a second run finds nothing left to close.
 */
export function startEndOfDayJob(deps: QueueDeps, branches: BranchCache, log: FastifyBaseLogger): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const id of await branchesWithOpenTickets(deps)) {
        const branch = await branches.get(id);
        if (!branch?.settings.autoCloseDay) continue;
        const result = await closeDay(deps, branch, { all: false }, {});
        if (result.closed > 0)
          log.info({ branchId: id, ...result }, "closed tickets left open from a past day");
      }
    } catch (error) {
      log.error({ err: error }, "end-of-day job failed");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, END_OF_DAY_INTERVAL_MS);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
