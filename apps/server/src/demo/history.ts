import type { Ticket } from "@dq/shared";
import type { ControlledTransaction, Kysely } from "kysely";
import type { Actor, BranchContext } from "../core/branch-context.ts";
import type { DB } from "../db/schema.ts";
import { localTime } from "../queue/calendar.ts";
import type { QueueDeps } from "../queue/deps.ts";
import { issueTicket } from "../queue/issue.ts";
import { cancelTicket, closeDay, rateTicket } from "../queue/management.ts";
import { holdDayClosing, releaseDayClosing } from "../queue/repository.ts";
import { callNext, finish, noShow, recall, redirect, start } from "../queue/transitions.ts";
import { leaveWorkstation, pause, resume, takeWorkstation } from "../queue/workplace.ts";
import {
  arrivalRate,
  loadCategories,
  loadServices,
  ratingFrom,
  rng,
  type Seat,
  type SimulatedService,
  seatOperators,
} from "./history-office.ts";

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
const OPEN_HOUR = 9;
const CLOSE_HOUR = 18;
const SATURDAY_CLOSE_HOUR = 14;
/** Operators serve whoever is still waiting at closing, but not for longer than this (hours). */
const OVERTIME = 0.5;

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

interface Day {
  deps: QueueDeps;
  /** Moves the engine's clock to an hour (fractional) of the simulated day. */
  setTime: (hour: number) => void;
  /** Commits what the simulation did so far and goes on in a new transaction. */
  checkpoint: () => Promise<void>;
  branch: BranchContext;
  services: SimulatedService[];
  seats: Seat[];
  categories: string[];
  random: () => number;
  planned: number;
  closeHour: number;
  lunch: boolean;
}

interface Arrival {
  hour: number;
  service: SimulatedService;
  categoryId: string | null;
}

/** Share of clients with little patience (most of them are called in time). */
const IMPATIENT_SHARE = 0.15;

/** Share of clients with a priority category (a veteran, a person with a disability…). */
const CATEGORY_SHARE = 0.08;

/**
 * One office day as a discrete-event simulation: the earliest pending step runs next, so every
 * change reaches the engine in time order (operators act side by side while clients arrive).
 * Returns the number of tickets issued.
 */
async function simulateDay(d: Day): Promise<number> {
  const { deps, branch, random } = d;
  const actor: Actor = {};
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const arrivals = planArrivals(d);
  const agenda: { at: number; run: () => Promise<void> }[] = [];
  const schedule = (hour: number, run: () => Promise<void>) => {
    agenda.push({ at: hour, run });
  };
  let issued = 0;
  // Operators with nobody to call, waiting for a client: the one who has waited longest is woken
  // when a client of his arrives (no one polls an empty queue, which would cost engine calls).
  const idle = new Map<string, { serves: Set<string>; look: (hour: number) => Promise<void> }>();
  const wake = (serviceId: string, hour: number) => {
    for (const [employeeId, op] of idle) {
      if (!op.serves.has(serviceId)) continue;
      idle.delete(employeeId);
      // He notices the new client within a few seconds to a minute.
      const at = hour + (0.1 + random() * 0.9) / 60;
      schedule(at, () => op.look(at));
      return;
    }
  };
  const wakeUp = (employeeId: string, hour: number) => {
    const op = idle.get(employeeId);
    if (!op) return;
    idle.delete(employeeId);
    schedule(hour, () => op.look(hour));
  };

  // The end-of-day job's work for the days before, as it would have run in the night.
  d.setTime(OPEN_HOUR - 0.5);
  await closeDay(deps, branch, { all: false }, actor);

  for (const a of arrivals) {
    schedule(a.hour, async () => {
      // A service with its own hours (closed on Saturday) refuses: the client goes away.
      const ticket = await issueTicket(
        deps,
        branch,
        { serviceId: a.service.id, categoryId: a.categoryId, origin: "kiosk" },
        actor,
      ).catch(() => null);
      if (!ticket) return;
      issued++;
      wake(a.service.id, a.hour);
      // Some would not wait past 2 to 20 minutes: if not called by then, they cancel from their phone.
      if (random() < IMPATIENT_SHARE) {
        const at = a.hour + (2 + random() * 18) / 60;
        schedule(at, async () => {
          await cancelTicket(deps, branch, ticket.ticket.id, actor, "cancelled_by_client").catch(() => null);
        });
      }
    });
  }

  for (const seat of d.seats) {
    const { employeeId } = seat;
    const lunchAt = d.lunch ? 12.5 + random() * 1.5 : Number.POSITIVE_INFINITY;
    let lunchTaken = false;

    const pauseFor = async (hour: number, reason: string, hours: number) => {
      await pause(deps, branch, employeeId, { reason });
      schedule(hour + hours, async () => {
        await resume(deps, branch, employeeId);
        await look(hour + hours);
      });
    };

    const look = async (hour: number): Promise<void> => {
      if (!lunchTaken && hour >= lunchAt) {
        lunchTaken = true;
        return pauseFor(hour, "Обед", 0.5 + random() * 0.25);
      }
      const ticket = hour < d.closeHour + OVERTIME ? await callNext(deps, branch, employeeId) : null;
      if (ticket) return serve(hour, ticket);
      // Nobody for him. After closing: home. Before: now and then a short break, otherwise a look
      // again when the next client of his comes (the clock needn't tick by in between).
      if (hour >= d.closeHour) {
        await leaveWorkstation(deps, branch, employeeId);
        return;
      }
      if (random() < 0.05) return pauseFor(hour, "Перерыв", 0.1 + random() * 0.15);
      idle.set(employeeId, { serves: seat.serves, look });
    };
    // Lunch and closing time come to an idle operator too.
    if (d.lunch) schedule(lunchAt, async () => wakeUp(employeeId, lunchAt));
    schedule(d.closeHour, async () => wakeUp(employeeId, d.closeHour));

    const serve = (hour: number, ticket: Ticket) => {
      const service = d.services.find((s) => s.id === ticket.serviceId)!;
      // The client walks to the window; now and then he has to be called again, or never comes.
      const recalled = random() < 0.12;
      const walk = hour + (0.3 + random()) / 60;
      if (recalled) schedule(walk, () => recall(deps, branch, employeeId, ticket.id).then(() => {}));
      const comes = walk + (recalled ? (0.5 + random()) / 60 : 0);
      schedule(comes, async () => {
        if (random() < 0.05) {
          await noShow(deps, branch, employeeId, ticket.id);
          const again = comes + 0.5 / 60;
          schedule(again, () => look(again));
          return;
        }
        await start(deps, branch, employeeId, ticket.id);
        const minutes = Math.max(0.5, service.expectedMinutes * Math.exp(0.45 * normal() - 0.1));
        const done = comes + minutes / 60;
        schedule(done, async () => {
          const others = d.services.filter((s) => s.id !== service.id);
          if (random() < 0.04 && others.length > 0) {
            const other = others[Math.floor(random() * others.length)]!;
            await redirect(deps, branch, employeeId, ticket.id, other.id, "Нужна другая услуга");
            wake(other.id, done);
          } else {
            await finish(deps, branch, employeeId, ticket.id);
            if (random() < 0.3) {
              const score = ratingFrom(random());
              schedule(done + 0.05, async () => {
                await rateTicket(deps, ticket.code, score, undefined, async () => branch);
              });
            }
          }
          const again = done + (0.2 + random() * 0.5) / 60;
          schedule(again, () => look(again));
        });
      });
    };

    const arrive = OPEN_HOUR + random() * 0.2;
    schedule(arrive, async () => {
      await takeWorkstation(deps, branch, employeeId, seat.workstationId);
      await look(arrive);
    });
  }

  let hour = Math.floor(OPEN_HOUR - 0.5);
  while (agenda.length > 0) {
    let first = 0;
    for (let i = 1; i < agenda.length; i++) if (agenda[i]!.at < agenda[first]!.at) first = i;
    const [step] = agenda.splice(first, 1);
    if (Math.floor(step!.at) > hour) {
      await d.checkpoint();
      hour = Math.floor(step!.at);
    }
    d.setTime(step!.at);
    await step!.run();
  }
  return issued;
}

/** The day's clients: a service by popularity, then an hour by that service's day (rejection sampling). */
function planArrivals(d: Day): Arrival[] {
  const { random, services } = d;
  const total = services.reduce((sum, s) => sum + s.weight, 0);
  const pick = () => {
    let x = random() * total;
    for (const s of services) {
      x -= s.weight;
      if (x <= 0) return s;
    }
    return services[0]!;
  };
  const arrivals: Arrival[] = [];
  while (arrivals.length < d.planned) {
    const service = pick();
    for (;;) {
      const hour = OPEN_HOUR + random() * (d.closeHour - OPEN_HOUR - 0.25);
      if (random() < arrivalRate(service, hour)) {
        const category =
          d.categories.length > 0 && random() < CATEGORY_SHARE
            ? d.categories[Math.floor(random() * d.categories.length)]!
            : null;
        arrivals.push({ hour, service, categoryId: category });
        break;
      }
    }
  }
  return arrivals.sort((a, b) => a.hour - b.hour);
}
