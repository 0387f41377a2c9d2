import type { Ticket } from "@dq/shared";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import type { Actor, BranchContext } from "../queue/branch-context.ts";
import { localTime } from "../queue/calendar.ts";
import type { QueueDeps } from "../queue/deps.ts";
import { issueTicket } from "../queue/issue.ts";
import { closeDay, rateTicket } from "../queue/management.ts";
import { callNext, finish, noShow, recall, redirect, start } from "../queue/transitions.ts";
import { leaveWorkstation, pause, resume, takeWorkstation } from "../queue/workplace.ts";

/**
 * Realistic history for an office, made by the engine's own code: every ticket is issued, called,
 * served, redirected or missed through the same functions the API uses, with the clock moved by the
 * simulation. Arrivals follow an office's day (a morning and an afternoon peak), service times are
 * log-normal around each service's expected time, operators work their competencies at their
 * workstations, take a lunch and short breaks; some clients do not come, some are redirected, some
 * rate the service.
 */
export interface HistoryOptions {
  /** Days of history, ending the day before `until` (in the office's timezone). */
  days: number;
  /** The day the history leads up to (not included); now by default. */
  until?: Date;
  /** Tickets on an ordinary weekday (Saturdays get fewer, Sundays are closed). */
  ticketsPerDay: number;
  seed?: number;
  onDay?: (day: string, tickets: number) => void;
}

export const DEFAULT_TICKETS_PER_DAY = 120;
const OPEN_HOUR = 9;
const CLOSE_HOUR = 18;

/** A small deterministic generator (mulberry32), so a history can be made again identically. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The share of a day's arrivals at a time of day (hours, fractional): two peaks over a base. */
function dayCurve(hour: number): number {
  const peak = (h: number, mid: number, width: number) => Math.exp(-((h - mid) ** 2) / (2 * width ** 2));
  return 0.35 + peak(hour, 11, 1.2) + 0.8 * peak(hour, 15, 1.4);
}

/** Mostly content clients: a score from a uniform draw. */
function rating(r: number): number {
  return r < 0.55 ? 5 : r < 0.8 ? 4 : r < 0.9 ? 3 : r < 0.95 ? 2 : 1;
}

/**
 * Each operator at a workstation where he does his main work: a free one that offers the service he
 * is best at (operators in order of login; among equals, the lowest workstation number).
 */
async function seatOperators(db: Kysely<DB>, branchId: string) {
  const staff = await db
    .selectFrom("employees as e")
    .innerJoin("employee_branches as eb", "eb.employee_id", "e.id")
    .select(["e.id"])
    .where("eb.branch_id", "=", branchId)
    .where("e.role", "=", "operator")
    .where("e.active", "=", true)
    .where("e.deleted_at", "is", null)
    .orderBy("e.login")
    .execute();
  const offers = await db
    .selectFrom("workstations as w")
    .innerJoin("workstation_services as ws", "ws.workstation_id", "w.id")
    .select(["w.id", "ws.service_id"])
    .where("w.branch_id", "=", branchId)
    .where("w.active", "=", true)
    .where("w.deleted_at", "is", null)
    .orderBy("w.number")
    .execute();
  const skills = await db
    .selectFrom("competencies")
    .select(["employee_id", "service_id", "rank"])
    .where("branch_id", "=", branchId)
    .execute();
  const taken = new Set<string>();
  const pairs: { employeeId: string; workstationId: string }[] = [];
  for (const e of staff) {
    const rank = new Map(skills.filter((c) => c.employee_id === e.id).map((c) => [c.service_id, c.rank]));
    let seat: (typeof offers)[number] | undefined;
    for (const o of offers) {
      const r = rank.get(o.service_id);
      if (taken.has(o.id) || r === undefined) continue;
      if (!seat || r < rank.get(seat.service_id)!) seat = o;
    }
    if (!seat) continue;
    taken.add(seat.id);
    pairs.push({ employeeId: e.id, workstationId: seat.id });
  }
  return pairs;
}

export async function generateHistory(
  db: Kysely<DB>,
  branch: BranchContext,
  options: HistoryOptions,
): Promise<{ tickets: number; days: number }> {
  const random = rng(options.seed ?? 42);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const until = options.until ?? new Date();
  let now = until;
  const deps: QueueDeps = { db, clock: () => now };
  const actor: Actor = {};

  const services = await db
    .selectFrom("services")
    .select(["id", "expected_service_minutes"])
    .where("branch_id", "=", branch.id)
    .where("is_group", "=", false)
    .where("active", "=", true)
    .where("deleted_at", "is", null)
    .execute();
  const pairs = await seatOperators(db, branch.id);
  if (services.length === 0 || pairs.length === 0) return { tickets: 0, days: 0 };
  // Popular services first: weights 1, 1/2, 1/3…
  const weights = services.map((_, i) => 1 / (i + 1));
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const pickService = () => {
    let x = random() * weightSum;
    for (let i = 0; i < services.length; i++) {
      x -= weights[i]!;
      if (x <= 0) return services[i]!;
    }
    return services[0]!;
  };

  // Midnight of each day in the office's timezone: find the UTC instant whose local time is 00:00.
  const midnight = (daysAgo: number) => {
    const probe = new Date(until.getTime() - daysAgo * 86_400_000);
    const { minutes } = localTime(probe, branch.timezone);
    return new Date(Math.floor((probe.getTime() - minutes * 60_000) / 60_000) * 60_000);
  };

  let total = 0;
  let daysDone = 0;
  for (let daysAgo = options.days; daysAgo >= 1; daysAgo--) {
    const dayStart = midnight(daysAgo);
    const { weekday, day } = localTime(new Date(dayStart.getTime() + 12 * 3_600_000), branch.timezone);
    if (weekday === "sun") continue;
    // A day per transaction: several times faster than a commit per step, and a day is whole or absent.
    const count = await db.transaction().execute(async (tx) => {
      const deps: QueueDeps = { db: tx, clock: () => now };
      const closeHour = weekday === "sat" ? 14 : CLOSE_HOUR;
      const count = Math.round(
        options.ticketsPerDay * (weekday === "sat" ? 0.5 : 1) * (0.85 + 0.3 * random()),
      );
      const at = (hour: number) => new Date(dayStart.getTime() + hour * 3_600_000);

      // Arrival times following the day curve (rejection sampling).
      const arrivals: number[] = [];
      while (arrivals.length < count) {
        const hour = OPEN_HOUR + random() * (closeHour - OPEN_HOUR - 0.25);
        if (random() * 2.2 < dayCurve(hour)) arrivals.push(hour);
      }
      arrivals.sort((a, b) => a - b);

      // The end-of-day job's work for the days before, as it would have run in the night.
      now = at(OPEN_HOUR - 0.5);
      await closeDay(deps, branch, { all: false }, actor);

      // A discrete-event simulation: the earliest pending step runs next, so every change reaches
      // the engine in time order (operators act side by side, clients arrive meanwhile).
      const agenda: { at: number; run: () => Promise<void> }[] = [];
      const schedule = (hour: number, run: () => Promise<void>) => agenda.push({ at: hour, run });
      const nextArrival = (hour: number) => arrivals.find((a) => a > hour) ?? closeHour;

      for (const arrival of arrivals) {
        schedule(arrival, async () => {
          const issued = await issueTicket(
            deps,
            branch,
            { serviceId: pickService().id, origin: "kiosk" },
            actor,
          )
            // A service with its own hours (closed on Saturday) refuses: the client goes away.
            .catch(() => null);
          if (issued) total++;
        });
      }

      for (const pair of pairs) {
        const { employeeId } = pair;
        const lunchAt = weekday === "sat" ? Number.POSITIVE_INFINITY : 12.5 + random() * 1.5;
        let lunchTaken = false;
        const pauseFor = async (hour: number, reason: string, hours: number) => {
          schedule(hour + hours, async () => {
            await resume(deps, branch, employeeId);
            await look(hour + hours);
          });
          await pause(deps, branch, employeeId, { reason });
        };
        const look = async (hour: number): Promise<void> => {
          if (!lunchTaken && hour >= lunchAt) {
            lunchTaken = true;
            return pauseFor(hour, "Обед", 0.5 + random() * 0.25);
          }
          const ticket = hour < closeHour + 0.5 ? await callNext(deps, branch, employeeId) : null;
          if (!ticket) {
            // After closing, with nobody left: go home. Before: now and then a short break,
            // otherwise look again when the next client comes.
            if (hour >= closeHour) return leaveWorkstation(deps, branch, employeeId).then(() => {});
            if (random() < 0.05) return pauseFor(hour, "Перерыв", 0.1 + random() * 0.15);
            const again = Math.max(hour + 1 / 60, nextArrival(hour) + 0.2 / 60);
            schedule(again, () => look(again));
            return;
          }
          serve(hour, ticket);
        };
        const serve = (hour: number, ticket: Ticket) => {
          const service = services.find((s) => s.id === ticket.serviceId)!;
          // The client walks to the window; now and then he has to be called again, or never comes.
          const recalled = random() < 0.12;
          const walk = hour + (0.3 + random()) / 60;
          if (recalled) schedule(walk, () => recall(deps, branch, employeeId, ticket.id).then(() => {}));
          const arrives = walk + (recalled ? (0.5 + random()) / 60 : 0);
          schedule(arrives, async () => {
            if (random() < 0.05) {
              await noShow(deps, branch, employeeId, ticket.id);
              schedule(arrives + 0.5 / 60, () => look(arrives + 0.5 / 60));
              return;
            }
            await start(deps, branch, employeeId, ticket.id);
            const minutes = service.expected_service_minutes * Math.exp(0.45 * normal() - 0.1);
            const done = arrives + Math.max(0.5, minutes) / 60;
            schedule(done, async () => {
              if (random() < 0.04 && services.length > 1) {
                const others = services.filter((s) => s.id !== service.id);
                const other = others[Math.floor(random() * others.length)]!;
                await redirect(deps, branch, employeeId, ticket.id, other.id, "Нужна другая услуга");
              } else {
                await finish(deps, branch, employeeId, ticket.id);
                if (random() < 0.3) {
                  const score = rating(random());
                  schedule(done + 0.05, () =>
                    rateTicket(deps, ticket.code, score, undefined, async () => branch).then(() => {}),
                  );
                }
              }
              const back = done + (0.2 + random() * 0.5) / 60;
              schedule(back, () => look(back));
            });
          });
        };
        const arrive = OPEN_HOUR + random() * 0.2;
        schedule(arrive, async () => {
          await takeWorkstation(deps, branch, employeeId, pair.workstationId);
          await look(arrive);
        });
      }

      while (agenda.length > 0) {
        let first = 0;
        for (let i = 1; i < agenda.length; i++) if (agenda[i]!.at < agenda[first]!.at) first = i;
        const [step] = agenda.splice(first, 1);
        now = at(step!.at);
        await step!.run();
      }
      return count;
    });
    daysDone++;
    options.onDay?.(day, count);
  }
  // Close the last simulated day too; today's live queue is left alone.
  now = until;
  await closeDay(deps, branch, { all: false }, actor);
  return { tickets: total, days: daysDone };
}
