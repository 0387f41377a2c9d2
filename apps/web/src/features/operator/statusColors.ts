import type { OperatorState } from "@dq/shared";

/** The colour of an operator's status, the same on his workplace and on the dashboard. */
export const STATUS_COLORS: Record<OperatorState["status"], string> = {
  offline: "gray",
  free: "green",
  calling: "yellow",
  serving: "blue",
  paused: "orange",
};
