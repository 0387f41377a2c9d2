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
/** An administration screen; directories and settings are for administrators only. */
const adminScreen =
  (load: () => Promise<{ default: ComponentType }>, minRole: "supervisor" | "admin" = "admin") =>
  async () => {
    const [{ default: Screen }, { RequireRole }] = await Promise.all([load(), import("./auth.tsx")]);
    return {
      element: (
        <RequireRole minRole={minRole}>
          <Screen />
        </RequireRole>
      ),
    };
  };

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
          {
            path: "/admin",
            lazy: adminScreen(() => import("../features/admin/dashboard/DashboardPage.tsx"), "supervisor"),
          },
          {
            path: "/admin/queue",
            lazy: adminScreen(() => import("../features/admin/queue/QueuePage.tsx"), "supervisor"),
          },
          {
            path: "/admin/categories",
            lazy: adminScreen(() => import("../features/admin/directories/CategoriesPage.tsx")),
          },
          {
            path: "/admin/pause-reasons",
            lazy: adminScreen(() => import("../features/admin/directories/PauseReasonsPage.tsx")),
          },
          {
            path: "/admin/services",
            lazy: adminScreen(() => import("../features/admin/directories/ServicesPage.tsx")),
          },
          {
            path: "/admin/employees",
            lazy: adminScreen(() => import("../features/admin/directories/EmployeesPage.tsx")),
          },
          {
            path: "/admin/workstations",
            lazy: adminScreen(() => import("../features/admin/directories/WorkstationsPage.tsx")),
          },
          {
            path: "/admin/devices",
            lazy: adminScreen(() => import("../features/admin/directories/DevicesPage.tsx")),
          },
          {
            path: "/admin/settings",
            lazy: adminScreen(() => import("../features/admin/settings/SettingsPage.tsx")),
          },
          {
            path: "/admin/reports",
            lazy: adminScreen(() => import("../features/admin/reports/ReportsPage.tsx"), "supervisor"),
          },
          {
            path: "/admin/alerts",
            lazy: adminScreen(() => import("../features/admin/alerts/AlertsPage.tsx"), "supervisor"),
          },
          { path: "/admin/audit", lazy: adminScreen(() => import("../features/admin/audit/AuditPage.tsx")) },
        ],
      },
      { path: "*", lazy: page(() => import("../features/common/NotFoundPage.tsx")) },
    ],
  },
]);
