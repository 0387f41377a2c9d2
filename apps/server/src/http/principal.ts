import { type DeviceConfig, type DeviceKind, type Role, roleAtLeast } from "@dq/shared";

/** Who is making a request. Staff sign in; devices and integrations present a bearer token. */
export type Principal =
  | { kind: "anonymous" }
  | { kind: "employee"; id: string; login: string; name: string; role: Role; sessionId: string }
  | {
      kind: "device";
      id: string;
      deviceKind: DeviceKind;
      branchId: string;
      name: string;
      config: DeviceConfig;
    }
  | { kind: "token"; id: string; role: Role; branchId: string | null; name: string };

/**
 * What a route allows. `"public"`: anyone. Otherwise: staff of at least `role` (sessions, and API
 * tokens unless `employeeOnly`), and the listed device kinds.
 */
export type Access = "public" | { role?: Role; devices?: readonly DeviceKind[]; employeeOnly?: boolean };

export const ANONYMOUS: Principal = { kind: "anonymous" };

/** Who a request acts as, for the events it writes: the employee or the device (API tokens: nobody). */
export function actorOf(principal: Principal): { employeeId: string | null; deviceId: string | null } {
  return {
    employeeId: principal.kind === "employee" ? principal.id : null,
    deviceId: principal.kind === "device" ? principal.id : null,
  };
}

/** A signed-in employee or an API token with at least this role (devices and anonymous: never). */
export function staffAtLeast(principal: Principal, role: Role): boolean {
  return (principal.kind === "employee" || principal.kind === "token") && roleAtLeast(principal.role, role);
}
