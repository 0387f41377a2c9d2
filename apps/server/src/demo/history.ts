import type { ControlledTransaction, Kysely } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import type { DB } from "../db/schema.ts";
import { localTime } from "../queue/calendar.ts";
import type { QueueDeps, WaitPredictor } from "../queue/deps.ts";
import { WaitForecasts } from "../queue/forecast/cache.ts";
import { closeDay } from "../queue/management.ts";
import { holdDayClosing, releaseDayClosing } from "../queue/repository.ts";
import { simulateDay } from "./history-day.ts";
import {
  loadCategories,
  loadServices,
  rng,
  type Seat,
  type SimulatedService,
  seatOperators,
} from "./history-office.ts";
import { type HistoryRealism, OFFICE_DAY } from "./history-realism.ts";

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
  /** How true to a real office the days are (each habit not given: the demo office's). */
  realism?: Partial<HistoryRealism>;
  /** The estimate quoted to the simulated clients (the product's own by default). */
  waitPredictor?: WaitPredictor;
}

export const DEFAULT_TICKETS_PER_DAY = 120;
export const DEFAULT_SEED = 42;
const CLOSE_HOUR = 18;
const SATURDAY_CLOSE_HOUR = 14;

/** What a simulated day needs to know about the office. */
export interface Office {
  services: SimulatedService[];
  seats: Seat[];
  categories: string[];
}

export async function loadOffice(db: Kysely<DB>, branchId: string, seed: number): Promise<Office | null> {
  const services = await loadServices(db, branchId, rng(seed));
  const seats = await seatOperators(db, branchId);
  const categories = await loadCategories(db, branchId);
  return services.length === 0 || seats.length === 0 ? null : { services, seats, categories };
}

/** Midnight of an office day ('YYYY-MM-DD') in the office's timezone: the UTC instant whose local time is 00:00. */
export function dayStart(day: string, timezone: string): Date {
  const probe = new Date(`${day}T12:00:00Z`);
  const { minutes } = localTime(probe, timezone);
  return new Date(Math.floor((probe.getTime() - minutes * 60_000) / 60_000) * 60_000);
}

/** The office day `daysAgo` days before `until`'s, as 'YYYY-MM-DD'. */
export function dayBefore(until: Date, timezone: string, daysAgo: number): string {
  return localTime(new Date(until.getTime() - daysAgo * 86_400_000), timezone).day;
}

export async function generateHistory(
  db: Kysely<DB>,
  branch: BranchContext,
  options: HistoryOptions,
): Promise<{ tickets: number; days: number }> {
  const seed = options.seed ?? DEFAULT_SEED;
  const office = await loadOffice(db, branch.id, seed);
  if (!office) return { tickets: 0, days: 0 };
  const until = options.until ?? new Date();
  const realism = { ...OFFICE_DAY, ...options.realism };
  const { ticketsPerDay, waitPredictor } = options;
  return withDayClosingHeld(db, branch.id, true, async (conn) => {
    let tickets = 0;
    let days = 0;
    for (let daysAgo = options.days; daysAgo >= 1; daysAgo--) {
      const day = dayBefore(until, branch.timezone, daysAgo);
      const made = await makeDay(conn, branch, office, { day, seed, ticketsPerDay, realism, waitPredictor });
      if (made === null) continue;
      tickets += made.tickets;
      days++;
      options.onDay?.(day, made.planned);
    }
    // Close the last simulated day too; today's live queue is left alone.
    await closeDay({ db: conn, clock: () => until }, branch, { all: false }, {});
    return { tickets, days };
  });
}

/** Branches whose history is being made in this process (PGlite's one session cannot tell by its lock). */
const makingHistory = new Set<string>();

/** Whether this process is making a branch's history: its end-of-day job must leave the past days alone. */
export function isMakingHistory(branchId: string): boolean {
  return makingHistory.has(branchId);
}

/**
 * Runs `work` while the branch's automatic day closing waits: the server's end-of-day job must not
 * close the open tickets of a past day that is still being made. On PostgreSQL a session lock on a
 * connection of its own (other instances respect it); PGlite is one session, so only the
 * in-process mark, and no connection is held (live requests take turns with the history's
 * transactions).
 */
export async function withDayClosingHeld<T>(
  db: Kysely<DB>,
  branchId: string,
  holdSession: boolean,
  work: (conn: Kysely<DB>) => Promise<T>,
): Promise<T> {
  makingHistory.add(branchId);
  try {
    if (!holdSession) return await work(db);
    return await db.connection().execute(async (conn) => {
      await holdDayClosing(conn, branchId);
      try {
        return await work(conn);
      } finally {
        await releaseDayClosing(conn, branchId);
      }
    });
  } finally {
    makingHistory.delete(branchId);
  }
}

export interface DayPlan {
  day: string;
  seed: number;
  ticketsPerDay: number;
  /** The demo office's habits when not given. */
  realism?: HistoryRealism;
  waitPredictor?: WaitPredictor;
  /** Stops the day at its next commit (what was committed of it stays: see discardDay). */
  signal?: AbortSignal;
  /** Runs in the day's last transaction, so that whatever it writes commits with the day's end. */
  finish?: (tx: Kysely<DB>) => Promise<void>;
}

/**
 * One office day, in small transactions. Each day draws from its own random stream (seeded by the
 * seed and the date), so a day made again after an interruption is the same day. Sundays are
 * closed: null, and `finish` still runs.
 */
export async function makeDay(
  conn: Kysely<DB>,
  branch: BranchContext,
  office: Office,
  plan: DayPlan,
): Promise<{ tickets: number; planned: number } | null> {
  const start = dayStart(plan.day, branch.timezone);
  const { weekday } = localTime(new Date(start.getTime() + 12 * 3_600_000), branch.timezone);
  if (weekday === "sun") {
    if (plan.finish) await conn.transaction().execute(plan.finish);
    return null;
  }
  const random = rng(plan.seed ^ Math.round(start.getTime() / 86_400_000));
  const saturday = weekday === "sat";
  const realism = plan.realism ?? OFFICE_DAY;
  // Poisson arrivals vary in number by themselves; the office's day varies by ±15 %.
  const usual = plan.ticketsPerDay * (saturday ? 0.5 : 1);
  const planned = realism.arrivals === "poisson" ? usual : Math.round(usual * (0.85 + 0.3 * random()));
  const clock = { now: start };
  const tickets = await inSmallTransactions(conn, clock, plan, (deps, checkpoint) =>
    simulateDay({
      deps,
      checkpoint,
      setTime: (hour) => {
        clock.now = new Date(start.getTime() + hour * 3_600_000);
      },
      branch,
      ...office,
      random,
      planned,
      closeHour: saturday ? SATURDAY_CLOSE_HOUR : CLOSE_HOUR,
      lunch: !saturday && realism.lunch,
      realism,
    }),
  );
  return { tickets, planned };
}

/**
 * A simulated day in a transaction per simulated hour or a few steps (`checkpoint` commits and goes
 * on in a new one). A day in one transaction would keep every index entry of the day's earlier
 * ticket versions alive to its end, so each call-next would read all of them, and on PGlite it
 * would hold the one connection for seconds while live requests wait. After each commit the
 * simulation yields, so requests that came meanwhile run first. A failure or a stop loses only
 * the transaction it was in.
 */
async function inSmallTransactions<T>(
  conn: Kysely<DB>,
  clock: { now: Date },
  plan: DayPlan,
  run: (deps: QueueDeps, checkpoint: () => Promise<void>) => Promise<T>,
): Promise<T> {
  const deps: QueueDeps = {
    db: await conn.startTransaction().execute(),
    clock: () => clock.now,
    waitPredictor: plan.waitPredictor,
    // The day's forecasts, as a live office keeps them (the deps' transaction changes at each commit).
    forecasts: new WaitForecasts(),
  };
  const tx = () => deps.db as ControlledTransaction<DB>;
  try {
    const result = await run(deps, async () => {
      await tx().commit().execute();
      await new Promise((resolve) => setImmediate(resolve));
      plan.signal?.throwIfAborted();
      deps.db = await conn.startTransaction().execute();
    });
    await plan.finish?.(tx());
    await tx().commit().execute();
    return result;
  } catch (error) {
    await tx()
      .rollback()
      .execute()
      .catch(() => {});
    throw error;
  }
}
