import type { Appointment, StaffAppointment } from "@dq/shared";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import type { AppointmentRow } from "../../db/schema.ts";
import type { QueueDeps } from "../../queue/deps.ts";
import { serviceOfAppointment, ticketOf } from "./repository.ts";
import { type AppointmentContext, publicAppointmentView, staffAppointmentView } from "./view.ts";

export interface BranchSource {
  get(id: string): Promise<BranchContext | null>;
}

type Service = Awaited<ReturnType<typeof serviceOfAppointment>>;

/** Loads what an appointment's view shows beside its row: its service, branch and ticket. */
async function contextOf(
  db: Executor,
  branches: BranchSource,
  row: AppointmentRow,
  now: Date,
  services: Map<string, Service> = new Map(),
): Promise<AppointmentContext> {
  let service = services.get(row.service_id);
  if (!service) {
    service = await serviceOfAppointment(db, row.service_id);
    services.set(row.service_id, service);
  }
  const [branch, ticket] = await Promise.all([branches.get(row.branch_id), ticketOf(db, row.ticket_id)]);
  return { row, service, branch: branch!, ticket, now };
}

export async function appointmentView(
  deps: QueueDeps,
  branches: BranchSource,
  row: AppointmentRow,
  kind: "public",
): Promise<Appointment>;
export async function appointmentView(
  deps: QueueDeps,
  branches: BranchSource,
  row: AppointmentRow,
  kind: "staff",
): Promise<StaffAppointment>;
export async function appointmentView(
  deps: QueueDeps,
  branches: BranchSource,
  row: AppointmentRow,
  kind: "public" | "staff",
): Promise<Appointment | StaffAppointment> {
  const context = await contextOf(deps.db, branches, row, deps.clock());
  return kind === "public" ? publicAppointmentView(context) : staffAppointmentView(context);
}

/** The staff list's views of many appointments, each service loaded once. */
export async function staffAppointmentViews(
  deps: QueueDeps,
  branches: BranchSource,
  rows: AppointmentRow[],
): Promise<StaffAppointment[]> {
  const services = new Map<string, Service>();
  const now = deps.clock();
  const views: StaffAppointment[] = [];
  for (const row of rows)
    views.push(staffAppointmentView(await contextOf(deps.db, branches, row, now, services)));
  return views;
}
