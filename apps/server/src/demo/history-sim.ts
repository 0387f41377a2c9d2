import type { BranchContext } from "../core/branch-context.ts";
import type { QueueDeps } from "../queue/deps.ts";
import type { Seat, SimulatedService } from "./history-office.ts";
import type { HistoryRealism } from "./history-realism.ts";

/** What one simulated office day is made of: its inputs, its agenda and its idle operators. */

export const OPEN_HOUR = 9;

export interface Day {
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
  /** Lunch today (the realism's lunch, and not on a Saturday). */
  lunch: boolean;
  realism: HistoryRealism;
}

/** Engine steps per transaction at most (each is a few queries). */
const STEPS_PER_TRANSACTION = 8;

/**
 * The day's pending steps. The earliest runs next (among equals, the one added first), so every
 * change reaches the engine in time order; a step may add more.
 */
export class Agenda {
  private readonly steps: { at: number; run: () => Promise<void> }[] = [];

  add(hour: number, run: () => Promise<void>): void {
    this.steps.push({ at: hour, run });
  }

  /**
   * Runs every step with the clock at its hour, committing at each new simulated hour and after
   * every few steps (a transaction of a few steps holds PGlite's one connection for a few tens
   * of milliseconds only, while live requests wait).
   */
  async runAll(d: Day, fromHour: number): Promise<void> {
    let hour = fromHour;
    let steps = 0;
    while (this.steps.length > 0) {
      let first = 0;
      for (let i = 1; i < this.steps.length; i++) if (this.steps[i]!.at < this.steps[first]!.at) first = i;
      const [step] = this.steps.splice(first, 1);
      if (Math.floor(step!.at) > hour || ++steps >= STEPS_PER_TRANSACTION) {
        await d.checkpoint();
        hour = Math.floor(step!.at);
        steps = 0;
      }
      d.setTime(step!.at);
      await step!.run();
    }
  }
}

type Look = (hour: number) => Promise<void>;

/**
 * Operators with nobody to call, waiting for a client: the one who has waited longest is woken
 * when a client of his arrives (no one polls an empty queue, which would cost engine calls).
 */
export class IdleOperators {
  private readonly idle = new Map<string, { serves: Set<string>; look: Look }>();
  private readonly agenda: Agenda;
  private readonly random: () => number;
  /** Whether an operator takes a moment to notice a new client (HistoryRealism.handover). */
  private readonly noticing: boolean;

  constructor(agenda: Agenda, random: () => number, noticing: boolean) {
    this.agenda = agenda;
    this.random = random;
    this.noticing = noticing;
  }

  wait(employeeId: string, serves: Set<string>, look: Look): void {
    this.idle.set(employeeId, { serves, look });
  }

  /** A client of a service has come: the first idle operator who serves it notices him. */
  clientFor(serviceId: string, hour: number): void {
    for (const [employeeId, op] of this.idle) {
      if (!op.serves.has(serviceId)) continue;
      this.idle.delete(employeeId);
      // He notices the new client within a few seconds to a minute.
      const at = this.noticing ? hour + (0.1 + this.random() * 0.9) / 60 : hour;
      this.agenda.add(at, () => op.look(at));
      return;
    }
  }

  /** Something else calls an idle operator (lunch, closing time): he looks again at once. */
  wakeUp(employeeId: string, hour: number): void {
    const op = this.idle.get(employeeId);
    if (!op) return;
    this.idle.delete(employeeId);
    this.agenda.add(hour, () => op.look(hour));
  }
}
