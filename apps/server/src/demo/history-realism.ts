/**
 * How true to a real office a simulated day is. The demo office gets every habit of real clients
 * and operators; the wait-estimate benchmark also needs textbook days (an M/M/s queue: Poisson
 * arrivals, exponential service, no noise) to compare the estimates with theory.
 */
export interface HistoryRealism {
  /** `office-day`: each service's own day with morning and afternoon peaks; `poisson`: a constant rate over the open hours. */
  arrivals: "office-day" | "poisson";
  /** `lognormal` around the service's expected time; `exponential` with it as the mean. */
  serviceTimes: "lognormal" | "exponential";
  lunch: boolean;
  /** Short breaks now and then when an operator has nobody to call. */
  breaks: boolean;
  noShows: boolean;
  recalls: boolean;
  /** Impatient clients who cancel from their phone. */
  cancels: boolean;
  redirects: boolean;
  ratings: boolean;
  /**
   * The seconds between clients: operators arrive within minutes of opening, notice a new client,
   * wait for him to walk to the window, and take a breath before the next. Without them an
   * operator's time is exactly his services (the M/M/s model).
   */
  handover: boolean;
  /** Share of clients with a priority category (when the office has categories). */
  categoryShare: number;
  /**
   * Hours after closing that operators still call whoever waits; the rest are closed with the day.
   * The M/M/s model has no such cut: everyone who came is served.
   */
  overtimeHours: number;
}

/** The demo office's days. */
export const OFFICE_DAY: HistoryRealism = {
  arrivals: "office-day",
  serviceTimes: "lognormal",
  lunch: true,
  breaks: true,
  noShows: true,
  recalls: true,
  cancels: true,
  redirects: true,
  ratings: true,
  handover: true,
  categoryShare: 0.08,
  overtimeHours: 0.5,
};

/** An M/M/s day: Poisson arrivals, exponential service, every operator at work all day, nobody else. */
export const TEXTBOOK_DAY: HistoryRealism = {
  arrivals: "poisson",
  serviceTimes: "exponential",
  lunch: false,
  breaks: false,
  noShows: false,
  recalls: false,
  cancels: false,
  redirects: false,
  ratings: false,
  handover: false,
  categoryShare: 0,
  overtimeHours: Number.POSITIVE_INFINITY,
};

/** Arrival hours of a Poisson process with `expected` arrivals over [from, to): exponential gaps. */
export function poissonHours(random: () => number, expected: number, from: number, to: number): number[] {
  const rate = expected / (to - from);
  const hours: number[] = [];
  const gap = () => -Math.log(1 - random()) / rate;
  for (let t = from + gap(); t < to; t += gap()) hours.push(t);
  return hours;
}
