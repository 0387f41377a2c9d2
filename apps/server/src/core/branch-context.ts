import type { BranchSettings } from "@dq/shared";

/** What the engine needs to know about the branch a request acts in. */
export interface BranchContext {
  id: string;
  name: string;
  timezone: string;
  settings: BranchSettings;
}

/** Who does something: written into every event. */
export interface Actor {
  employeeId?: string | null;
  workstationId?: string | null;
  deviceId?: string | null;
}
