import type { ComponentType } from "react";
import { createBrowserRouter, type RouteObject } from "react-router";
import { FullPageLoader } from "../features/common/FullPageLoader.tsx";
import { STAFF_SCREENS, type StaffScreen } from "./screens.ts";

/** Staff screens, each its own chunk. Devices and public pages are mounted by surfaces.tsx. */
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({
  Component: (await load()).default,
});

/** A staff screen behind the role check of its row in the screens table. */
const screenRoute = (screen: StaffScreen): RouteObject => ({
  path: screen.path,
  lazy: async () => {
    const [{ default: Screen }, { RequireRole }] = await Promise.all([screen.load(), import("./auth.tsx")]);
    return {
      element: (
        <RequireRole minRole={screen.minRole}>
          <Screen />
        </RequireRole>
      ),
    };
  },
});

/**
 * The layout around staff screens: the operator's workplace in one (open to every employee), the
 * office's screens in the other (supervisors and up).
 */
const staffArea = (area: "OperatorArea" | "SupervisorArea"): RouteObject => ({
  lazy: async () => ({ Component: (await import("../features/staff/StaffArea.tsx"))[area] }),
  children: STAFF_SCREENS.filter((s) => (s.minRole === "operator") === (area === "OperatorArea")).map(
    screenRoute,
  ),
});

export const router = createBrowserRouter([
  {
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      { path: "/", lazy: page(() => import("../features/common/HomeRedirect.tsx")) },
      { path: "/login", lazy: page(() => import("../features/login/LoginPage.tsx")) },
      staffArea("OperatorArea"),
      staffArea("SupervisorArea"),
      { path: "*", lazy: page(() => import("../features/common/NotFoundPage.tsx")) },
    ],
  },
]);
