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
const staffArea = (minRole: "operator" | "supervisor"): RouteObject => ({
  lazy: async () => {
    const { StaffArea } = await import("../features/staff/StaffArea.tsx");
    return { element: <StaffArea minRole={minRole} /> };
  },
  children: STAFF_SCREENS.filter((s) => (s.minRole === "operator") === (minRole === "operator")).map(
    screenRoute,
  ),
});

export const router = createBrowserRouter([
  {
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      { path: "/", lazy: page(() => import("../features/common/HomeRedirect.tsx")) },
      { path: "/login", lazy: page(() => import("../features/login/LoginPage.tsx")) },
      staffArea("operator"),
      staffArea("supervisor"),
      { path: "*", lazy: page(() => import("../features/common/NotFoundPage.tsx")) },
    ],
  },
]);
