import type { App } from "../../http/types.ts";
import { queueOfficeRoutes } from "./office-routes.ts";
import { queueSendRoutes } from "./send-routes.ts";
import { queueTicketRoutes } from "./ticket-routes.ts";

/** Queue management (`/api/v1/queue/…`). */
export async function queueAdminRoutes(app: App) {
  await queueTicketRoutes(app);
  await queueSendRoutes(app);
  await queueOfficeRoutes(app);
}
