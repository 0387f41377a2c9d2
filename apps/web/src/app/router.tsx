import type { ComponentType } from "react";
import { createBrowserRouter } from "react-router";
import { FullPageLoader } from "../features/common/FullPageLoader.tsx";

/** Staff screens, each its own chunk. Devices and public pages are mounted by surfaces.tsx. */
const page = (load: () => Promise<{ default: ComponentType }>) => async () => ({
  Component: (await load()).default,
});
const staff = (area: "OperatorArea" | "SupervisorArea") => async () => ({
  Component: (await import("../features/staff/StaffArea.tsx"))[area],
});
const admin = (screen: "DashboardPage" | "AdminSectionPage") => async () => ({
  Component: (await import("../features/admin/AdminPages.tsx"))[screen],
});

export const router = createBrowserRouter([
  {
    hydrateFallbackElement: <FullPageLoader />,
    children: [
      { path: "/", lazy: page(() => import("../features/common/HomeRedirect.tsx")) },
      { path: "/login", lazy: page(() => import("../features/login/LoginPage.tsx")) },
      {
        lazy: staff("OperatorArea"),
        children: [{ path: "/operator", lazy: page(() => import("../features/operator/OperatorPage.tsx")) }],
      },
      {
        lazy: staff("SupervisorArea"),
        children: [
          { path: "/admin", lazy: admin("DashboardPage") },
          { path: "/admin/:section", lazy: admin("AdminSectionPage") },
        ],
      },
      { path: "*", lazy: page(() => import("../features/common/NotFoundPage.tsx")) },
    ],
  },
]);
