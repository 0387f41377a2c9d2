import { AsyncLocalStorage } from "node:async_hooks";
import type { Kysely, Transaction } from "kysely";
import type { Executor } from "../db/executor.ts";
import type { DB, EventRow } from "../db/schema.ts";

export const EVENTS_CHANNEL = "dq_events";

export interface NewEvent {
  branchId: string;
  type: string;
  at: Date;
  ticketId?: string | null;
  employeeId?: string | null;
  workstationId?: string | null;
  deviceId?: string | null;
  data: Record<string, unknown>;
}

/** Tells every instance that events were committed (see EventHub.announce). */
export interface EventAnnouncer {
  announce(ids: readonly string[]): void;
}

const appendedInTransaction = new AsyncLocalStorage<string[]>();

/**
 * Runs `fn` in a transaction and, once it has committed, announces the events it appended.
 * Announcing after commit (not NOTIFY inside the transaction) matters: PostgreSQL serialises the
 * commits of notifying transactions, which would cap the whole system at one commit per fsync.
 */
export async function transact<T>(
  deps: { db: Kysely<DB>; events: EventAnnouncer },
  fn: (tx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const appended: string[] = [];
  const result = await appendedInTransaction.run(appended, () => deps.db.transaction().execute(fn));
  if (appended.length > 0) deps.events.announce(appended);
  return result;
}

/**
 * The one way an event enters the system: appended to the log in the caller's transaction (which
 * must be run by `transact`), then announced by id when it commits. Every instance reads the
 * committed rows and pushes them to its SSE clients. (Issuing a ticket is the one exception: its
 * single statement inserts the event itself and the caller announces it; see issue.ts.)
 */
export async function appendEvent(db: Executor, e: NewEvent): Promise<EventRow> {
  const appended = appendedInTransaction.getStore();
  if (!appended) throw new Error("appendEvent must run inside transact()");
  const row = await db
    .insertInto("events")
    .values({
      branch_id: e.branchId,
      type: e.type,
      ticket_id: e.ticketId ?? null,
      employee_id: e.employeeId ?? null,
      workstation_id: e.workstationId ?? null,
      device_id: e.deviceId ?? null,
      data: JSON.stringify(e.data),
      created_at: e.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  appended.push(row.id);
  return row;
}
