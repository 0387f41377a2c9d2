import type { Kysely, Transaction } from "kysely";
import type { Executor } from "../db/executor.ts";
import type { DB } from "../db/schema.ts";

/** The channel on which the database announces committed event ids (see the events trigger). */
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

/** Runs `fn` in one short transaction: the state change and its events commit together or not at all. */
export async function transact<T>(
  deps: { db: Kysely<DB> },
  fn: (tx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  // Already inside one (a batch such as the history generator): join it.
  if (deps.db.isTransaction) return fn(deps.db as Transaction<DB>);
  return deps.db.transaction().execute(fn);
}

/**
 * The one way an event enters the system: appended to the log in the caller's transaction. When
 * that transaction commits, the database gives the event its final id (ids grow in commit order)
 * and announces it with NOTIFY; every instance then reads it and pushes it to its SSE clients.
 * The id is therefore not known here.
 */
export async function appendEvent(db: Executor, e: NewEvent): Promise<void> {
  await db
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
    .execute();
}
