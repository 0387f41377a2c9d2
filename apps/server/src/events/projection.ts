import type { BoardEventData, SseChannel } from "@dq/shared";
import type { EventRow } from "../db/schema.ts";

/**
 * What each channel may see of an event. The public board gets ticket events, reduced to what is
 * shown on a board anyway (label, status, window), of an operator's status change only that it
 * happened (a counter display then asks whether its window is open, paused or closed), of a
 * service's change only which service (a kiosk then fetches its menu again); staff
 * channels get the whole record.
 */
export function project(channel: SseChannel, row: EventRow): Record<string, unknown> | null {
  if (channel === "staff") {
    return {
      ...row.data,
      eventId: row.id,
      type: row.type,
      at: row.created_at.toISOString(),
      employeeId: row.employee_id,
      workstationId: row.workstation_id,
    };
  }
  if (row.type === "operator.status") return { at: row.created_at.toISOString() };
  // A service added, renamed, opened or closed: kiosks and the public overview fetch their menu again.
  if (row.type === "service.updated")
    return { serviceId: String(row.data.serviceId), at: row.created_at.toISOString() };
  if (!row.type.startsWith("ticket.") || row.type === "ticket.rated") return null;
  const d = row.data as Record<string, unknown> & {
    workstation?: { name: string; number: string; spokenName: string } | null;
  };
  const data: BoardEventData = {
    ticketId: String(d.ticketId),
    label: String(d.label),
    status: d.status as BoardEventData["status"],
    serviceId: String(d.serviceId),
    callCount: Number(d.callCount ?? 0),
    workstation: d.workstation
      ? { name: d.workstation.name, number: d.workstation.number, spokenName: d.workstation.spokenName }
      : null,
    calledAt: (d.calledAt as string | null | undefined) ?? null,
    lastCalledAt: (d.lastCalledAt as string | null | undefined) ?? null,
    at: row.created_at.toISOString(),
  };
  return data as unknown as Record<string, unknown>;
}

export function formatSse(id: string, type: string, data: unknown): string {
  return `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

const formatted = new WeakMap<EventRow, Partial<Record<SseChannel, string | null>>>();

/**
 * The SSE frame of an event for a channel, or null when the channel does not show it. The hub hands
 * the same row to every client, so each frame is built once per event, not once per client.
 */
export function sseFrame(channel: SseChannel, row: EventRow): string | null {
  let frames = formatted.get(row);
  if (!frames) {
    frames = {};
    formatted.set(row, frames);
  }
  let frame = frames[channel];
  if (frame === undefined) {
    const data = project(channel, row);
    frame = data ? formatSse(row.id, row.type, data) : null;
    frames[channel] = frame;
  }
  return frame;
}
