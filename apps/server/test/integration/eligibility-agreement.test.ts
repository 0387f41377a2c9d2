import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { rng } from "../../src/demo/history-office.ts";
import { type Server, serves, servesSql } from "../../src/queue/eligibility.ts";
import { canServe } from "../../src/queue/repository.ts";
import { useTestDatabase } from "../helpers/test-database.ts";

/**
 * "The operator is competent in the service and the workstation serves it" exists twice: as the
 * SQL fragment every query uses and as its pure twin. Random offices prove both say the same for
 * every employee × workstation × service, with either side left out too.
 */

const database = useTestDatabase();

interface Office {
  employees: Map<string, Set<string>>;
  workstations: Map<string, Set<string>>;
  services: string[];
}

/** An office whose employees are competent in, and workstations serve, a random part of its services. */
async function randomOffice(seed: number): Promise<Office> {
  const random = rng(seed);
  const db = database().db;
  const branch = await db
    .insertInto("branches")
    .values({ name: `b${seed}`, timezone: "UTC", settings: "{}" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const services: string[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await db
      .insertInto("services")
      .values({ branch_id: branch.id, name: `s${i}`, prefix: "ABCDE"[i]!, translations: "{}" })
      .returning("id")
      .executeTakeFirstOrThrow();
    services.push(s.id);
  }
  const office: Office = { employees: new Map(), workstations: new Map(), services };
  for (let i = 0; i < 4; i++) {
    const e = await db
      .insertInto("employees")
      .values({ login: `op${seed}x${i}`, name: "op", role: "operator", password_hash: "x" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const competent = new Set(services.filter(() => random() < 0.5));
    for (const serviceId of competent) {
      await db
        .insertInto("competencies")
        .values({ employee_id: e.id, service_id: serviceId, branch_id: branch.id, rank: 1 })
        .execute();
    }
    office.employees.set(e.id, competent);
  }
  for (let i = 0; i < 3; i++) {
    const w = await db
      .insertInto("workstations")
      .values({ branch_id: branch.id, number: `${i}`, name: `${i}` })
      .returning("id")
      .executeTakeFirstOrThrow();
    const offered = new Set(services.filter(() => random() < 0.5));
    for (const serviceId of offered) {
      await db
        .insertInto("workstation_services")
        .values({ workstation_id: w.id, service_id: serviceId, branch_id: branch.id })
        .execute();
    }
    office.workstations.set(w.id, offered);
  }
  return office;
}

describe("the eligibility rule: SQL and its pure twin agree", () => {
  it.each([1, 2, 3, 4, 5, 6])("over column references, office %i", async (seed) => {
    const office = await randomOffice(seed);
    const columns = { employee: sql.ref("e.id"), workstation: sql.ref("w.id") };
    const rows = await sql<{ employee: string; workstation: string; service: string; ok: boolean }>`
      select e.id::text as employee, w.id::text as workstation, s.id::text as service,
        ${servesSql(columns, sql.ref("s.id"))} as ok
      from employees e cross join workstations w cross join services s
      where e.id in (${sql.join([...office.employees.keys()])})
        and w.id in (${sql.join([...office.workstations.keys()])})
        and s.id in (${sql.join(office.services)})
    `.execute(database().db);
    expect(rows.rows).toHaveLength(4 * 3 * 5);
    for (const r of rows.rows) {
      const who = {
        employee: office.employees.get(r.employee)!,
        workstation: office.workstations.get(r.workstation)!,
      };
      expect(r.ok, JSON.stringify(r)).toBe(serves(who, r.service));
    }
    // Some of each answer, or the comparison proves little.
    expect(rows.rows.some((r) => r.ok)).toBe(true);
    expect(rows.rows.some((r) => !r.ok)).toBe(true);
  });

  it.each([7, 8])("over ids given as values, with a side left out, office %i", async (seed) => {
    const office = await randomOffice(seed);
    const employees = [null, ...office.employees.keys()];
    const workstations = [null, ...office.workstations.keys()];
    for (const employee of employees) {
      for (const workstation of workstations) {
        for (const service of office.services) {
          const ids: Server<string> = { employee, workstation };
          const sets = {
            employee: employee === null ? null : office.employees.get(employee)!,
            workstation: workstation === null ? null : office.workstations.get(workstation)!,
          };
          const expected = serves(sets, service);
          const label = JSON.stringify({ employee, workstation, service });
          expect(await canServe(database().db, ids, service), label).toBe(expected);
        }
      }
    }
  });
});
