import { type Dashboard, dashboardSchema } from "@dq/shared";
import type { App } from "../../http/types.ts";
import { serviceAvailability } from "../../queue/availability.ts";
import { businessDay } from "../../queue/calendar.ts";
import { todaysAppointments } from "./appointments.ts";
import { serviceFigures, serviceTargets, workstationStates } from "./repository.ts";

/** The live dashboard: one read of services and one of workstations, refreshed on every event. */
export async function dashboardRoutes(app: App) {
  const { db } = app.deps;

  app.get(
    "/api/v1/dashboard",
    {
      config: { access: { role: "supervisor" } },
      schema: {
        operationId: "getDashboard",
        tags: ["dashboard"],
        summary:
          "The office now: per service waiting, longest wait, overdue, served and average wait today; per workstation who is there, doing what, since when; today's appointments and the next ones due",
        response: { 200: dashboardSchema },
      },
    },
    async (request): Promise<Dashboard> => {
      const branch = request.branch;
      const now = app.deps.clock();
      const today = businessDay(now, branch.timezone);
      const [availability, figures, services, workstations, appointments] = await Promise.all([
        serviceAvailability(app.deps, branch),
        serviceFigures(db, branch.id, now, today),
        serviceTargets(db, branch.id),
        workstationStates(db, branch.id),
        todaysAppointments(db, branch, now, today),
      ]);
      const byService = new Map(figures.map((r) => [r.service_id, r]));
      const targets = new Map(services.map((s) => [s.id, s.target_wait_minutes]));
      return {
        at: now.toISOString(),
        services: availability
          .filter((s) => !s.isGroup)
          .map((s) => {
            const f = byService.get(s.id);
            return {
              serviceId: s.id,
              name: s.name,
              translations: s.translations,
              prefix: s.prefix,
              color: s.color,
              state: s.state,
              targetWaitMinutes: targets.get(s.id) ?? null,
              // Staff see the whole queue: remote holders on their way too.
              waiting: s.waitingAll,
              longestWaitSeconds: f?.longest ? Math.max(0, Math.round(f.longest)) : 0,
              overdue: f?.overdue ?? 0,
              servedToday: f?.served ?? 0,
              averageWaitSecondsToday: f?.avg_wait == null ? null : Math.round(f.avg_wait),
            };
          }),
        workstations: workstations.map((w) => ({
          id: w.id,
          name: w.name,
          number: w.number,
          active: w.active,
          employee: w.employee_id ? { id: w.employee_id, name: w.employee_name! } : null,
          status: w.employee_id && w.status ? w.status : "offline",
          pauseReason: w.pause_reason ?? null,
          since: w.employee_id && w.since ? w.since.toISOString() : null,
          ticket: w.ticket_id
            ? {
                id: w.ticket_id,
                label: w.label!,
                status: w.ticket_status!,
                serviceId: w.service_id!,
                calledAt: w.called_at?.toISOString() ?? null,
                startedAt: w.started_at?.toISOString() ?? null,
              }
            : null,
        })),
        appointments,
      };
    },
  );
}
