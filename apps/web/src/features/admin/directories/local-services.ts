import type { Service } from "@dq/shared";
import { localName } from "../../operator/format.ts";

/**
 * The services named in the UI's language (their English name where the office gave one), for
 * pages that only show them: employees' competencies, workstations, devices. The services page
 * itself edits the office's own names and keeps them.
 */
export function servicesIn(services: Service[], language: string): Service[] {
  return services.map((s) => ({ ...s, name: localName(s, language) }));
}
