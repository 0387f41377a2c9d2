import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";
import { seededRandom } from "../queue/forecast/random.ts";

/** What the history simulation needs to know about an office, and its random habits. */

/** A small deterministic generator (mulberry32), so a history can be made again identically. */
export const rng = seededRandom;

export interface SimulatedService {
  id: string;
  expectedMinutes: number;
  /** Popularity: the share of clients who come for it is weight ÷ the sum of weights. */
  weight: number;
  /** The heights of its morning (11:00) and afternoon (15:00) peaks over a steady base. */
  morning: number;
  afternoon: number;
}

const peak = (hour: number, mid: number, width: number) => Math.exp(-((hour - mid) ** 2) / (2 * width ** 2));

/** How many of a service's clients come at a time of day, relative to its busiest moment (≤ 1). */
export function arrivalRate(service: SimulatedService, hour: number): number {
  const top = 0.35 + service.morning + service.afternoon;
  return (0.35 + service.morning * peak(hour, 11, 1.2) + service.afternoon * peak(hour, 15, 1.4)) / top;
}

/** Mostly content clients: a score from a uniform draw. */
export function ratingFrom(r: number): number {
  return r < 0.55 ? 5 : r < 0.8 ? 4 : r < 0.9 ? 3 : r < 0.95 ? 2 : 1;
}

/**
 * The office's active services in their kiosk order; the first ones are the popular ones (weights
 * 1, 1/2, 1/3…) and each gets its own day: some are morning business, some afternoon.
 */
export async function loadServices(db: Kysely<DB>, branchId: string, random: () => number) {
  const rows = await db
    .selectFrom("services")
    .select(["id", "expected_service_minutes"])
    .where("branch_id", "=", branchId)
    .where("is_group", "=", false)
    .where("active", "=", true)
    .where("deleted_at", "is", null)
    .orderBy("sort_order")
    .orderBy("id")
    .execute();
  return rows.map(
    (r, i): SimulatedService => ({
      id: r.id,
      expectedMinutes: r.expected_service_minutes,
      weight: 1 / (i + 1),
      morning: 0.4 + random(),
      afternoon: 0.3 + random() * 0.9,
    }),
  );
}

/** The office's client categories (veterans, people with disabilities…): a few clients belong to one. */
export async function loadCategories(db: Kysely<DB>, branchId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("categories")
    .select("id")
    .where("branch_id", "=", branchId)
    .where("active", "=", true)
    .where("deleted_at", "is", null)
    .orderBy("id")
    .execute();
  return rows.map((r) => r.id);
}

export interface Seat {
  employeeId: string;
  workstationId: string;
  /** The services he can be called for there: his competencies that the workstation offers. */
  serves: Set<string>;
}

/**
 * Each operator at a workstation where he does his main work: a free one that offers the service he
 * is best at (operators in order of login; among equals, the lowest workstation number).
 */
export async function seatOperators(db: Kysely<DB>, branchId: string): Promise<Seat[]> {
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
  const seats: Seat[] = [];
  for (const e of staff) {
    const rank = new Map(skills.filter((c) => c.employee_id === e.id).map((c) => [c.service_id, c.rank]));
    let best: (typeof offers)[number] | undefined;
    for (const o of offers) {
      const r = rank.get(o.service_id);
      if (taken.has(o.id) || r === undefined) continue;
      if (!best || r < rank.get(best.service_id)!) best = o;
    }
    if (!best) continue;
    const seat = best.id;
    taken.add(seat);
    const offered = offers.filter((o) => o.id === seat && rank.has(o.service_id)).map((o) => o.service_id);
    seats.push({ employeeId: e.id, workstationId: seat, serves: new Set(offered) });
  }
  return seats;
}
