import type { Board, DeviceConfig } from "@dq/shared";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { currentCalls, newestEventId, waitingTickets } from "./repository.ts";

/** What a display board shows: its office, current calls, who waits, and how to show them. */
export async function boardView(
  db: Executor,
  branch: BranchContext,
  config: DeviceConfig,
  now: Date,
): Promise<Board> {
  const windows = config.workstationNumbers;
  const [callRows, waitingRows, lastEventId] = await Promise.all([
    currentCalls(db, branch.id, windows, branch.settings.boardCalls),
    branch.settings.boardShowWaiting ? waitingTickets(db, branch.id, windows, 100) : Promise.resolve([]),
    newestEventId(db, branch.id),
  ]);
  return {
    branch: {
      id: branch.id,
      name: branch.name,
      runningText: branch.settings.runningText,
      nameTranslations: branch.settings.nameTranslations,
      runningTextTranslations: branch.settings.runningTextTranslations,
      timezone: branch.timezone,
    },
    calls: callRows.map((c) => ({
      ticketId: c.id,
      label: c.label,
      serviceId: c.service_id,
      status: c.status,
      callCount: c.call_count,
      workstation: { name: c.name, number: c.number, spokenName: c.spoken_name },
      calledAt: c.called_at!.toISOString(),
      lastCalledAt: (c.last_called_at ?? c.called_at)!.toISOString(),
    })),
    waiting: waitingRows.map((w) => ({ label: w.label, serviceId: w.service_id })),
    lastEventId,
    serverTime: now.toISOString(),
    display: {
      language: config.language ?? null,
      voice: config.voice ?? true,
      showWaiting: branch.settings.boardShowWaiting,
      calls: branch.settings.boardCalls,
      workstationNumbers: windows ?? [],
    },
  };
}
