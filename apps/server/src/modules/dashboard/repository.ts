import { sql } from "kysely";
import type { Executor } from "../../db/executor.ts";

/** What the live dashboard reads besides the services' availability. */

/** Per service: longest current wait, overdue count, served today and average wait today. */
export async function serviceFigures(db: Executor, branchId: string, now: Date, today: string) {
  const result = await sql<{
    service_id: string;
    longest: number | null;
    overdue: number;
    served: number;
    avg_wait: number | null;
  }>`
    select s.id as service_id,
      extract(epoch from (${now}::timestamptz - min(t.enqueued_at) filter (where t.status = 'waiting')))::float8 as longest,
      count(*) filter (where t.status = 'waiting' and s.target_wait_minutes is not null
        and t.enqueued_at < ${now}::timestamptz - s.target_wait_minutes * interval '1 minute')::int as overdue,
      count(*) filter (where t.status = 'served' and t.business_day = ${today})::int as served,
      avg(extract(epoch from t.called_at - t.enqueued_at))
        filter (where t.business_day = ${today} and t.called_at is not null)::float8 as avg_wait
    from services s
    left join tickets t on t.branch_id = s.branch_id and t.service_id = s.id
      and (t.status = 'waiting' or t.business_day = ${today})
    where s.branch_id = ${branchId} and s.deleted_at is null and not s.is_group
    group by s.id
  `.execute(db);
  return result.rows;
}

/** Each service's target wait (the availability read does not carry it). */
export function serviceTargets(db: Executor, branchId: string) {
  return db
    .selectFrom("services")
    .select(["id", "target_wait_minutes"])
    .where("branch_id", "=", branchId)
    .execute();
}

/** Every workstation with who is there, his status and the ticket he holds. */
export function workstationStates(db: Executor, branchId: string) {
  return db
    .selectFrom("workstations as w")
    .leftJoin("operator_states as os", "os.workstation_id", "w.id")
    .leftJoin("employees as e", "e.id", "os.employee_id")
    .leftJoin("tickets as t", (j) =>
      j.onRef("t.employee_id", "=", "os.employee_id").on("t.status", "in", ["called", "serving"]),
    )
    .select([
      "w.id",
      "w.name",
      "w.number",
      "w.active",
      "e.id as employee_id",
      "e.name as employee_name",
      "os.status",
      "os.pause_reason",
      "os.since",
      "t.id as ticket_id",
      "t.label",
      "t.status as ticket_status",
      "t.service_id",
      "t.called_at",
      "t.started_at",
    ])
    .where("w.branch_id", "=", branchId)
    .where("w.deleted_at", "is", null)
    .orderBy("w.number")
    .execute();
}
