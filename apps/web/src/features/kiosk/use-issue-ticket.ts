import { type KioskService, ticketSchema } from "@dq/shared";
import { ApiError, type api } from "../../app/api.ts";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { sendRetrying } from "./issue-retry.ts";
import { newIdempotencyKey } from "./keys.ts";
import type { Screen } from "./kiosk-screen.ts";

type DeviceClient = ReturnType<typeof api.as>;

/**
 * Issues the ticket a visitor chose: shows "issuing", then the ticket or why there is none, and
 * asks for a fresh menu (waiting counts, a limit just reached).
 */
export function useIssueTicket(client: DeviceClient, show: (screen: Screen) => void, refresh: () => void) {
  const f = useSurfaceFormat();
  return async (service: KioskService, categoryId: string | null) => {
    show({ name: "issuing", service });
    // One key per visitor's choice: a double tap or a retry after a dropped connection gets the
    // same ticket instead of a second one.
    const key = newIdempotencyKey();
    try {
      // Unreachable (the strip says "reconnecting" meanwhile), or the same request still being
      // processed: sent again with the same key.
      const ticket = await sendRetrying(() =>
        client.post(
          "/api/v1/tickets",
          { serviceId: service.id, ...(categoryId ? { categoryId } : {}), language: f.lang },
          ticketSchema,
          { "idempotency-key": key },
        ),
      );
      show({ name: "ticket", service, ticket, issuedAt: new Date(ticket.issuedAt) });
    } catch (error) {
      const code = error instanceof ApiError ? error.code : "unknown";
      const known: Record<string, string> = {
        service_closed: f.t("state.closed"),
        outside_opening_hours: f.t("state.outside_hours"),
        daily_limit_reached: f.t("state.limit_reached"),
      };
      show({ name: "failed", message: known[code] ?? f.t("kiosk.tryAgain") });
    }
    refresh();
  };
}
