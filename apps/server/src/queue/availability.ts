import type { KioskService, WeekSchedule } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import { businessDay, closingToday, nextOpening, zonedIso } from "./calendar.ts";
import type { QueueDeps } from "./deps.ts";
import { quoteFields, quoteNewForServices } from "./estimates.ts";
import { type ServiceLoad, serviceLoadColumns } from "./repository.ts";
import { takingState } from "./taking-tickets.ts";

/** A service as `serviceAvailability` sees it: the kiosk's, and the count the visitor is not shown. */
export type ServiceAvailability = KioskService & {
  /**
   * Every waiting ticket, remote holders not yet arrived too: the queue's length as staff see it
   * (the dashboard) and what the remote share counts. 0 for a group.
   */
  waitingAll: number;
};

/**
 * Every active service of the branch as a client sees it now: whether a ticket can be taken (and
 * if not, why and when it opens), how many wait and how long a new ticket would wait. One query;
 * the kiosk, the public overview and the /join page show this.
 *
 * `waiting` is the people a ticket taken now would have ahead of it: the waiting tickets call next
 * may take, as positions count them — a remote ticket whose holder has not arrived yet is not one
 * (docs/remote-join.md, "Check in on arrival"), so it agrees with the estimate beside it.
 */
export async function serviceAvailability(
  deps: QueueDeps,
  branch: BranchContext,
): Promise<ServiceAvailability[]> {
  const now = deps.clock();
  const today = businessDay(now, branch.timezone);
  const rows = await sql<
    ServiceLoad & {
      id: string;
      parent_id: string | null;
      is_group: boolean;
      name: string;
      translations: Record<string, string>;
      description: string;
      color: string;
      prefix: string | null;
      schedule: WeekSchedule | null;
      active: boolean;
      accepting_tickets: boolean;
      daily_limit: number | null;
      issued_today: number;
      waiting: number;
      waiting_all: number;
    }
  >`
    select s.id, s.parent_id, s.is_group, s.name, s.translations, s.description, s.color, s.prefix,
      s.schedule, s.active, s.accepting_tickets, s.daily_limit, ${serviceLoadColumns(now)},
      coalesce((select c.last_number from ticket_counters c
                where c.branch_id = s.branch_id and c.service_id = s.id and c.business_day = ${today}), 0) as issued_today,
      (select count(*)::int from tickets t
        where t.branch_id = s.branch_id and t.service_id = s.id and t.status = 'waiting'
          and (not t.arrival_required or t.arrived_at is not null)) as waiting,
      (select count(*)::int from tickets t
        where t.branch_id = s.branch_id and t.service_id = s.id and t.status = 'waiting') as waiting_all
    from services s
    where s.branch_id = ${branch.id} and s.deleted_at is null and s.active
    order by s.sort_order, s.id
  `.execute(deps.db);
  const leaves = rows.rows.filter((r) => !r.is_group);
  const quotes = await quoteNewForServices(
    deps,
    branch,
    leaves.map((r) => ({ id: r.id, waiting: r.waiting, load: r })),
  );
  return rows.rows.map((r) => {
    const state = takingState(r, r.issued_today, now, branch.timezone);
    const quote = r.is_group ? null : (quotes.get(r.id) ?? null);
    const closesAt = closingToday(r.schedule, now, branch.timezone);
    return {
      id: r.id,
      parentId: r.parent_id,
      isGroup: r.is_group,
      name: r.name,
      translations: r.translations,
      description: r.description,
      color: r.color,
      prefix: r.prefix,
      state,
      opensAt: state === "outside_hours" ? nextOpening(r.schedule, now, branch.timezone) : null,
      waiting: r.is_group ? 0 : r.waiting,
      waitingAll: r.is_group ? 0 : r.waiting_all,
      serving: !r.is_group && r.servers > 0,
      ...quoteFields(quote, branch.timezone),
      closesAt: closesAt ? zonedIso(closesAt, branch.timezone) : null,
    };
  });
}
