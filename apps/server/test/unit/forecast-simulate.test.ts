import { describe, expect, it } from "vitest";
import type { ForecastServer, ForecastService, ForecastState } from "../../src/queue/forecast/model.ts";
import { probeKey } from "../../src/queue/forecast/model.ts";
import { simulate } from "../../src/queue/forecast/simulate.ts";
import { callClassOf, pickNext } from "../../src/queue/policy.ts";

const NOW = Date.parse("2026-12-07T07:00:00Z"); // 10:00 in Moscow
const MIN = 60_000;

function service(id: string, over: Partial<ForecastService> = {}): ForecastService {
  return {
    id,
    priority: 0,
    targetWaitMinutes: null,
    busyMinutes: [10],
    leaveShare: 0,
    closesAt: null,
    ...over,
  };
}

function server(
  id: string,
  ranks: Record<string, number>,
  over: Partial<ForecastServer> = {},
): ForecastServer {
  return { id, ranks: new Map(Object.entries(ranks)), busy: null, backAt: null, ...over };
}

function state(over: Partial<ForecastState>): ForecastState {
  return {
    now: NOW,
    policy: { slaGuard: false, ratio: null },
    recentCalls: [],
    services: new Map([["a", service("a")]]),
    waiting: [],
    servers: [server("op1", { a: 1 })],
    arrivals: [],
    localMinutesNow: 600,
    pausedShareByHour: new Array(24).fill(0),
    gapMinutes: 0,
    probes: [],
    ...over,
  };
}

const waiting = (id: string, serviceId: string, minutesAgo: number, priority = 0) => ({
  id,
  serviceId,
  priority,
  enqueuedAt: NOW - minutesAgo * MIN,
});

describe("the wait forecast", () => {
  it("calls one after another at fixed service times, and a probe takes nobody's time", () => {
    const f = simulate(
      state({
        waiting: [waiting("1", "a", 5), waiting("2", "a", 4), waiting("3", "a", 3)],
        probes: [{ serviceId: "a", priority: 0 }],
      }),
      20,
    );
    expect(f.tickets.get("1")).toMatchObject({ mean: NOW, p10: NOW, p90: NOW, calledShare: 1 });
    expect(f.tickets.get("3")!.mean).toBe(NOW + 20 * MIN);
    expect(f.probes.get(probeKey("a", 0))!.mean).toBe(NOW + 30 * MIN);
  });

  it("lets priority arrivals overtake an ordinary client", () => {
    const base = state({ waiting: [waiting("1", "a", 5), waiting("2", "a", 4)] });
    const calm = simulate(base, 200).tickets.get("2")!;
    const busy = simulate(
      { ...base, arrivals: [{ serviceId: "a", priority: 1, perMinute: new Array(24).fill(0.05) }] },
      200,
    ).tickets.get("2")!;
    expect(calm.mean).toBe(NOW + 10 * MIN);
    expect(busy.mean).toBeGreaterThan(NOW + 12 * MIN);
    expect(busy.p90).toBeGreaterThan(busy.p10);
  });

  it("serves a rank-2 service only when the operator's rank-1 queue is empty", () => {
    const f = simulate(
      state({
        services: new Map([
          ["a", service("a")],
          ["b", service("b", { busyMinutes: [5] })],
        ]),
        waiting: [waiting("b1", "b", 30), waiting("a1", "a", 5), waiting("a2", "a", 4)],
        servers: [server("op1", { a: 1, b: 2 })],
      }),
      10,
    );
    expect(f.tickets.get("a2")!.mean).toBe(NOW + 10 * MIN);
    expect(f.tickets.get("b1")!.mean).toBe(NOW + 20 * MIN);
    expect([...f.servedServices].sort()).toEqual(["a", "b"]);
  });

  it("waits for a busy operator's client and a paused operator's return", () => {
    const f = simulate(
      state({
        waiting: [waiting("1", "a", 5)],
        servers: [
          server("op1", { a: 1 }, { busy: { serviceId: "a", since: NOW - 4 * MIN } }),
          server("op2", { a: 1 }, { backAt: NOW + 3 * MIN }),
        ],
      }),
      10,
    );
    expect(f.tickets.get("1")!.mean).toBe(NOW + 3 * MIN);
    expect([...f.servedServices]).toEqual(["a"]);
  });

  it("calls an overdue ordinary client before a priority one when the SLA guard is on", () => {
    const s = state({
      services: new Map([["a", service("a", { targetWaitMinutes: 20 })]]),
      waiting: [waiting("late", "a", 25), waiting("vip", "a", 1, 1)],
    });
    expect(simulate(s, 5).tickets.get("vip")!.mean).toBe(NOW);
    const guarded = simulate({ ...s, policy: { slaGuard: true, ratio: null } }, 5);
    expect(guarded.tickets.get("late")!.mean).toBe(NOW);
    expect(guarded.tickets.get("vip")!.mean).toBe(NOW + 10 * MIN);
  });
});

describe("appointments in the forecast", () => {
  const appointment = (id: string, minutesFromNow: number) => ({
    id,
    serviceId: "a",
    priority: 0,
    enqueuedAt: NOW + minutesFromNow * MIN,
    appointment: true,
  });

  it("calls an appointment at its start before walk-ins who came earlier, not before its start", () => {
    const f = simulate(
      state({ waiting: [waiting("w1", "a", 30), waiting("w2", "a", 25), appointment("b", 5)] }),
      5,
    );
    // w1 at 10:00 keeps the operator until 10:10; the appointment (due 10:05) goes before w2.
    expect(f.tickets.get("w1")!.mean).toBe(NOW);
    expect(f.tickets.get("b")!.mean).toBe(NOW + 10 * MIN);
    expect(f.tickets.get("w2")!.mean).toBe(NOW + 20 * MIN);
  });

  it("an idle operator calls a lone appointment at its start", () => {
    const f = simulate(
      state({ waiting: [appointment("b", 7)], probes: [{ serviceId: "a", priority: 0 }] }),
      5,
    );
    expect(f.probes.get(probeKey("a", 0))!.mean).toBe(NOW);
    expect(f.tickets.get("b")!.mean).toBe(NOW + 7 * MIN);
  });

  it("an overdue walk-in still goes first with the SLA guard on", () => {
    const s = state({
      services: new Map([["a", service("a", { targetWaitMinutes: 20 })]]),
      waiting: [waiting("late", "a", 25), appointment("b", 0)],
    });
    expect(simulate(s, 5).tickets.get("b")!.mean).toBe(NOW);
    const guarded = simulate({ ...s, policy: { slaGuard: true, ratio: null } }, 5);
    expect(guarded.tickets.get("late")!.mean).toBe(NOW);
    expect(guarded.tickets.get("b")!.mean).toBe(NOW + 10 * MIN);
  });
});

describe("remote tickets whose holders have not arrived", () => {
  const unarrived = (id: string, minutesAgo: number) => ({
    ...waiting(id, "a", minutesAgo),
    awaitingArrival: true,
  });

  it("are not called: nobody waits behind them, and no operator is taken to be away for them", () => {
    const f = simulate(
      state({
        waiting: [unarrived("r1", 9), unarrived("r2", 8), unarrived("r3", 7), waiting("k", "a", 0)],
        probes: [{ serviceId: "a", priority: 0 }],
      }),
      20,
    );
    // The kiosk ticket is called at once, the next one taken after it ten minutes on.
    expect(f.tickets.get("k")).toMatchObject({ mean: NOW, p10: NOW, p90: NOW, calledShare: 1 });
    expect(f.probes.get(probeKey("a", 0))!.mean).toBe(NOW + 10 * MIN);
  });

  it("are each forecast as if the holder arrived now, at his place in line, delaying nobody", () => {
    const f = simulate(
      state({
        waiting: [waiting("w1", "a", 20), unarrived("r", 15), waiting("w2", "a", 10), waiting("w3", "a", 5)],
      }),
      20,
    );
    // «r» came before w2: were he here, he would go second, at 10:10; w2 and w3 are not delayed by him.
    expect(f.tickets.get("r")).toMatchObject({ mean: NOW + 10 * MIN, calledShare: 1 });
    expect(f.tickets.get("w2")!.mean).toBe(NOW + 10 * MIN);
    expect(f.tickets.get("w3")!.mean).toBe(NOW + 20 * MIN);
    // Once he arrives, he counts again: w2 and w3 wait for him.
    const arrived = simulate(
      state({
        waiting: [
          waiting("w1", "a", 20),
          waiting("r", "a", 15),
          waiting("w2", "a", 10),
          waiting("w3", "a", 5),
        ],
      }),
      20,
    );
    expect(arrived.tickets.get("r")!.mean).toBe(NOW + 10 * MIN);
    expect(arrived.tickets.get("w3")!.mean).toBe(NOW + 30 * MIN);
  });
});

describe("the forecast's calls follow the engine's calling policy", () => {
  // Random offices: one operator, one-minute services, no arrivals. The simulation's order of
  // calls must be the order pickNext (policy.ts) gives, step by step, as the clock moves on
  // (overdue tickets, appointments becoming callable at their start), and with the ratio rule's
  // memory of the calls before.
  it("in 300 random offices, call for call", () => {
    let seed = 12345;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const pickOf = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let office = 0; office < 300; office++) {
      const serviceIds = ["a", "b", "c"].slice(0, 1 + Math.floor(random() * 3));
      const services = new Map(
        serviceIds.map((id) => [
          id,
          service(id, {
            busyMinutes: [1],
            priority: pickOf([0, 0, 1, 2]),
            targetWaitMinutes: pickOf([null, 3, 10]),
          }),
        ]),
      );
      const ranks = Object.fromEntries(serviceIds.map((id) => [id, pickOf([1, 1, 2, 3])]));
      const tickets = Array.from({ length: 2 + Math.floor(random() * 10) }, (_, i) => {
        // A quarter are appointments, some checked in early (queued from a start still to come).
        const appointment = random() < 0.25;
        const minutesAgo = Math.floor(random() * 15) - (appointment ? 8 : 0);
        return {
          id: String(100 + i),
          serviceId: pickOf(serviceIds),
          priority: pickOf([0, 0, 0, 2, 3]),
          enqueuedAt: NOW - minutesAgo * MIN,
          appointment,
          // Some remote walk-ins whose holders have not arrived: call next passes over them.
          awaitingArrival: !appointment && random() < 0.2,
        };
      });
      const policy = {
        slaGuard: random() < 0.5,
        ratio: random() < 0.5 ? { normal: pickOf([1, 2, 3]), priority: pickOf([1, 2]) } : null,
      };
      const recentCalls = Array.from({ length: Math.floor(random() * 4) }, () =>
        pickOf(["normal", "priority"] as const),
      );
      const forecast = simulate(
        state({ services, waiting: tickets, servers: [server("op", ranks)], policy, recentCalls }),
        3,
      );

      const expected: string[] = [];
      const recent = [...recentCalls];
      let left = tickets.map((t) => ({
        id: t.id,
        categoryPriority: t.priority,
        rank: ranks[t.serviceId]!,
        servicePriority: services.get(t.serviceId)!.priority,
        enqueuedAt: new Date(t.enqueuedAt),
        targetWaitMinutes: services.get(t.serviceId)!.targetWaitMinutes,
        bookedFor: t.appointment ? new Date(t.enqueuedAt) : null,
        awaitingArrival: t.awaitingArrival,
      }));
      let clock = NOW;
      while (left.some((c) => !c.awaitingArrival)) {
        const next = pickNext(left, { policy, now: new Date(clock), recentCalls: recent });
        if (!next) {
          // Only appointments not yet started wait: the operator calls at the first one's start.
          clock = Math.min(...left.filter((c) => !c.awaitingArrival).map((c) => c.enqueuedAt.getTime()));
          continue;
        }
        expected.push(next.id);
        recent.unshift(callClassOf(next.categoryPriority));
        left = left.filter((c) => c !== next);
        clock += MIN;
      }
      const awaiting = new Set(tickets.filter((t) => t.awaitingArrival).map((t) => t.id));
      const simulated = [...forecast.tickets.entries()]
        .filter(([id]) => !awaiting.has(id))
        .sort(([, x], [, y]) => x.mean - y.mean)
        .map(([id]) => id);
      expect({ office, order: simulated }).toEqual({ office, order: expected });
    }
  });
});
