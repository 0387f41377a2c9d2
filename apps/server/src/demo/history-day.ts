import type { Actor } from "../core/branch-context.ts";
import { issueTicket } from "../queue/issue.ts";
import { cancelTicket, closeDay } from "../queue/management.ts";
import { arrivalRate, type SimulatedService } from "./history-office.ts";
import { SimulatedOperator } from "./history-operator.ts";
import { poissonHours } from "./history-realism.ts";
import { Agenda, type Day, IdleOperators, OPEN_HOUR } from "./history-sim.ts";

interface Arrival {
  hour: number;
  service: SimulatedService;
  categoryId: string | null;
}

/** Share of clients with little patience (most of them are called in time). */
const IMPATIENT_SHARE = 0.15;

/** The simulation acts for nobody in particular: no employee, no device. */
const actor: Actor = {};

/**
 * One office day as a discrete-event simulation: the earliest pending step runs next, so every
 * change reaches the engine in time order (operators act side by side while clients arrive).
 * Returns the number of tickets issued.
 */
export async function simulateDay(d: Day): Promise<number> {
  const arrivals = planArrivals(d);
  const agenda = new Agenda();
  const idle = new IdleOperators(agenda, d.random, d.realism.handover);

  // The end-of-day job's work for the days before, as it would have run in the night.
  d.setTime(OPEN_HOUR - 0.5);
  await closeDay(d.deps, d.branch, { all: false }, actor);

  const clients = scheduleClients(d, arrivals, agenda, idle);
  for (const seat of d.seats) new SimulatedOperator(d, seat, agenda, idle).plan();
  await agenda.runAll(d, Math.floor(OPEN_HOUR - 0.5));
  return clients.issued;
}

/**
 * Each client takes a ticket at his hour and wakes an operator who serves it; a few give up
 * waiting and cancel.
 */
function scheduleClients(d: Day, arrivals: Arrival[], agenda: Agenda, idle: IdleOperators) {
  const { deps, branch, random } = d;
  const clients = { issued: 0 };
  for (const a of arrivals) {
    agenda.add(a.hour, async () => {
      // A service with its own hours (closed on Saturday) refuses: the client goes away.
      const ticket = await issueTicket(
        deps,
        branch,
        { serviceId: a.service.id, categoryId: a.categoryId, origin: "kiosk" },
        actor,
      ).catch(() => null);
      if (!ticket) return;
      clients.issued++;
      idle.clientFor(a.service.id, a.hour);
      // Some would not wait past 2 to 20 minutes: if not called by then, they cancel from their phone.
      if (d.realism.cancels && random() < IMPATIENT_SHARE) {
        const at = a.hour + (2 + random() * 18) / 60;
        agenda.add(at, async () => {
          await cancelTicket(deps, branch, ticket.ticket.id, actor, "cancelled_by_client").catch(() => null);
        });
      }
    });
  }
  return clients;
}

/**
 * The day's clients: a service by popularity, then an hour by that service's day (rejection
 * sampling); or, for Poisson arrivals, the hours first (a constant rate) and a service for each.
 */
function planArrivals(d: Day): Arrival[] {
  const { random, services, realism } = d;
  const total = services.reduce((sum, s) => sum + s.weight, 0);
  const pick = () => {
    let x = random() * total;
    for (const s of services) {
      x -= s.weight;
      if (x <= 0) return s;
    }
    return services[0]!;
  };
  const category = () =>
    d.categories.length > 0 && random() < realism.categoryShare
      ? d.categories[Math.floor(random() * d.categories.length)]!
      : null;
  if (realism.arrivals === "poisson") {
    return poissonHours(random, d.planned, OPEN_HOUR, d.closeHour).map((hour) => {
      const service = pick();
      return { hour, service, categoryId: category() };
    });
  }
  const arrivals: Arrival[] = [];
  while (arrivals.length < d.planned) {
    const service = pick();
    for (;;) {
      const hour = OPEN_HOUR + random() * (d.closeHour - OPEN_HOUR - 0.25);
      if (random() < arrivalRate(service, hour)) {
        arrivals.push({ hour, service, categoryId: category() });
        break;
      }
    }
  }
  return arrivals.sort((a, b) => a.hour - b.hour);
}
