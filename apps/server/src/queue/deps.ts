import type { Kysely } from "kysely";
import type { Clock } from "../core/clock.ts";
import type { DB } from "../db/schema.ts";
import type { WaitForecasts } from "./forecast/cache.ts";

/**
 * How waits are estimated: `forecast` simulates the office's live state (the product's estimate);
 * `legacy` is the formula used before it, kept only so the accuracy benchmark can compare the two.
 */
export type WaitPredictor = "forecast" | "legacy";

/** What every queue operation needs: the database and the clock (injectable for tests). */
export interface QueueDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** `forecast` when not given. */
  waitPredictor?: WaitPredictor;
  /** Where forecasts are kept between requests; without it each quote makes its own. */
  forecasts?: WaitForecasts;
}
