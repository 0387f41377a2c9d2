import { type PublicTicket, publicTicketSchema } from "@dq/shared";
import { ApiError, api } from "../../app/api.ts";
import { myTickets } from "../track/my-tickets.ts";
import { reportArrival } from "../track/notify-api.ts";
import { reasonText } from "./reason.ts";

/** What the door's QR page found and did. */
export type HereOutcome =
  | { kind: "none" }
  | { kind: "noneWaiting"; tickets: PublicTicket[] }
  | { kind: "arrived"; tickets: PublicTicket[] }
  | { kind: "refused"; text: string | null; badLink: boolean; tickets: PublicTicket[] };

/** Reads a stored ticket; one that is gone (or unreadable) is left out. */
export async function readTicket(code: string): Promise<PublicTicket | null> {
  try {
    return await api.get(`/api/v1/tickets/${encodeURIComponent(code)}`, publicTicketSchema);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return null;
    throw error;
  }
}

/**
 * Reports the arrival of every ticket this browser keeps that waits for one, with the door's key.
 * A network failure is thrown (the page offers to try again); a refusal is returned with the
 * server's words. The door's key names its office: a ticket of another office is refused.
 */
export async function arriveAtDoor(doorKey: string, lang: string): Promise<HereOutcome> {
  const stored = myTickets();
  if (stored.length === 0) return { kind: "none" };
  const tickets = (await Promise.all(stored.map((t) => readTicket(t.code)))).filter(
    (t): t is PublicTicket => t !== null,
  );
  const awaiting = tickets.filter((t) => t.awaitingArrival);
  if (awaiting.length === 0)
    return tickets.length === 0 ? { kind: "none" } : { kind: "noneWaiting", tickets };
  const arrived: PublicTicket[] = [];
  let refusal: ApiError | null = null;
  for (const t of awaiting) {
    try {
      await reportArrival(t.code, { doorKey });
      arrived.push(t);
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 0 || error.status >= 500) throw error;
      refusal = error;
    }
  }
  if (arrived.length > 0) return { kind: "arrived", tickets: arrived };
  return {
    kind: "refused",
    text: reasonText(refusal?.details, lang),
    badLink: refusal?.status === 400 || refusal?.status === 403 || refusal?.status === 404,
    tickets: awaiting,
  };
}
