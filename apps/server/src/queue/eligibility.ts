import { type Expression, type RawBuilder, sql } from "kysely";

/**
 * Who may serve what, the one rule behind calling, "call this ticket", the workplace's queues and
 * the count of operators serving a service: the operator is competent in the service AND the
 * workstation serves it. Written once as SQL (`servesSql`) and once over plain data (`serves`);
 * a test holds the two together.
 */

/** A column (`sql.ref("os.employee_id")`) or an id given as a value. */
export type IdOperand = Expression<unknown> | string;

/**
 * Who the rule is asked about. `null` leaves that side out: a supervisor watching a workstation
 * nobody works at sees what the workstation serves, whoever could serve it.
 */
export interface Server<T> {
  employee: T | null;
  workstation: T | null;
}

/**
 * The rule as a boolean SQL expression over the service `service`. Its own aliases are unusual so
 * they never shadow the caller's (`c`, `ws`).
 */
export function servesSql(who: Server<IdOperand>, service: IdOperand): RawBuilder<boolean> {
  const competent =
    who.employee === null
      ? sql`true`
      : sql`exists (select 1 from competencies eligible_c
                    where eligible_c.employee_id = ${who.employee} and eligible_c.service_id = ${service})`;
  const offeredHere =
    who.workstation === null
      ? sql`true`
      : sql`exists (select 1 from workstation_services eligible_ws
                    where eligible_ws.workstation_id = ${who.workstation} and eligible_ws.service_id = ${service})`;
  return sql<boolean>`(${competent} and ${offeredHere})`;
}

/** The same rule over plain data: the services the employee is competent in and those the workstation serves. */
export function serves(who: Server<ReadonlySet<string>>, serviceId: string): boolean {
  return (
    (who.employee === null || who.employee.has(serviceId)) &&
    (who.workstation === null || who.workstation.has(serviceId))
  );
}
