import type { App } from "../../http/types.ts";
import { alertLogRoutes } from "./alert-routes.ts";
import { alertRuleRoutes } from "./rule-routes.ts";
import { alertRuleViewRoutes } from "./rule-view-routes.ts";

/** Long-wait alerts (`/api/v1/alert-rules`, `/api/v1/alerts`). */
export async function alertRoutes(app: App) {
  await alertRuleViewRoutes(app);
  await alertRuleRoutes(app);
  await alertLogRoutes(app);
}
