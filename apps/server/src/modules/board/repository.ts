import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";

/** What boards and counter displays read: current calls, who waits, the window's ticket. */

/** Called and served tickets with their window, newest call or recall first. */
export function currentCalls(
  db: Executor,
  branchId: string,
  windows: readonly string[] | undefined,
  limit: number,
) {
  let calls = db
    .selectFrom("tickets as t")
    .innerJoin("workstations as w", "w.id", "t.workstation_id")
    .select([
      "t.id",
      "t.label",
      "t.service_id",
      "t.status",
      "t.call_count",
      "t.called_at",
      "t.last_called_at",
      "w.name",
      "w.number",
      "w.spoken_name",
    ])
    .where("t.branch_id", "=", branchId)
    .where("t.status", "in", ["called", "serving"]);
  if (windows?.length) calls = calls.where("w.number", "in", windows);
  // A recalled client is shown (and announced) again at the top.
  return calls.orderBy("t.last_called_at", "desc").limit(limit).execute();
}

/**
 * Waiting tickets in calling order (priority, then arrival). A board that shows some windows lists
 * only the clients waiting for what those windows serve.
 */
export function waitingTickets(
  db: Executor,
  branchId: string,
  windows: readonly string[] | undefined,
  limit: number,
) {
  let waiting = db
    .selectFrom("tickets as t")
    .select(["t.label", "t.service_id"])
    .where("t.branch_id", "=", branchId)
    .where("t.status", "=", "waiting");
  if (windows?.length) {
    waiting = waiting.where((eb) =>
      eb.exists(
        eb
          .selectFrom("workstation_services as ws")
          .innerJoin("workstations as w", "w.id", "ws.workstation_id")
          .select("ws.service_id")
          .whereRef("ws.service_id", "=", "t.service_id")
          .where("w.branch_id", "=", branchId)
          .where("w.number", "in", windows),
      ),
    );
  }
  return waiting.orderBy("t.priority", "desc").orderBy("t.enqueued_at").limit(limit).execute();
}

/** The newest event of the branch: a board's stream goes on from there. */
export async function newestEventId(db: Executor, branchId: string): Promise<string> {
  const last = await db
    .selectFrom("events")
    .select((eb) => eb.fn.max("id").as("max"))
    .where("branch_id", "=", branchId)
    .executeTakeFirst();
  return String(last?.max ?? 0);
}

/**
 * A window by its number, the ticket called to it or served there now, and who works there: the
 * operator's status (none when nobody is signed in) and, on a pause, the office's pause reason of
 * that name, if the reason is one of the list (a reason typed by the operator has none).
 */
export async function counterOf(db: Executor, branchId: string, number: string) {
  const workstation = await db
    .selectFrom("workstations")
    .select(["id", "name", "number"])
    .where("branch_id", "=", branchId)
    .where("number", "=", number)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!workstation) return undefined;
  const ticket = await db
    .selectFrom("tickets")
    .select(["label", "status", "call_count"])
    .where("workstation_id", "=", workstation.id)
    .where("status", "in", ["called", "serving"])
    .executeTakeFirst();
  const operator = await db
    .selectFrom("operator_states as os")
    .leftJoin("pause_reasons as pr", (j) =>
      j.onRef("pr.branch_id", "=", "os.branch_id").onRef("pr.name", "=", "os.pause_reason"),
    )
    .select(["os.status", "pr.name as reason_name", "pr.translations as reason_translations"])
    .where("os.workstation_id", "=", workstation.id)
    .where("os.branch_id", "=", branchId)
    .where("os.status", "<>", "offline")
    // Should two be signed in at one window, the one at work decides.
    .orderBy(sql`os.status = 'paused'`)
    .orderBy("pr.deleted_at", "desc")
    .executeTakeFirst();
  return { workstation, ticket, operator };
}
