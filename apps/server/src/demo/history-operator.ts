import type { Ticket } from "@dq/shared";
import { rateTicket } from "../queue/management.ts";
import { callNext, finish, noShow, recall, redirect, start } from "../queue/transitions.ts";
import { leaveWorkstation, pause, resume, takeWorkstation } from "../queue/workplace.ts";
import { ratingFrom, type Seat, type SimulatedService } from "./history-office.ts";
import { type Agenda, type Day, type IdleOperators, OPEN_HOUR } from "./history-sim.ts";

/**
 * One operator's simulated day at his seat: he comes in, calls his clients, serves them (log-normal
 * times around the service's expected time), takes a lunch and now and then a short break, and goes
 * home when nobody is left after closing.
 */
export class SimulatedOperator {
  private readonly d: Day;
  private readonly seat: Seat;
  private readonly agenda: Agenda;
  private readonly idle: IdleOperators;
  private readonly employeeId: string;
  private readonly lunchAt: number;
  private lunchTaken = false;

  constructor(d: Day, seat: Seat, agenda: Agenda, idle: IdleOperators) {
    this.d = d;
    this.seat = seat;
    this.agenda = agenda;
    this.idle = idle;
    this.employeeId = seat.employeeId;
    this.lunchAt = d.lunch ? 12.5 + d.random() * 1.5 : Number.POSITIVE_INFINITY;
  }

  /** Puts his day on the agenda: lunch and closing time reach him even when idle, then he arrives. */
  plan(): void {
    const { d, agenda, idle, employeeId } = this;
    if (d.lunch) agenda.add(this.lunchAt, async () => idle.wakeUp(employeeId, this.lunchAt));
    agenda.add(d.closeHour, async () => idle.wakeUp(employeeId, d.closeHour));
    const arrive = d.realism.handover ? OPEN_HOUR + d.random() * 0.2 : OPEN_HOUR;
    agenda.add(arrive, async () => {
      await takeWorkstation(d.deps, d.branch, employeeId, this.seat.workstationId);
      await this.look(arrive);
    });
  }

  private readonly look = async (hour: number): Promise<void> => {
    const { d, employeeId } = this;
    if (!this.lunchTaken && hour >= this.lunchAt) {
      this.lunchTaken = true;
      return this.pauseFor(hour, "Обед", 0.5 + d.random() * 0.25);
    }
    const ticket =
      hour < d.closeHour + d.realism.overtimeHours ? await callNext(d.deps, d.branch, employeeId) : null;
    if (ticket) return this.serve(hour, ticket);
    // Nobody for him. After closing: home. Before: now and then a short break, otherwise a look
    // again when the next client of his comes (the clock needn't tick by in between).
    if (hour >= d.closeHour) {
      await leaveWorkstation(d.deps, d.branch, employeeId);
      return;
    }
    if (d.realism.breaks && d.random() < 0.05) return this.pauseFor(hour, "Перерыв", 0.1 + d.random() * 0.15);
    this.idle.wait(employeeId, this.seat.serves, this.look);
  };

  private async pauseFor(hour: number, reason: string, hours: number): Promise<void> {
    const { d, employeeId } = this;
    await pause(d.deps, d.branch, employeeId, { reason });
    this.agenda.add(hour + hours, async () => {
      await resume(d.deps, d.branch, employeeId);
      await this.look(hour + hours);
    });
  }

  /** The client walks to the window; now and then he has to be called again, or never comes. */
  private serve(hour: number, ticket: Ticket): void {
    const { d, agenda, employeeId } = this;
    const service = d.services.find((s) => s.id === ticket.serviceId)!;
    const { realism } = d;
    const recalled = realism.recalls && d.random() < 0.12;
    const walk = realism.handover ? hour + (0.3 + d.random()) / 60 : hour;
    if (recalled) agenda.add(walk, () => recall(d.deps, d.branch, employeeId, ticket.id).then(() => {}));
    const comes = walk + (recalled ? (0.5 + d.random()) / 60 : 0);
    agenda.add(comes, async () => {
      if (realism.noShows && d.random() < 0.05) {
        await noShow(d.deps, d.branch, employeeId, ticket.id);
        this.lookAgainAt(comes + 0.5 / 60);
        return;
      }
      await start(d.deps, d.branch, employeeId, ticket.id);
      const minutes = this.serviceMinutes(service);
      const done = comes + minutes / 60;
      agenda.add(done, () => this.finishWith(done, ticket, service));
    });
  }

  /** Most clients are served and some rate it; a few needed another service and are redirected. */
  private async finishWith(done: number, ticket: Ticket, service: SimulatedService): Promise<void> {
    const { d, employeeId } = this;
    const others = d.services.filter((s) => s.id !== service.id);
    if (d.realism.redirects && d.random() < 0.04 && others.length > 0) {
      const other = others[Math.floor(d.random() * others.length)]!;
      await redirect(d.deps, d.branch, employeeId, ticket.id, other.id, "Нужна другая услуга");
      this.idle.clientFor(other.id, done);
    } else {
      await finish(d.deps, d.branch, employeeId, ticket.id);
      if (d.realism.ratings && d.random() < 0.3) {
        const score = ratingFrom(d.random());
        this.agenda.add(done + 0.05, async () => {
          await rateTicket(d.deps, ticket.code, score, undefined, async () => d.branch);
        });
      }
    }
    this.lookAgainAt(d.realism.handover ? done + (0.2 + d.random() * 0.5) / 60 : done);
  }

  /** Log-normal around the service's expected time (mean ≈ it), or exponential with it as the mean. */
  private serviceMinutes(service: SimulatedService): number {
    const { random, realism } = this.d;
    if (realism.serviceTimes === "exponential") return -Math.log(1 - random()) * service.expectedMinutes;
    return Math.max(0.5, service.expectedMinutes * Math.exp(0.45 * this.normal() - 0.1));
  }

  private lookAgainAt(hour: number): void {
    this.agenda.add(hour, () => this.look(hour));
  }

  /** A standard normal draw (Box–Muller). */
  private normal(): number {
    const { random } = this.d;
    return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  }
}
