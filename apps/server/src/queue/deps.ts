import type { Kysely } from "kysely";
import type { Clock } from "../core/clock.ts";
import type { DB } from "../db/schema.ts";

/** What every queue operation needs: the database and the clock (injectable for tests). */
export interface QueueDeps {
  db: Kysely<DB>;
  clock: Clock;
}
