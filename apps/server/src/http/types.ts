import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { Clock } from "../core/clock.ts";
import type { Config } from "../core/config.ts";
import type { DB } from "../db/schema.ts";
import type { EventHub } from "../events/hub.ts";
import type { QueueDeps } from "../queue/deps.ts";

/** A Fastify instance whose routes are typed by their zod schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Shared services every module may use; a feature adds its own (see alerts/senders.ts). */
export interface AppDeps extends QueueDeps {
  db: Kysely<DB>;
  clock: Clock;
  config: Config;
  hub: EventHub;
  /** Where reports read (Database.reports). */
  reports: Kysely<DB>;
}

declare module "fastify" {
  interface FastifyInstance {
    deps: AppDeps;
  }
}
