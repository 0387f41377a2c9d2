import type { FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import { DomainError, forbidden } from "../core/errors.ts";
import type { DB } from "../db/schema.ts";
import type { BranchCache } from "../queue/branch-cache.ts";

/**
 * The branch a request acts in: the one its device or token is pinned to, the one it names
 * (`X-Branch-Id` or `?branchId=`) if its sender may act there, or else the sender's first branch
 * (staff) or the default one.
 */
export class BranchResolver {
  readonly #db: Kysely<DB>;
  readonly #branches: BranchCache;

  constructor(db: Kysely<DB>, branches: BranchCache) {
    this.#db = db;
    this.#branches = branches;
  }

  async resolve(request: FastifyRequest, isPublic: boolean): Promise<BranchContext> {
    const p = request.principal;
    const named = namedBranch(request);
    const pinned = p.kind === "device" ? p.branchId : p.kind === "token" ? p.branchId : null;
    if (pinned && named && named !== pinned) throw forbidden("this token belongs to another branch");
    // Staff other than admins work only in their branches; without a named one, in their first.
    const member =
      p.kind === "employee" && p.role !== "admin" && !isPublic
        ? await this.memberBranch(p.id, named)
        : undefined;
    if (member === null) throw forbidden("you do not work in this branch");
    const id = pinned ?? member ?? named;
    const branch = id ? await this.#branches.get(id) : await this.#branches.getDefault();
    if (!branch) {
      if (id) throw new DomainError(404, "not_found", "branch not found");
      throw new DomainError(503, "not_ready", "no branch is configured yet");
    }
    return branch;
  }

  /** The employee's branch: `named` if he works there (null if not), else his first one. */
  async memberBranch(employeeId: string, named: string | undefined): Promise<string | null> {
    let q = this.#db
      .selectFrom("employee_branches")
      .select("branch_id")
      .where("employee_id", "=", employeeId);
    if (named) q = q.where("branch_id", "=", named);
    const row = await q.orderBy("branch_id").limit(1).executeTakeFirst();
    return row?.branch_id ?? null;
  }
}

/** The branch id the request names, checked to be an id. */
function namedBranch(request: FastifyRequest): string | undefined {
  const header = request.headers["x-branch-id"];
  const query = (request.query as Record<string, unknown> | undefined)?.branchId;
  const named = typeof header === "string" ? header : typeof query === "string" ? query : undefined;
  if (named !== undefined && !/^[1-9]\d{0,17}$/.test(named)) {
    throw new DomainError(400, "validation_error", "branchId: must be a numeric id string", [
      { field: "branchId", message: "must be a numeric id string" },
    ]);
  }
  return named;
}
