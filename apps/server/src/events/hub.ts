import type { ServerResponse } from "node:http";
import type { FastifyBaseLogger } from "fastify";
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/database.ts";
import type { DB, EventRow } from "../db/schema.ts";
import { EVENTS_CHANNEL, type EventAnnouncer } from "./log.ts";

export interface Subscriber {
  branchId: string;
  deliver(event: EventRow): void;
}

/**
 * Fans committed events out to this instance's SSE clients. NOTIFY carries only ids; the hub reads
 * the rows in batches (one query per burst, not per event) and hands each to the subscribers of its
 * branch. If the listening connection drops, it listens again and reads what it missed.
 */
export class EventHub implements EventAnnouncer {
  readonly #db: Kysely<DB>;
  readonly #log: FastifyBaseLogger;
  readonly #subscribers = new Set<Subscriber>();
  readonly #pending = new Set<string>();
  #flushScheduled = false;
  #lastId = 0n;
  #unlisten: (() => Promise<void>) | null = null;
  #database: Database | null = null;
  #closed = false;

  constructor(db: Kysely<DB>, log: FastifyBaseLogger) {
    this.#db = db;
    this.#log = log;
  }

  get size(): number {
    return this.#subscribers.size;
  }

  async start(database: Database): Promise<void> {
    this.#database = database;
    this.#lastId = BigInt(await this.newestId());
    await this.#listen();
  }

  async #listen(): Promise<void> {
    if (!this.#database || this.#closed) return;
    this.#unlisten = await this.#database.listen(
      EVENTS_CHANNEL,
      (payload) => this.#onNotify(payload),
      () => this.#relisten(1000),
    );
  }

  #relisten(delayMs: number) {
    if (this.#closed) return;
    this.#log.warn("event listener connection lost; listening again");
    setTimeout(async () => {
      try {
        await this.#listen();
        await this.#catchUp();
      } catch (error) {
        this.#log.error({ err: error }, "could not listen for events");
        this.#relisten(Math.min(delayMs * 2, 30_000));
      }
    }, delayMs).unref();
  }

  /** After a reconnect: deliver everything newer than the last event this instance saw. */
  async #catchUp() {
    const rows = await this.#db
      .selectFrom("events")
      .selectAll()
      .where("id", ">", String(this.#lastId))
      .orderBy("id")
      .limit(10_000)
      .execute();
    for (const row of rows) this.#dispatch(row);
  }

  #onNotify(payload: string) {
    for (const id of payload.split(",")) if (/^\d+$/.test(id)) this.#pending.add(id);
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setImmediate(() => {
      this.#flushScheduled = false;
      this.#flush().catch((error) => this.#log.error({ err: error }, "could not read events"));
    });
  }

  async #flush() {
    const ids = [...this.#pending];
    this.#pending.clear();
    if (ids.length === 0) return;
    const rows = await this.#db
      .selectFrom("events")
      .selectAll()
      .where("id", "in", ids)
      .orderBy("id")
      .execute();
    for (const row of rows) this.#dispatch(row);
  }

  #dispatch(row: EventRow) {
    const id = BigInt(row.id);
    if (id > this.#lastId) this.#lastId = id;
    for (const s of this.#subscribers) {
      if (s.branchId !== row.branch_id) continue;
      try {
        s.deliver(row);
      } catch (error) {
        this.#log.warn({ err: error }, "event delivery failed");
      }
    }
  }

  readonly #toAnnounce: string[] = [];
  #announceScheduled = false;

  /**
   * Called after a transaction committed events: one NOTIFY per burst carries their ids to every
   * instance, this one included, so local and remote clients get events the same way.
   */
  announce(ids: readonly string[]) {
    this.#toAnnounce.push(...ids);
    if (this.#announceScheduled) return;
    this.#announceScheduled = true;
    setImmediate(() => {
      this.#announceScheduled = false;
      this.#sendAnnouncements().catch((error) =>
        this.#log.error({ err: error }, "could not announce events"),
      );
    });
  }

  async #sendAnnouncements() {
    const ids = this.#toAnnounce.splice(0);
    // A NOTIFY payload must stay under 8000 bytes: 400 ids of up to 18 digits fit.
    for (let i = 0; i < ids.length; i += 400) {
      await sql`select pg_notify(${EVENTS_CHANNEL}, ${ids.slice(i, i + 400).join(",")})`.execute(this.#db);
    }
  }

  subscribe(subscriber: Subscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /** The newest id in the whole log ("0" when empty): ids are global, not per branch. */
  async newestId(): Promise<string> {
    const row = await this.#db
      .selectFrom("events")
      .select((eb) => eb.fn.max("id").as("max"))
      .executeTakeFirst();
    return String(row?.max ?? 0);
  }

  /** Events of a branch after `afterId`, oldest first, for a reconnecting client. */
  async since(branchId: string, afterId: string, limit: number): Promise<EventRow[]> {
    return this.#db
      .selectFrom("events")
      .selectAll()
      .where("branch_id", "=", branchId)
      .where("id", ">", afterId)
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  readonly #streams = new Set<ServerResponse>();

  /** Open SSE responses, so that shutdown can end them before closing the server. */
  track(res: ServerResponse) {
    this.#streams.add(res);
  }
  untrack(res: ServerResponse) {
    this.#streams.delete(res);
  }

  get streams(): number {
    return this.#streams.size;
  }

  /** Ends every SSE stream; clients reconnect (to another instance, or after the restart). */
  endStreams() {
    for (const res of this.#streams) res.end();
    this.#streams.clear();
  }

  async stop(): Promise<void> {
    this.#closed = true;
    this.endStreams();
    await this.#unlisten?.();
    this.#subscribers.clear();
  }
}
