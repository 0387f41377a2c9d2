import type { Executor } from "../db/executor.ts";

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
