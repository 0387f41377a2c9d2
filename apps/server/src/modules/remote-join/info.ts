import type { RemoteJoinInfo, WeekSchedule } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import type { AppDeps } from "../../http/types.ts";
import { type ServiceAvailability, serviceAvailability } from "../../queue/availability.ts";
import {
  closingRefusal,
  DISABLED_REASON,
  exceedsShare,
  type Reason,
  SHARE_REASON,
} from "../../queue/remote-limits.ts";
import { listNamed } from "../categories/repository.ts";

/** What the /join page shows (GET /api/v1/remote-join): the services with why each is not open. */
export async function remoteJoinInfo(
  deps: AppDeps,
  branch: BranchContext,
  channels: RemoteJoinInfo["channels"],
): Promise<RemoteJoinInfo> {
  const settings = branch.settings.remoteJoin;
  const [services, remote, categories] = await Promise.all([
    serviceAvailability(deps, branch),
    remoteFacts(deps.db, branch.id),
    listNamed(deps.db, "categories", branch.id, true),
  ]);
  const now = deps.clock();
  const reasonOf = (s: ServiceAvailability): Reason | null => {
    const facts = remote.get(s.id);
    if (!settings.enabled || !facts?.remoteJoin) return DISABLED_REASON;
    const taking = takingReason(s);
    if (taking) return taking;
    // The share counts the whole waiting queue, holders on their way too (as issuing does).
    if (exceedsShare(settings, facts.remoteWaiting, s.waitingAll)) return SHARE_REASON;
    const expected = s.expectedCallAt ? new Date(s.expectedCallAt) : null;
    const closing = closingRefusal(branch, facts.schedule, expected, now);
    return closing ? (closing.details as { reason: Reason }).reason : null;
  };
  const reasons = new Map(services.filter((s) => !s.isGroup).map((s) => [s.id, reasonOf(s)]));
  const open = groupsOpen(services, reasons);
  return {
    branchId: branch.id,
    branchName: branch.name,
    branchTranslations: branch.settings.nameTranslations,
    enabled: settings.enabled,
    languages: branch.settings.languages,
    defaultLanguage: branch.settings.defaultLanguage,
    services: services.map((s) => ({
      id: s.id,
      parentId: s.parentId,
      isGroup: s.isGroup,
      name: s.name,
      translations: s.translations,
      description: s.description,
      color: s.color,
      open: open.has(s.id),
      reason: s.isGroup ? (open.has(s.id) ? null : GROUP_REASON) : (reasons.get(s.id) ?? null),
      waiting: s.waiting,
      estimatedWait: s.estimatedWait,
    })),
    categories: categories.map((c) => ({ id: c.id, name: c.name, translations: c.translations })),
    arrivalCheckIn: settings.arrivalCheckIn,
    channels,
  };
}

const GROUP_REASON: Reason = {
  ru: "Сейчас ни в одну из этих очередей нельзя встать дистанционно",
  en: "None of these queues can be joined remotely now",
};

/** The kiosk's refusal of a service that does not take tickets now, in the visitor's words. */
function takingReason(s: ServiceAvailability): Reason | null {
  switch (s.state) {
    case "open":
      return null;
    case "closed":
      return { ru: "Услуга сейчас не принимает посетителей", en: "The service is not taking visitors now" };
    case "limit_reached":
      return { ru: "На сегодня талоны закончились", en: "No more tickets today" };
    case "outside_hours": {
      const at = s.opensAt;
      if (at?.inDays === 0) return { ru: `Откроется в ${at.time}`, en: `Opens at ${at.time}` };
      return { ru: "Сейчас не работает", en: "Closed at this hour" };
    }
  }
}

/** Leaves open by their reasons; a group is open when anything under it is. */
function groupsOpen(services: ServiceAvailability[], reasons: Map<string, Reason | null>): Set<string> {
  const open = new Set(services.filter((s) => !s.isGroup && reasons.get(s.id) === null).map((s) => s.id));
  const parents = new Map(services.map((s) => [s.id, s.parentId]));
  for (const id of [...open]) {
    for (let p = parents.get(id) ?? null; p !== null && !open.has(p); p = parents.get(p) ?? null) open.add(p);
  }
  return open;
}

interface RemoteFacts {
  remoteJoin: boolean;
  remoteWaiting: number;
  schedule: WeekSchedule | null;
}

/** Per service: its remote switch, its schedule and the remote tickets waiting in it. */
async function remoteFacts(db: Executor, branchId: string): Promise<Map<string, RemoteFacts>> {
  const rows = await sql<{
    id: string;
    remote_join: boolean;
    schedule: RemoteFacts["schedule"];
    remote_waiting: number;
  }>`
    select s.id, s.remote_join, s.schedule,
      (select count(*)::int from tickets t where t.branch_id = s.branch_id and t.service_id = s.id
         and t.status = 'waiting' and t.origin = 'remote') as remote_waiting
    from services s
    where s.branch_id = ${branchId} and s.deleted_at is null and s.active
  `.execute(db);
  return new Map(
    rows.rows.map((r) => [
      r.id,
      { remoteJoin: r.remote_join, remoteWaiting: r.remote_waiting, schedule: r.schedule },
    ]),
  );
}
