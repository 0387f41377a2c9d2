import { mkdirSync } from "node:fs";
import { PGlite, types as pgliteTypes } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { acquireDataDirLock } from "./data-dir-lock.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { PreparingClient } from "./preparing-client.ts";
import type { DB } from "./schema.ts";

export type DatabaseKind = "postgres" | "pglite";
export type NotificationHandler = (payload: string) => void;

/** The database and the two things besides queries that the app needs from it. */
export interface Database {
  kind: DatabaseKind;
  db: Kysely<DB>;
  /**
   * Where reports read: on PostgreSQL a pool of its own, of two connections, without prepared
   * statements. A year's report then gets a plan for its own period (a generic plan scans a year
   * the way it would scan a day, twice as slow), and however many reports run, the queue keeps
   * its connections and at least some of the CPU. On PGlite, the one connection.
   */
  reports: Kysely<DB>;
  /**
   * Subscribes to a PostgreSQL notification channel; works the same on PGlite. `onLost` is called
   * if the listening connection drops: notifications may have been missed, so listen again.
   */
  listen(channel: string, handler: NotificationHandler, onLost?: () => void): Promise<() => Promise<void>>;
  /** The connection pools now, for /metrics: PostgreSQL's two; none on PGlite (one in-process connection). */
  pools(): PoolStats[];
  close(): Promise<void>;
}

export interface PoolStats {
  /** `queue` (everything but reports) or `reports`. */
  name: string;
  max: number;
  /** Open connections, idle or in use. */
  total: number;
  idle: number;
  /** Queries waiting for a connection. */
  waiting: number;
}

export type DatabaseOptions =
  | { kind: "postgres"; url: string; poolSize?: number }
  | { kind: "pglite"; dataDir: string | null };

const REPORT_CONNECTIONS = 2;
/**
 * How long a query waits for a connection before it gives up with a "database unavailable" (503):
 * an unreachable host otherwise waits for the operating system's TCP timeout (minutes), and a
 * queue request that cannot get one of the pool's connections within seconds is better answered
 * "try again" than left hanging. Reports queue up behind each other on their two connections, so
 * they wait longer.
 */
const QUEUE_CONNECT_TIMEOUT_MS = 5_000;
const REPORTS_CONNECT_TIMEOUT_MS = 30_000;
/** TCP keep-alive finds a connection whose peer vanished (a failover, a cut cable) in about a minute. */
const CONNECTION_SETTINGS = { keepAlive: true, keepAliveInitialDelayMillis: 10_000 };

const ignoreConnectionError = () => {};
const PG_INT8 = 20;
const PG_NUMERIC = 1700;
const PG_DATE = 1082;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === "postgres"
    ? openPostgres(options.url, options.poolSize)
    : openPGlite(options.dataDir);
}

async function openPostgres(url: string, poolSize = 20): Promise<Database> {
  // ids stay decimal strings, dates stay 'YYYY-MM-DD' (no local-timezone Date), numerics are numbers.
  const typeParsers = {
    getTypeParser(oid: number, format?: "text" | "binary") {
      if (oid === PG_INT8 || oid === PG_DATE) return (value: string) => value;
      if (oid === PG_NUMERIC) return (value: string) => Number(value);
      return pg.types.getTypeParser(oid, format);
    },
  };
  // JIT compiling costs a report over a year more (0.1–0.2 s a query) than it saves; the queue's
  // small queries never reach its threshold anyway.
  const options = "-c jit=off";
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types: typeParsers,
    Client: PreparingClient,
    options,
    ...CONNECTION_SETTINGS,
    connectionTimeoutMillis: QUEUE_CONNECT_TIMEOUT_MS,
  });
  const reportsPool = new pg.Pool({
    connectionString: url,
    max: REPORT_CONNECTIONS,
    types: typeParsers,
    options,
    ...CONNECTION_SETTINGS,
    connectionTimeoutMillis: REPORTS_CONNECT_TIMEOUT_MS,
  });
  for (const p of [pool, reportsPool]) {
    // A connection that breaks (PostgreSQL restarts, a failover, a network cut) emits 'error' on
    // its client; without a listener Node would end the process. Idle clients report through the
    // pool, which drops them; checked-out ones through their own listener, added here for the
    // client's whole life. Either way the query that was running rejects with the error and the
    // request answers 503; the broken client is not reused.
    p.on("error", ignoreConnectionError);
    p.on("connect", (client) => client.on("error", ignoreConnectionError));
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const reports = new Kysely<DB>({ dialect: new PostgresDialect({ pool: reportsPool }) });
  const listeners = new Set<pg.Client>();
  const stats = (name: string, p: pg.Pool, max: number): PoolStats => ({
    name,
    max,
    total: p.totalCount,
    idle: p.idleCount,
    waiting: p.waitingCount,
  });

  return {
    kind: "postgres",
    db,
    reports,
    pools: () => [stats("queue", pool, poolSize), stats("reports", reportsPool, REPORT_CONNECTIONS)],
    async listen(channel, handler, onLost) {
      const client = new pg.Client({ connectionString: url, ...CONNECTION_SETTINGS });
      let closing = false;
      const lost = () => {
        if (closing || !listeners.has(client)) return;
        listeners.delete(client);
        client.end().catch(() => {});
        onLost?.();
      };
      client.on("error", lost);
      client.on("end", lost);
      client.on("notification", (msg) => {
        if (msg.channel === channel && msg.payload) handler(msg.payload);
      });
      try {
        await client.connect();
        await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      } catch (error) {
        closing = true;
        await client.end().catch(() => {});
        throw error;
      }
      listeners.add(client);
      return async () => {
        closing = true;
        listeners.delete(client);
        await client.end().catch(() => {});
      };
    },
    async close() {
      await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
      await Promise.all([db.destroy(), reports.destroy()]);
    },
  };
}

async function openPGlite(dataDir: string | null): Promise<Database> {
  let unlock = () => {};
  if (dataDir) {
    mkdirSync(dataDir, { recursive: true });
    unlock = acquireDataDirLock(dataDir);
  }
  try {
    const pglite = await PGlite.create(dataDir ?? "memory://", {
      parsers: {
        [PG_INT8]: (value: string) => value,
        [PG_DATE]: (value: string) => value,
        [PG_NUMERIC]: (value: string) => Number(value),
        [pgliteTypes.TIMESTAMPTZ]: (value: string) => new Date(value),
      },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
    return {
      kind: "pglite",
      db,
      reports: db,
      async listen(channel, handler) {
        return pglite.listen(channel, handler);
      },
      pools: () => [],
      async close() {
        await db.destroy();
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
