import type { WaitEstimate } from "@dq/shared";

export interface EstimateInput {
  /** People ahead in the same service. */
  position: number;
  /** Average service time in this service recently, or the configured expectation. */
  averageServiceMinutes: number;
  /** Workstations currently serving this service (at least one is assumed). */
  servers: number;
}

/**
 * The estimate DigitalQueue gave before the forecast (docs/estimates.md), kept as the yardstick the
 * accuracy benchmark compares against: the client ahead of you is on average half-way through, so
 * the centre is (position + ½) services spread over the servers, widened by ±30 % and rounded outwards.
 */
export function legacyEstimate({ position, averageServiceMinutes, servers }: EstimateInput): WaitEstimate {
  const expected = ((position + 0.5) * averageServiceMinutes) / Math.max(1, servers);
  return {
    minMinutes: Math.max(0, Math.floor(expected * 0.7)),
    maxMinutes: Math.max(1, Math.ceil(expected * 1.3)),
    expectedMinutes: Math.round(expected * 10) / 10,
  };
}
