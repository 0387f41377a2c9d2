import type { KioskService, Ticket } from "@dq/shared";

/** What a ticket screen names its service by (a checked-in visitor's service may not be on this kiosk's menu). */
export type ServiceLabel = Pick<KioskService, "name" | "translations">;

/**
 * Where a visitor is on the kiosk: choosing (in a group), whether to take a ticket that may not be
 * served today, a category, waiting for the ticket, typing or scanning his booking code, being
 * checked in, the ticket, or why not.
 */
export type Screen =
  | { name: "menu"; groupId: string | null }
  | { name: "late"; service: KioskService }
  | { name: "category"; service: KioskService }
  | { name: "issuing"; service: KioskService }
  /** `code` and `error`: back after a code that matched no appointment, to correct it. */
  | { name: "checkin"; code?: string; error?: string }
  | { name: "checkingIn" }
  | { name: "ticket"; service: ServiceLabel; ticket: Ticket; issuedAt: Date }
  | { name: "failed"; message: string; title?: string };

export const START: Screen = { name: "menu", groupId: null };

/** The steps a visitor may walk away from; the kiosk goes back to the start by itself after a while. */
export const IDLE_SCREENS: ReadonlySet<Screen["name"]> = new Set(["menu", "late", "category", "checkin"]);
