import { createHash } from "node:crypto";
import pg from "pg";

/** Statements a connection keeps prepared; past this, new texts run unprepared (bounded memory). */
const MAX_PREPARED_PER_CONNECTION = 300;

/**
 * A pg client that runs parameterised queries as named prepared statements, so PostgreSQL parses
 * and plans each distinct statement once per connection instead of on every request (the issue
 * and call-next statements are large CTEs whose planning otherwise costs more than running them).
 * The name is a hash of the text, so the same query shape reuses its statement.
 */
export class PreparingClient extends pg.Client {
  readonly #prepared = new Set<string>();
  /** Statements PostgreSQL refused after a schema change are prepared again under a new name. */
  readonly #generation = new Map<string, number>();

  // pg's query() is heavily overloaded; Kysely calls query(text, values) and awaits the promise.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text !== "string" || !Array.isArray(values) || values.length === 0 || args.length > 2) {
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const hash = createHash("sha1").update(text).digest("base64url").slice(0, 22);
    const name = `dq_${hash}_${this.#generation.get(hash) ?? 0}`;
    if (!this.#prepared.has(name)) {
      if (this.#prepared.size >= MAX_PREPARED_PER_CONNECTION) {
        return (super.query as (...a: unknown[]) => never)(text, values);
      }
      this.#prepared.add(name);
    }
    const run = (super.query as (config: pg.QueryConfig) => Promise<pg.QueryResult>)({ name, text, values });
    return run.catch((error: { code?: string }) => {
      // After a migration changed a table under a prepared `select *`, PostgreSQL refuses the old
      // plan ("cached plan must not change result type"): the next run prepares it afresh.
      if (error.code === "0A000") {
        this.#prepared.delete(name);
        this.#generation.set(hash, (this.#generation.get(hash) ?? 0) + 1);
      }
      throw error;
    }) as never;
  }
}
