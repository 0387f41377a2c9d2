export const ROLES = ["admin", "supervisor", "operator"] as const;
export type Role = (typeof ROLES)[number];

export const DEVICE_KINDS = ["kiosk", "board", "counter", "feedback"] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Roles ordered by power: an admin can do everything a supervisor can, and so on. */
const RANK: Record<Role, number> = { operator: 1, supervisor: 2, admin: 3 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
