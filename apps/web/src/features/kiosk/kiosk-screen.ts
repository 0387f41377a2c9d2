import type { KioskService, Ticket } from "@dq/shared";

/** Where a visitor is on the kiosk: choosing (in a group), whether to take a ticket that may not be served today, a category, waiting for the ticket, the ticket, or why not. */
export type Screen =
  | { name: "menu"; groupId: string | null }
  | { name: "late"; service: KioskService }
  | { name: "category"; service: KioskService }
  | { name: "issuing"; service: KioskService }
  | { name: "ticket"; service: KioskService; ticket: Ticket; issuedAt: Date }
  | { name: "failed"; message: string };

export const START: Screen = { name: "menu", groupId: null };
