import type { Kysely } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import type { DB } from "../db/schema.ts";
import { closeDay } from "../queue/management.ts";
import {
  DEFAULT_SEED,
  DEFAULT_TICKETS_PER_DAY,
  dayBefore,
  dayStart,
  loadOffice,
  makeDay,
  withDayClosingHeld,
} from "./history.ts";

/**
 * The demo office's history, made after the server listens (docs: README, "First start"). Its
 * days are planned once, at the first start (`demo_history_days`); each is made in small
 * transactions and marked done in its last one. A start after a stop finds the days not done,
 * throws away what the stopped run left of one, and makes them again: the same days, since each
 * draws from its own random stream.
 */

/** Plans `days` calendar days before `until`'s (once: a later call leaves the plan as it is). */
export async function planDemoHistory(
  db: Kysely<DB>,
  branch: BranchContext,
  days: number,
  until = new Date(),
) {
  if (days <= 0) return;
  const rows: { branch_id: string; day: string }[] = [];
  for (let daysAgo = days; daysAgo >= 1; daysAgo--) {
    rows.push({ branch_id: branch.id, day: dayBefore(until, branch.timezone, daysAgo) });
  }
  await db.transaction().execute(async (tx) => {
    const planned = await tx
      .selectFrom("demo_history_days")
      .select("day")
      .where("branch_id", "=", branch.id)
      .executeTakeFirst();
    if (!planned) await tx.insertInto("demo_history_days").values(rows).execute();
  });
}

export interface DemoHistoryRun {
  /** PostgreSQL: hold the day-closing lock on a connection of its own (see withDayClosingHeld). */
  holdSession: boolean;
  signal?: AbortSignal;
  seed?: number;
  ticketsPerDay?: number;
  onDay?: (day: string, daysDone: number, days: number) => void;
}

/** Makes the planned days not done yet, oldest first. Returns the tickets made. */
export async function makeDemoHistory(db: Kysely<DB>, branch: BranchContext, run: DemoHistoryRun) {
  const plan = await db
    .selectFrom("demo_history_days")
    .select(["day", "done"])
    .where("branch_id", "=", branch.id)
    .orderBy("day")
    .execute();
  const pending = plan.filter((p) => !p.done).map((p) => String(p.day));
  if (pending.length === 0) return { tickets: 0 };
  const seed = run.seed ?? DEFAULT_SEED;
  const office = await loadOffice(db, branch.id, seed);
  let done = plan.length - pending.length;
  let tickets = 0;
  await withDayClosingHeld(db, branch.id, run.holdSession, async (conn) => {
    for (const day of pending) {
      run.signal?.throwIfAborted();
      await discardDay(conn, branch, day);
      const nextMidnight = nextMidnightOf(day, branch.timezone);
      const finish = async (tx: Kysely<DB>) => {
        // What is still open at the day's end is closed as the night's end-of-day job would.
        await closeDay({ db: tx, clock: () => nextMidnight }, branch, { all: false }, {});
        await tx
          .updateTable("demo_history_days")
          .set({ done: true, tickets: await countTickets(tx, branch.id, day) })
          .where("branch_id", "=", branch.id)
          .where("day", "=", day)
          .execute();
      };
      if (office) {
        const plan = {
          day,
          seed,
          ticketsPerDay: run.ticketsPerDay ?? DEFAULT_TICKETS_PER_DAY,
          signal: run.signal,
        };
        tickets += (await makeDay(conn, branch, office, { ...plan, finish }))?.tickets ?? 0;
      } else {
        await conn.transaction().execute(finish);
      }
      run.onDay?.(day, ++done, plan.length);
    }
  });
  return { tickets };
}

/** The start of the calendar day after `day` in the office's timezone. */
function nextMidnightOf(day: string, timezone: string): Date {
  return dayStart(dayBefore(dayStart(day, timezone), timezone, -1), timezone);
}

async function countTickets(db: Kysely<DB>, branchId: string, day: string): Promise<number> {
  const row = await db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("branch_id", "=", branchId)
    .where("business_day", "=", day)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Removes what a stopped run committed of a day not marked done: its tickets and everything that
 * hangs off them, its events, status intervals and day totals, and puts the operators it had
 * seated back where they were before (offline). The day is in the past, before the office's first
 * start, so nothing real happened in it.
 */
export async function discardDay(db: Kysely<DB>, branch: BranchContext, day: string): Promise<void> {
  const from = dayStart(day, branch.timezone);
  // Up to and including the night's closing at the next midnight, and not a moment of the next
  // day: that may be today, with live tickets and operators in it.
  const to = new Date(nextMidnightOf(day, branch.timezone).getTime() + 1);
  await db.transaction().execute(async (tx) => {
    const ofDay = tx
      .selectFrom("tickets")
      .select("id")
      .where("branch_id", "=", branch.id)
      .where("business_day", "=", day);
    await tx.deleteFrom("ticket_calls").where("ticket_id", "in", ofDay).execute();
    await tx.deleteFrom("ticket_segments").where("ticket_id", "in", ofDay).execute();
    await tx
      .deleteFrom("events")
      .where("branch_id", "=", branch.id)
      .where((eb) =>
        eb.or([
          eb("ticket_id", "in", ofDay),
          eb.and([eb("created_at", ">=", from), eb("created_at", "<", to)]),
        ]),
      )
      .execute();
    await tx
      .deleteFrom("audit_log")
      .where("branch_id", "=", branch.id)
      .where("created_at", ">=", from)
      .where("created_at", "<", to)
      .execute();
    for (const table of ["tickets", "ticket_counters", "operator_status_days"] as const) {
      await tx.deleteFrom(table).where("branch_id", "=", branch.id).where("business_day", "=", day).execute();
    }
    await tx
      .deleteFrom("operator_status_log")
      .where("branch_id", "=", branch.id)
      .where("started_at", ">=", from)
      .where("started_at", "<", to)
      .execute();
    await tx
      .updateTable("operator_states")
      .set({ status: "offline", workstation_id: null, pause_reason: null, since: from })
      .where("branch_id", "=", branch.id)
      .where("since", ">=", from)
      .where("since", "<", to)
      .execute();
  });
}
