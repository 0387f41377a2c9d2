import type { PublicTicket } from "@dq/shared";
import type { TicketRow } from "../../db/schema.ts";
import { findBranch } from "../../queue/branches.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { quoteFields, quoteWaiting } from "../../queue/estimates.ts";
import { positionAndLoad } from "../../queue/repository.ts";
import { loadWorkstationInfo } from "../../queue/ticket-events.ts";
import { serviceNames } from "../services/repository.ts";

/** What the visitor's tracking page shows of a ticket: never staff data, only the public code. */
export async function publicTicketView(deps: QueueDeps, t: TicketRow): Promise<PublicTicket> {
  const service = await serviceNames(deps.db, t.service_id);
  const branch = await findBranch(deps.db, t.branch_id);
  const waiting = t.status === "waiting" && branch !== null;
  const [load, quote] = waiting
    ? await Promise.all([positionAndLoad(deps.db, t, deps.clock()), quoteWaiting(deps, branch, t)])
    : [null, null];
  const position = load?.position ?? null;
  const { estimatedWait, expectedCallAt } = quoteFields(quote, branch?.timezone ?? "UTC");
  const ws =
    t.status === "called" || t.status === "serving"
      ? await loadWorkstationInfo(deps.db, t.workstation_id)
      : null;
  return {
    code: t.code,
    label: t.label,
    status: t.status,
    serviceId: t.service_id,
    serviceName: service.name,
    serviceTranslations: service.translations,
    branchId: t.branch_id,
    branchName: branch?.name ?? "",
    branchTranslations: branch?.settings.nameTranslations ?? {},
    issuedAt: t.issued_at.toISOString(),
    calledAt: t.called_at?.toISOString() ?? null,
    finishedAt: t.finished_at?.toISOString() ?? null,
    callCount: t.call_count,
    position,
    estimatedWait,
    expectedCallAt,
    workstation: ws ? { name: ws.name, number: ws.number } : null,
    rating: t.rating_score !== null ? { score: t.rating_score, comment: t.rating_comment } : null,
    canRate: t.status === "served" && t.rating_score === null,
    canCancel: t.status === "waiting",
  };
}
