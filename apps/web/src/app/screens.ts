import { type Role, roleAtLeast } from "@dq/shared";
import type { ComponentType } from "react";

/** A staff screen: where it lives, how the navigation names it, who may open it, its code chunk. */
export interface StaffScreen {
  path: string;
  /** Translation key of its navigation entry. */
  title: string;
  /** The least role that may open it; it is in the navigation of that role and those above. */
  minRole: Role;
  load: () => Promise<{ default: ComponentType }>;
}

/**
 * Every staff screen, in navigation order; the router, the navigation and the role checks all read
 * this one table. Supervisors watch the office; directories, settings and the audit log are for
 * administrators. Operators have only their workplace, which supervisors may open too (to watch one).
 */
export const STAFF_SCREENS: readonly StaffScreen[] = [
  {
    path: "/admin",
    title: "nav.dashboard",
    minRole: "supervisor",
    load: () => import("../features/admin/dashboard/DashboardPage.tsx"),
  },
  {
    path: "/admin/queue",
    title: "nav.queue",
    minRole: "supervisor",
    load: () => import("../features/admin/queue/QueuePage.tsx"),
  },
  {
    path: "/admin/appointments",
    title: "nav.appointments",
    minRole: "supervisor",
    load: () => import("../features/admin/appointments/AppointmentsPage.tsx"),
  },
  {
    path: "/admin/reports",
    title: "nav.reports",
    minRole: "supervisor",
    load: () => import("../features/admin/reports/ReportsPage.tsx"),
  },
  {
    path: "/admin/alerts",
    title: "nav.alerts",
    minRole: "supervisor",
    load: () => import("../features/admin/alerts/AlertsPage.tsx"),
  },
  {
    path: "/operator",
    title: "nav.operator",
    minRole: "operator",
    load: () => import("../features/operator/OperatorPage.tsx"),
  },
  {
    path: "/admin/services",
    title: "nav.services",
    minRole: "admin",
    load: () => import("../features/admin/directories/ServicesPage.tsx"),
  },
  {
    path: "/admin/categories",
    title: "nav.categories",
    minRole: "admin",
    load: () => import("../features/admin/directories/CategoriesPage.tsx"),
  },
  {
    path: "/admin/employees",
    title: "nav.employees",
    minRole: "admin",
    load: () => import("../features/admin/directories/EmployeesPage.tsx"),
  },
  {
    path: "/admin/workstations",
    title: "nav.workstations",
    minRole: "admin",
    load: () => import("../features/admin/directories/WorkstationsPage.tsx"),
  },
  {
    path: "/admin/pause-reasons",
    title: "nav.pauseReasons",
    minRole: "admin",
    load: () => import("../features/admin/directories/PauseReasonsPage.tsx"),
  },
  {
    path: "/admin/devices",
    title: "nav.devices",
    minRole: "admin",
    load: () => import("../features/admin/directories/DevicesPage.tsx"),
  },
  {
    path: "/admin/settings",
    title: "nav.settings",
    minRole: "admin",
    load: () => import("../features/admin/settings/SettingsPage.tsx"),
  },
  {
    path: "/admin/poster",
    title: "nav.poster",
    minRole: "admin",
    load: () => import("../features/admin/poster/PosterPage.tsx"),
  },
  {
    path: "/admin/audit",
    title: "nav.audit",
    minRole: "admin",
    load: () => import("../features/admin/audit/AuditPage.tsx"),
  },
];

/** The screens a role may open, in navigation order. */
export function screensFor(role: Role): StaffScreen[] {
  return STAFF_SCREENS.filter((screen) => roleAtLeast(role, screen.minRole));
}

/** Where a role starts after signing in: the first screen of its navigation. */
export function homeOf(role: Role): string {
  return screensFor(role)[0]!.path;
}
