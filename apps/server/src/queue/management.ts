import type { Ticket } from "@dq/shared";
import { sql } from "kysely";
import type { Actor, BranchContext } from "../core/branch-context.ts";
import { conflict, DomainError, invalidField, notFound } from "../core/errors.ts";
import type { TicketUpdate } from "../db/schema.ts";
import { joinOrStartTransaction } from "../db/transaction.ts";
import { appendEvent } from "../events/log.ts";
import { businessDay } from "./calendar.ts";
import type { QueueDeps } from "./deps.ts";
import { setOperatorStatus } from "./operator-status.ts";
import {
  findActiveCategory,
  findTicket,
  findTicketByCode,
  lockTicket,
  tryDayClosing,
  updateTicket,
} from "./repository.ts";
import { transition } from "./state-machine.ts";
import { toTicketDto } from "./ticket-dto.ts";
import { appendTicketEvent } from "./ticket-events.ts";
import { releaseWorkplace } from "./workplace.ts";
import { findWorkstationInBranch } from "./workplace-view.ts";

/** Staff cancel a waiting ticket. */
export async function cancelTicket(
  deps: QueueDeps,
  branch: BranchContext,
  id: string,
  actor: Actor,
  reason = "cancelled_by_staff",
) {
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const t = await lockTicket(tx, branch.id, id);
    if (!t) throw notFound("ticket");
    const status = transition(t.status, "cancel");
    const updated = await updateTicket(tx, t.id, {
      status,
      finished_at: now,
      close_reason: reason,
      updated_at: now,
    });
    await appendTicketEvent(tx, branch, "ticket.cancelled", updated, actor, now, { reason });
    return toTicketDto(updated);
  });
}

/** The client cancels his own ticket from the tracking page (the code is the proof). */
export async function cancelByCode(
  deps: QueueDeps,
  code: string,
  loadBranch: (id: string) => Promise<BranchContext>,
) {
  const t = await findTicketByCode(deps.db, code);
  if (!t) throw notFound("ticket");
  return cancelTicket(deps, await loadBranch(t.branch_id), t.id, {}, "cancelled_by_client");
}

/** Supervisor changes: another client category (priority) and/or another service (keeps label and place). */
export async function updateWaitingTicket(
  deps: QueueDeps,
  branch: BranchContext,
  id: string,
  patch: { categoryId?: string | null; serviceId?: string },
  actor: Actor,
): Promise<Ticket> {
  // Nothing to change: the ticket as it is, whatever its state, with nothing written or announced.
  if (patch.categoryId === undefined && patch.serviceId === undefined) {
    const t = await findTicket(deps.db, branch.id, id);
    if (!t) throw notFound("ticket");
    return toTicketDto(t);
  }
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const t = await lockTicket(tx, branch.id, id);
    if (!t) throw notFound("ticket");
    transition(t.status, "update");
    const change: Pick<TicketUpdate, "category_id" | "priority" | "service_id"> = {};
    if (patch.categoryId !== undefined) {
      if (patch.categoryId === null) {
        change.category_id = null;
        change.priority = 0;
      } else {
        const c = await findActiveCategory(tx, branch.id, patch.categoryId);
        if (c) {
          change.category_id = c.id;
          change.priority = c.priority;
        } else if (patch.categoryId !== t.category_id) {
          // Archived categories are given to no ticket; one that already has it keeps it.
          throw invalidField("categoryId", "noSuchCategory");
        }
      }
    }
    if (patch.serviceId !== undefined && patch.serviceId !== t.service_id) {
      const s = await tx
        .selectFrom("services")
        .select(["id", "is_group"])
        .where("id", "=", patch.serviceId)
        .where("branch_id", "=", branch.id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      if (!s || s.is_group) throw invalidField("serviceId", "unknownService");
      change.service_id = s.id;
    }
    const updated = await updateTicket(tx, t.id, { ...change, updated_at: now });
    await appendTicketEvent(tx, branch, "ticket.updated", updated, actor, now, {
      previous: { categoryId: t.category_id, serviceId: t.service_id },
    });
    return toTicketDto(updated);
  });
}

/** A rating once the ticket was served: 1–5 stars and an optional comment, once. */
export async function rateTicket(
  deps: QueueDeps,
  code: string,
  score: number,
  comment: string | undefined,
  loadBranch: (id: string) => Promise<BranchContext>,
) {
  const now = deps.clock();
  const found = await findTicketByCode(deps.db, code);
  if (!found) throw notFound("ticket");
  const branch = await loadBranch(found.branch_id);
  await joinOrStartTransaction(deps.db, async (tx) => {
    const t = await lockTicket(tx, branch.id, found.id);
    if (!t) throw notFound("ticket");
    if (t.status !== "served")
      throw new DomainError(409, "not_ratable", "a ticket can be rated only after it was served");
    if (t.rating_score !== null) throw conflict("already_rated", "this ticket has already been rated");
    const updated = await updateTicket(tx, t.id, {
      rating_score: score,
      rating_comment: comment?.length ? comment : null,
      rated_at: now,
      updated_at: now,
    });
    await appendTicketEvent(tx, branch, "ticket.rated", updated, {}, now, { score });
  });
}

/**
 * Closes the branch's open tickets: those of past business days (the automatic end of day), or all
 * of them when staff close the day by hand. Waiting → cancelled, called → no-show, serving → served,
 * each marked close_reason = 'day_closed' so reports can tell them apart.
 */
export async function closeDay(
  deps: QueueDeps,
  branch: BranchContext,
  options: { all: boolean },
  actor: Actor,
) {
  const now = deps.clock();
  const today = businessDay(now, branch.timezone);
  return joinOrStartTransaction(deps.db, async (tx) => {
    const counts = { cancelled: 0, noShow: 0, served: 0 };
    // The automatic run gives way to the history generator, whose past days are still being made.
    if (!options.all && !(await tryDayClosing(tx, branch.id))) {
      return { closed: 0, ...counts, businessDay: today };
    }
    let query = tx
      .selectFrom("tickets")
      .selectAll()
      .where("branch_id", "=", branch.id)
      .where("status", "in", ["waiting", "called", "serving"]);
    if (!options.all) query = query.where("business_day", "<", today);
    const open = await query.orderBy("id").forUpdate().execute();
    const target = { waiting: "cancelled", called: "no_show", serving: "served" } as const;
    for (const t of open) {
      const status = target[t.status as keyof typeof target];
      const updated = await updateTicket(tx, t.id, {
        status,
        finished_at: now,
        close_reason: "day_closed",
        updated_at: now,
      });
      const type =
        status === "cancelled"
          ? "ticket.cancelled"
          : status === "no_show"
            ? "ticket.no_show"
            : "ticket.served";
      await appendTicketEvent(tx, branch, type, updated, actor, now, { reason: "day_closed" });
      if (t.employee_id) {
        await setOperatorStatus(tx, {
          branchId: branch.id,
          employeeId: t.employee_id,
          workstationId: t.workstation_id,
          status: "free",
          at: now,
        });
      }
      counts[status === "no_show" ? "noShow" : status]++;
    }
    return { closed: open.length, ...counts, businessDay: today };
  });
}

/** Branches that have open tickets at all; the end-of-day job closes the stale ones among them. */
export async function branchesWithOpenTickets(deps: QueueDeps): Promise<string[]> {
  const rows = await sql<{ branch_id: string }>`
    select distinct branch_id from tickets where status in ('waiting', 'called', 'serving')
  `.execute(deps.db);
  return rows.rows.map((r) => r.branch_id);
}

/** A supervisor stops a service taking new tickets, or lets it take them again; announced live. */
export async function setServiceAccepting(
  deps: QueueDeps,
  branch: BranchContext,
  serviceId: string,
  accepting: boolean,
  actor: Actor,
): Promise<{ id: string; name: string }> {
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const s = await tx
      .updateTable("services")
      .set({ accepting_tickets: accepting, updated_at: now })
      .where("branch_id", "=", branch.id)
      .where("id", "=", serviceId)
      .where("deleted_at", "is", null)
      .returning(["id", "name"])
      .executeTakeFirst();
    if (!s) throw notFound("service");
    await appendEvent(tx, {
      branchId: branch.id,
      type: "service.updated",
      at: now,
      employeeId: actor.employeeId ?? null,
      data: { serviceId: s.id, acceptingTickets: accepting },
    });
    return s;
  });
}

/**
 * A supervisor frees a workstation whose operator cannot (gone, session expired): a called client
 * returns to the queue, one being served is recorded as served. Already free: nothing happens.
 */
export async function releaseWorkstation(
  deps: QueueDeps,
  branch: BranchContext,
  workstationId: string,
  actor: Actor,
): Promise<{ employee: { id: string; name: string } | null; ticket: Ticket | null }> {
  const now = deps.clock();
  return joinOrStartTransaction(deps.db, async (tx) => {
    const ws = await findWorkstationInBranch(tx, branch.id, workstationId);
    if (!ws) throw notFound("workstation");
    const occupant = await tx
      .selectFrom("operator_states")
      .innerJoin("employees", "employees.id", "operator_states.employee_id")
      .select(["employees.id", "employees.name"])
      .where("operator_states.workstation_id", "=", ws.id)
      .executeTakeFirst();
    if (!occupant) return { employee: null, ticket: null };
    const ticket = await releaseWorkplace(tx, branch, occupant.id, actor, now);
    return { employee: occupant, ticket };
  });
}
