import { type Dashboard, dashboardSchema } from "@dq/shared";
import { sql } from "kysely";
import type { App } from "../../http/types.ts";
import { serviceAvailability } from "../../queue/availability.ts";
import { businessDay } from "../../queue/calendar.ts";

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
          "The office now: per service waiting, longest wait, overdue, served and average wait today; per workstation who is there, doing what, since when",
        response: { 200: dashboardSchema },
      },
    },
    async (request): Promise<Dashboard> => {
      const branch = request.branch;
      const now = app.deps.clock();
      const today = businessDay(now, branch.timezone);
      const [availability, figures, services, workstations] = await Promise.all([
        serviceAvailability(db, branch, now),
        sql<{
          service_id: string;
          longest: number | null;
          overdue: number;
          served: number;
          avg_wait: number | null;
        }>`
          select s.id as service_id,
            extract(epoch from (${now}::timestamptz - min(t.enqueued_at) filter (where t.status = 'waiting')))::float8 as longest,
            count(*) filter (where t.status = 'waiting' and s.target_wait_minutes is not null
              and t.enqueued_at < ${now}::timestamptz - s.target_wait_minutes * interval '1 minute')::int as overdue,
            count(*) filter (where t.status = 'served' and t.business_day = ${today})::int as served,
            avg(extract(epoch from t.called_at - t.enqueued_at))
              filter (where t.business_day = ${today} and t.called_at is not null)::float8 as avg_wait
          from services s
          left join tickets t on t.branch_id = s.branch_id and t.service_id = s.id
            and (t.status = 'waiting' or t.business_day = ${today})
          where s.branch_id = ${branch.id} and s.deleted_at is null and not s.is_group
          group by s.id
        `.execute(db),
        db
          .selectFrom("services")
          .select(["id", "target_wait_minutes"])
          .where("branch_id", "=", branch.id)
          .execute(),
        db
          .selectFrom("workstations as w")
          .leftJoin("operator_states as os", "os.workstation_id", "w.id")
          .leftJoin("employees as e", "e.id", "os.employee_id")
          .leftJoin("tickets as t", (j) =>
            j.onRef("t.employee_id", "=", "os.employee_id").on("t.status", "in", ["called", "serving"]),
          )
          .select([
            "w.id",
            "w.name",
            "w.number",
            "w.active",
            "e.id as employee_id",
            "e.name as employee_name",
            "os.status",
            "os.pause_reason",
            "os.since",
            "t.id as ticket_id",
            "t.label",
            "t.status as ticket_status",
            "t.service_id",
            "t.called_at",
            "t.started_at",
          ])
          .where("w.branch_id", "=", branch.id)
          .where("w.deleted_at", "is", null)
          .orderBy("w.number")
          .execute(),
      ]);
      const byService = new Map(figures.rows.map((r) => [r.service_id, r]));
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
              waiting: s.waiting,
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
      };
    },
  );
}
