/**
 * The tickets this browser took or opened, kept on the phone so that the door's QR page (`/here`)
 * knows whose arrival to report without asking for a code. Nothing but codes and times is kept.
 */
const STORAGE_KEY = "dq.myTickets";
/** A ticket lives one business day; a little more covers an office open past midnight. */
const KEEP_MS = 36 * 3600 * 1000;
const MAX_KEPT = 20;

export interface MyTicket {
  code: string;
  branchId: string;
  /** ms since the epoch, on this phone's clock, when the page first saw the ticket. */
  savedAt: number;
}

type Store = Pick<Storage, "getItem" | "setItem">;

function read(storage: Store | undefined): MyTicket[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(STORAGE_KEY) ?? "[]");
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (t): t is MyTicket =>
        typeof t?.code === "string" && typeof t.branchId === "string" && typeof t.savedAt === "number",
    );
  } catch {
    return [];
  }
}

/** The tickets still current (taken within the last day and a half), newest first. */
export function myTickets(
  now = Date.now(),
  storage: Store | undefined = globalThis.localStorage,
): MyTicket[] {
  return read(storage)
    .filter((t) => now - t.savedAt < KEEP_MS && t.savedAt <= now + 60_000)
    .sort((a, b) => b.savedAt - a.savedAt);
}

/** Remembers a ticket (again: keeps the first time it was seen); old ones are dropped. */
export function rememberTicket(
  ticket: { code: string; branchId: string },
  now = Date.now(),
  storage: Store | undefined = globalThis.localStorage,
) {
  const kept = myTickets(now, storage);
  if (kept.some((t) => t.code === ticket.code)) return;
  const next = [{ code: ticket.code, branchId: ticket.branchId, savedAt: now }, ...kept].slice(0, MAX_KEPT);
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    // Storage full or blocked: the page still works, only /here will not know this ticket.
  }
}
