import type { PublicTicket, TicketStatus } from "@dq/shared";
import { useQuery } from "@tanstack/react-query";
import { type MyTicket, myTickets } from "../track/my-tickets.ts";
import { readTicket } from "./here.ts";

/** A visit still going on: the ticket's page has something to follow or do. */
const LIVE: ReadonlySet<TicketStatus> = new Set(["waiting", "called", "serving"]);

/** The stored tickets worth reading for this office (a ticket of another office is not this page's). */
export function storedOfOffice(stored: MyTicket[], branchId: string): MyTicket[] {
  return stored.filter((t) => t.branchId === branchId);
}

/** The tickets read back that are of this office and still live, in the order they came. */
export function liveTickets(tickets: (PublicTicket | null)[], branchId: string): PublicTicket[] {
  return tickets.filter(
    (t): t is PublicTicket => t !== null && t.branchId === branchId && LIVE.has(t.status),
  );
}

/**
 * The live tickets this browser holds in the office /join shows, newest first, so that a visitor who
 * comes back to /join finds his ticket instead of taking another. One that cannot be read now (the
 * network) is left out: this is a convenience, never a reason to hold the page up.
 */
export function useActiveTickets(branchId: string | undefined) {
  return useQuery({
    queryKey: ["join-active-tickets", branchId],
    enabled: !!branchId,
    queryFn: async () => {
      const stored = storedOfOffice(myTickets(), branchId!);
      const read = await Promise.all(stored.map((t) => readTicket(t.code).catch(() => null)));
      return liveTickets(read, branchId!);
    },
    refetchInterval: 60_000,
  });
}
