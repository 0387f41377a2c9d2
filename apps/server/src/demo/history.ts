import type { ControlledTransaction, Kysely } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import type { DB } from "../db/schema.ts";
import { localTime } from "../queue/calendar.ts";
import type { QueueDeps } from "../queue/deps.ts";
import { closeDay } from "../queue/management.ts";
import { holdDayClosing, releaseDayClosing } from "../queue/repository.ts";
import { simulateDay } from "./history-day.ts";
import { loadCategories, loadServices, rng, seatOperators } from "./history-office.ts";

/**
 * Realistic history for an office, made by the engine's own code: every ticket is issued, called,
 * served, redirected or missed through the same functions the API uses, with the clock moved by the
 * simulation. Each service's clients follow its own day (morning and afternoon peaks), service
 * times are log-normal around the service's expected time, operators work their competencies at
 * their workstations, take a lunch and short breaks; some clients do not come, some give up and
 * cancel, some are redirected, some rate the service.
 */
export interface HistoryOptions {
  /** Days of history, ending the day before `until` (in the office's timezone). */
  days: number;
  /** The day the history leads up to (not included); now by default. */
  until?: Date;
  /** Tickets on an ordinary weekday (Saturdays get half, Sundays are closed). */
  ticketsPerDay: number;
  seed?: number;
  onDay?: (day: string, tickets: number) => void;
}

export const DEFAULT_TICKETS_PER_DAY = 120;
const CLOSE_HOUR = 18;
const SATURDAY_CLOSE_HOUR = 14;

export async function generateHistory(
  db: Kysely<DB>,
  branch: BranchContext,
  options: HistoryOptions,
): Promise<{ tickets: number; days: number }> {
  const random = rng(options.seed ?? 42);
  const services = await loadServices(db, branch.id, random);
  const seats = await seatOperators(db, branch.id);
  const categories = await loadCategories(db, branch.id);
  if (services.length === 0 || seats.length === 0) return { tickets: 0, days: 0 };
  const until = options.until ?? new Date();
  const clock = { now: until };

  // Midnight of a day in the office's timezone: the UTC instant whose local time is 00:00.
  const midnight = (daysAgo: number) => {
    const probe = new Date(until.getTime() - daysAgo * 86_400_000);
    const { minutes } = localTime(probe, branch.timezone);
    return new Date(Math.floor((probe.getTime() - minutes * 60_000) / 60_000) * 60_000);
  };

  // One connection throughout, holding the branch's day closing: the server's end-of-day job must
  // not close the open tickets of a past day that is still being made.
  return db.connection().execute(async (conn) => {
    await holdDayClosing(conn, branch.id);
    try {
      let tickets = 0;
      let days = 0;
      for (let daysAgo = options.days; daysAgo >= 1; daysAgo--) {
        const start = midnight(daysAgo);
        const { weekday, day } = localTime(new Date(start.getTime() + 12 * 3_600_000), branch.timezone);
        if (weekday === "sun") continue;
        const saturday = weekday === "sat";
        const planned = Math.round(options.ticketsPerDay * (saturday ? 0.5 : 1) * (0.85 + 0.3 * random()));
        tickets += await inHourlyTransactions(conn, clock, (deps, checkpoint) =>
          simulateDay({
            deps,
            checkpoint,
            setTime: (hour) => {
              clock.now = new Date(start.getTime() + hour * 3_600_000);
            },
            branch,
            services,
            seats,
            categories,
            random,
            planned,
            closeHour: saturday ? SATURDAY_CLOSE_HOUR : CLOSE_HOUR,
            lunch: !saturday,
          }),
        );
        days++;
        options.onDay?.(day, planned);
      }
      // Close the last simulated day too; today's live queue is left alone.
      clock.now = until;
      await closeDay({ db: conn, clock: () => clock.now }, branch, { all: false }, {});
      return { tickets, days };
    } finally {
      await releaseDayClosing(conn, branch.id);
    }
  });
}

/**
 * A simulated day in a transaction per simulated hour (`checkpoint` commits and goes on in a new
 * one). A day in one transaction would keep every index entry of the day's earlier ticket versions
 * alive to its end, so each call-next would read all of them: 38 ms per ticket at 3,500 tickets a
 * day. An hour stays small, and one commit is still far cheaper than one per step. A failure loses
 * only the hour it was in.
 */
async function inHourlyTransactions<T>(
  conn: Kysely<DB>,
  clock: { now: Date },
  run: (deps: QueueDeps, checkpoint: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const deps: QueueDeps = { db: await conn.startTransaction().execute(), clock: () => clock.now };
  const tx = () => deps.db as ControlledTransaction<DB>;
  try {
    const result = await run(deps, async () => {
      await tx().commit().execute();
      deps.db = await conn.startTransaction().execute();
    });
    await tx().commit().execute();
    return result;
  } catch (error) {
    await tx().rollback().execute();
    throw error;
  }
}
