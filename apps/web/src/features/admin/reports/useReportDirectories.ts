import {
  type Category,
  categorySchema,
  type Employee,
  employeeSchema,
  type PauseReason,
  pauseReasonSchema,
  type Service,
  serviceSchema,
  type Workstation,
  workstationSchema,
} from "@dq/shared";
import { useDirectory } from "../useDirectory.ts";

export interface ReportDirectories {
  services: Service[];
  employees: Employee[];
  workstations: Workstation[];
  categories: Category[];
  pauseReasons: PauseReason[];
}

/** The office's names for the report filters, and for showing services and pauses in the current language. */
export function useReportDirectories(): ReportDirectories {
  const services = useDirectory("services", serviceSchema).list.data?.items ?? [];
  const employees = useDirectory("employees", employeeSchema).list.data?.items ?? [];
  return {
    services: services.filter((s) => !s.isGroup),
    employees: employees.filter((e) => e.role !== "admin" || e.competencies.length > 0),
    workstations: useDirectory("workstations", workstationSchema).list.data?.items ?? [],
    categories: useDirectory("categories", categorySchema).list.data?.items ?? [],
    pauseReasons: useDirectory("pause-reasons", pauseReasonSchema).list.data?.items ?? [],
  };
}
