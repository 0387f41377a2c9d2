import type { PublicTicket, TicketSource } from "@dq/shared";
import type { BranchContext } from "../../core/branch-context.ts";
import type { TicketRow } from "../../db/schema.ts";
import { zonedIso } from "../../queue/calendar.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { quoteFields, quoteWaiting } from "../../queue/estimates.ts";
import { positionOf } from "../../queue/repository.ts";
import { loadWorkstationInfo } from "../../queue/ticket-events.ts";
import { serviceNames } from "../services/repository.ts";

/**
 * What the visitor's tracking page shows of a ticket: never staff data, only the public code. The
 * branch comes from the app's cache: every waiting page refreshes after each call.
 */
export async function publicTicketView(
  deps: QueueDeps,
  t: TicketRow,
  loadBranch: (id: string) => Promise<BranchContext | null>,
): Promise<PublicTicket> {
  const service = await serviceNames(deps.db, t.service_id);
  const branch = await loadBranch(t.branch_id);
  const waiting = t.status === "waiting" && branch !== null;
  const [position, quote] = waiting
    ? await Promise.all([positionOf(deps.db, t), quoteWaiting(deps, branch, t, "display")])
    : [null, null];
  const { estimatedWait, expectedCallAt } = quoteFields(quote, branch?.timezone ?? "UTC");
  const ws =
    t.status === "called" || t.status === "serving"
      ? await loadWorkstationInfo(deps.db, t.workstation_id)
      : null;
  const remote = branch?.settings.remoteJoin;
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
    appointmentStart:
      t.appointment && !t.appointment.late && branch
        ? zonedIso(new Date(t.appointment.start), branch.timezone)
        : null,
    rating: t.rating_score !== null ? { score: t.rating_score, comment: t.rating_comment } : null,
    canRate: t.status === "served" && t.rating_score === null,
    canCancel: t.status === "waiting",
    source: t.origin as TicketSource,
    awaitingArrival: t.status === "waiting" && t.arrival_required && t.arrived_at === null,
    postponesLeft:
      t.status === "waiting" && remote ? Math.max(0, remote.postponeMaxTimes - t.postpone_count) : 0,
    postponeMaxPlaces: remote?.postponeMaxPlaces ?? 0,
  };
}
