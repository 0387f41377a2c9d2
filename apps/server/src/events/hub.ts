import type { ServerResponse } from "node:http";
import type { FastifyBaseLogger } from "fastify";
import type { Kysely } from "kysely";
import type { Database } from "../db/database.ts";
import type { DB, EventRow } from "../db/schema.ts";
import { EVENTS_CHANNEL } from "./log.ts";

/** Back-off for reading and listening again while the database is away. */
const MIN_RETRY_MS = 250;
const MAX_RETRY_MS = 2_000;

export interface Subscriber {
  /** The office whose events to hear; null: every office's (the visitor notifier). */
  branchId: string | null;
  deliver(event: EventRow): void;
}

/**
 * Fans committed events out to this instance's SSE clients. Event ids grow in commit order (the
 * events trigger renumbers them at commit), so "everything after the last id I delivered" is a
 * complete, gap-free answer: on every NOTIFY the hub reads the rows after its cursor, one read at
 * a time, and hands each to the subscribers of its branch. If the listening connection drops, it
 * listens again and reads what it missed the same way.
 */
export class EventHub {
  readonly #db: Kysely<DB>;
  readonly #log: FastifyBaseLogger;
  readonly #subscribers = new Set<Subscriber>();
  #lastId = 0n;
  #reading: Promise<void> | null = null;
  #readAgain = false;
  #unlisten: (() => Promise<void>) | null = null;
  #database: Database | null = null;
  #closed = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #retryDelayMs = MIN_RETRY_MS;

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
      () => this.#onNotify(),
      () => this.#relisten(MIN_RETRY_MS),
    );
  }

  /**
   * The listening connection dropped (PostgreSQL restarted): listen again with a growing delay,
   * then read everything after the last delivered id, which covers what was committed meanwhile.
   */
  #relisten(delayMs: number) {
    if (this.#closed) return;
    if (delayMs === MIN_RETRY_MS) this.#log.warn("event listener connection lost; listening again");
    setTimeout(async () => {
      if (this.#closed) return;
      try {
        await this.#listen();
        this.#log.info("listening for events again");
        this.#onNotify();
      } catch (error) {
        // Once is enough in the log while the database stays away.
        if (delayMs === MIN_RETRY_MS) this.#log.warn({ err: error }, "could not listen for events");
        this.#relisten(Math.min(delayMs * 2, MAX_RETRY_MS));
      }
    }, delayMs).unref();
  }

  /** A burst of notifications becomes one read; a notification during a read, one more read after it. */
  #onNotify() {
    if (this.#reading) {
      this.#readAgain = true;
      return;
    }
    this.#reading = this.#readNew()
      .then(() => {
        this.#retryDelayMs = MIN_RETRY_MS;
      })
      .catch((error) => {
        // The database is away (a restart): read again later rather than wait for the next
        // notification, which may be long in coming; the cursor has not moved, so nothing is lost.
        if (this.#retryDelayMs === MIN_RETRY_MS)
          this.#log.warn({ err: error }, "could not read events; trying again");
        this.#retryRead();
      })
      .finally(() => {
        this.#reading = null;
        if (this.#readAgain && !this.#closed) {
          this.#readAgain = false;
          this.#onNotify();
        }
      });
  }

  #retryRead() {
    if (this.#closed || this.#retryTimer) return;
    const delay = this.#retryDelayMs;
    this.#retryDelayMs = Math.min(delay * 2, MAX_RETRY_MS);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.#onNotify();
    }, delay);
    this.#retryTimer.unref();
  }

  async #readNew() {
    for (;;) {
      const rows = await this.#db
        .selectFrom("events")
        .selectAll()
        .where("id", ">", String(this.#lastId))
        .orderBy("id")
        .limit(1000)
        .execute();
      for (const row of rows) this.#dispatch(row);
      if (rows.length < 1000 || this.#closed) return;
    }
  }

  #dispatch(row: EventRow) {
    this.#lastId = BigInt(row.id);
    for (const s of this.#subscribers) {
      if (s.branchId !== null && s.branchId !== row.branch_id) continue;
      try {
        s.deliver(row);
      } catch (error) {
        this.#log.warn({ err: error }, "event delivery failed");
      }
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

  /** Open SSE responses and the client address of each. */
  readonly #streams = new Map<ServerResponse, string>();
  readonly #perAddress = new Map<string, number>();

  /** Open SSE responses, so that shutdown can end them before closing the server. */
  track(res: ServerResponse, address: string) {
    if (this.#streams.has(res)) return;
    this.#streams.set(res, address);
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
  }
  untrack(res: ServerResponse) {
    const address = this.#streams.get(res);
    if (address === undefined) return;
    this.#streams.delete(res);
    const left = (this.#perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.#perAddress.set(address, left);
    else this.#perAddress.delete(address);
  }

  /** Streams open from one client address, for the per-address cap. */
  streamsFrom(address: string): number {
    return this.#perAddress.get(address) ?? 0;
  }

  get streams(): number {
    return this.#streams.size;
  }

  /** Ends every SSE stream; clients reconnect (to another instance, or after the restart). */
  endStreams() {
    for (const res of this.#streams.keys()) res.end();
    this.#streams.clear();
    this.#perAddress.clear();
  }

  async stop(): Promise<void> {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.endStreams();
    await this.#unlisten?.();
    await this.#reading;
    this.#subscribers.clear();
  }
}
