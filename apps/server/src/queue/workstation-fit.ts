import type { SendTarget, WorkstationChoice } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import type { Executor } from "../db/executor.ts";
import { servesSql } from "./eligibility.ts";

/**
 * Which workstations fit whom, by the one eligibility rule: the operator's chooser (which of his
 * services each window serves) and the supervisor's "send to a workstation" (which windows serve
 * the ticket's service).
 */

/** Every workstation of the branch, who works there, and which of this operator's services it serves. */
export async function workstationChoices(
  db: Executor,
  branch: BranchContext,
  employeeId: string,
): Promise<WorkstationChoice[]> {
  const [workstations, fits] = await Promise.all([
    db
      .selectFrom("workstations as w")
      .leftJoin("operator_states as os", "os.workstation_id", "w.id")
      .leftJoin("employees as e", "e.id", "os.employee_id")
      .select(["w.id", "w.name", "w.number", "w.active", "e.id as employee_id", "e.name as employee_name"])
      .where("w.branch_id", "=", branch.id)
      .where("w.deleted_at", "is", null)
      .orderBy("w.number")
      .orderBy("w.id")
      .execute(),
    sql<{ workstation_id: string; id: string; name: string }>`
      select w.id as workstation_id, s.id, s.name
      from workstations w
      join services s on s.branch_id = w.branch_id and s.deleted_at is null and not s.is_group
      left join competencies c on c.service_id = s.id and c.employee_id = ${employeeId}
      where w.branch_id = ${branch.id} and w.deleted_at is null
        and ${servesSql({ employee: employeeId, workstation: sql.ref("w.id") }, sql.ref("s.id"))}
      order by c.rank nulls last, s.sort_order, s.id
    `.execute(db),
  ]);
  return workstations.map((w) => ({
    id: w.id,
    name: w.name,
    number: w.number,
    active: w.active,
    operator: w.employee_id ? { id: w.employee_id, name: w.employee_name! } : null,
    services: fits.rows.filter((f) => f.workstation_id === w.id).map((f) => ({ id: f.id, name: f.name })),
  }));
}

/**
 * The active workstations a waiting ticket of this service may be sent to, with who works there
 * and his status. As when sending (`sendToWorkstation`), the supervisor decides who serves: only
 * the workstation's services count, not its operator's competencies.
 */
export async function sendTargets(db: Executor, branchId: string, serviceId: string): Promise<SendTarget[]> {
  const rows = await db
    .selectFrom("workstations as w")
    .leftJoin("operator_states as os", "os.workstation_id", "w.id")
    .leftJoin("employees as e", "e.id", "os.employee_id")
    .select(["w.id", "w.name", "w.number", "e.id as employee_id", "e.name as employee_name", "os.status"])
    .where("w.branch_id", "=", branchId)
    .where("w.deleted_at", "is", null)
    .where("w.active", "=", true)
    .where(servesSql({ employee: null, workstation: sql.ref("w.id") }, serviceId))
    .orderBy("w.number")
    .orderBy("w.id")
    .execute();
  return rows.map((w) => ({
    id: w.id,
    name: w.name,
    number: w.number,
    employee: w.employee_id ? { id: w.employee_id, name: w.employee_name! } : null,
    status: w.employee_id ? (w.status ?? "offline") : "offline",
  }));
}
