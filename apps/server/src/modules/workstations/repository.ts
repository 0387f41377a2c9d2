import type { Workstation } from "@dq/shared";
import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { WorkstationsTable } from "../../db/schema.ts";
import { assertServicesExist } from "../services/repository.ts";

/** Data access for workstations: each with the services it serves and who works there now. */

export async function loadWorkstations(db: Executor, branchId: string, id?: string): Promise<Workstation[]> {
  let q = db
    .selectFrom("workstations as w")
    .leftJoin("operator_states as os", "os.workstation_id", "w.id")
    .leftJoin("employees as e", "e.id", "os.employee_id")
    .select([
      "w.id",
      "w.name",
      "w.number",
      "w.spoken_name",
      "w.active",
      "e.id as operator_id",
      "e.name as operator_name",
    ])
    .where("w.branch_id", "=", branchId)
    .where("w.deleted_at", "is", null);
  if (id) q = q.where("w.id", "=", id);
  const rows = await q.orderBy("w.number").execute();
  const links = rows.length
    ? await db
        .selectFrom("workstation_services")
        .select(["workstation_id", "service_id"])
        .where(
          "workstation_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("service_id")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    number: r.number,
    spokenName: r.spoken_name,
    active: r.active,
    serviceIds: links.filter((l) => l.workstation_id === r.id).map((l) => l.service_id),
    operator: r.operator_id ? { id: r.operator_id, name: r.operator_name! } : null,
  }));
}

/** One workstation of the branch (not archived), or undefined. */
export async function findWorkstation(
  db: Executor,
  branchId: string,
  id: string,
): Promise<Workstation | undefined> {
  return (await loadWorkstations(db, branchId, id))[0];
}

export async function setServices(
  db: Executor,
  branchId: string,
  workstationId: string,
  serviceIds: string[],
) {
  const unique = [...new Set(serviceIds)];
  await assertServicesExist(db, branchId, unique, "serviceIds");
  await db.deleteFrom("workstation_services").where("workstation_id", "=", workstationId).execute();
  if (unique.length) {
    await db
      .insertInto("workstation_services")
      .values(
        unique.map((service_id) => ({ workstation_id: workstationId, service_id, branch_id: branchId })),
      )
      .execute();
  }
}

export function insertWorkstation(db: Executor, values: Insertable<WorkstationsTable>) {
  return db.insertInto("workstations").values(values).returning("id").executeTakeFirstOrThrow();
}

/** Updates a workstation that is not archived; undefined when there is none. */
export function updateWorkstation(
  db: Executor,
  branchId: string,
  id: string,
  set: Updateable<WorkstationsTable>,
) {
  return db
    .updateTable("workstations")
    .set(set)
    .where("branch_id", "=", branchId)
    .where("id", "=", id)
    .where("deleted_at", "is", null)
    .returning("id")
    .executeTakeFirst();
}

export async function archiveWorkstation(db: Executor, id: string, at: Date) {
  await db.updateTable("workstations").set({ deleted_at: at, active: false }).where("id", "=", id).execute();
}
