import type { App } from "../../http/types.ts";
import { ticketActionRoutes } from "./ticket-routes.ts";
import { workplaceViewRoutes } from "./view-routes.ts";
import { workplaceRoutes } from "./workplace-routes.ts";

/** The operator's API (`/api/v1/operator/…`). */
export async function operatorRoutes(app: App) {
  await workplaceViewRoutes(app);
  await workplaceRoutes(app);
  await ticketActionRoutes(app);
}
