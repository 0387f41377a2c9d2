import { roleAtLeast } from "@dq/shared";
import type { FastifyRequest } from "fastify";
import { DomainError, forbidden, notFound } from "../../core/errors.ts";
import type { AppDeps } from "../../http/types.ts";
import {
  findWorkstationInBranch,
  occupantOf,
  ownSubject,
  type WorkplaceSubject,
} from "../../queue/workplace-view.ts";

export const tags = ["operator"];
// Operator actions need a person: sessions of any staff role, never devices or API tokens.
export const access = { role: "operator", employeeOnly: true } as const;

/** The signed-in employee's id; operator actions refuse any other principal. */
export function employeeId(request: FastifyRequest): string {
  const p = request.principal;
  if (p.kind !== "employee")
    throw new DomainError(403, "forbidden", "operator actions need a signed-in employee");
  return p.id;
}

/**
 * Whose workplace a read shows: the caller's own, or with `?workstationId=` the workstation's
 * (a supervisor may watch any; an operator only his own).
 */
export async function subjectOf(deps: AppDeps, request: FastifyRequest): Promise<WorkplaceSubject> {
  const me = employeeId(request);
  const { workstationId } = request.query as { workstationId?: string };
  if (!workstationId) return ownSubject(deps.db, request.branch, me);
  const ws = await findWorkstationInBranch(deps.db, request.branch.id, workstationId);
  if (!ws) throw notFound("workstation");
  const occupant = await occupantOf(deps.db, ws.id);
  const p = request.principal;
  if (occupant !== me && !(p.kind === "employee" && roleAtLeast(p.role, "supervisor"))) {
    throw forbidden("only supervisors may watch another workstation");
  }
  return { employeeId: occupant, workstationId: ws.id };
}
