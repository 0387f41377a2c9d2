import { useSearchParams } from "react-router";
import { useOffice } from "../../../app/office.ts";
import { isDay, presetPeriod, todayIn } from "./period.ts";

export const FILTER_KEYS = ["serviceId", "employeeId", "workstationId", "categoryId"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export const TABS = [
  "overview",
  "hourly",
  "operators",
  "workstations",
  "tickets",
  "estimates",
  "appointments",
] as const;
export type Tab = (typeof TABS)[number];

export interface ReportFilters {
  from: string;
  to: string;
  serviceId: string | null;
  employeeId: string | null;
  workstationId: string | null;
  categoryId: string | null;
}

/**
 * The report's period, filters and tab live in the address (`?from=…&to=…&serviceId=…&tab=…`), so
 * a report can be bookmarked or sent to a colleague and survives a reload. Without a period: the
 * last 7 days of the office's calendar.
 */
export function useReportFilters() {
  const [params, setParams] = useSearchParams();
  const timeZone = useOffice().data?.timezone ?? "UTC";
  const today = todayIn(timeZone);
  const fallback = presetPeriod("week", today);
  const day = (key: string, otherwise: string) => {
    const v = params.get(key);
    return v && isDay(v) ? v : otherwise;
  };
  const filters: ReportFilters = {
    from: day("from", fallback.from),
    to: day("to", fallback.to),
    serviceId: params.get("serviceId"),
    employeeId: params.get("employeeId"),
    workstationId: params.get("workstationId"),
    categoryId: params.get("categoryId"),
  };
  if (filters.from > filters.to) filters.to = filters.from;
  const tabParam = params.get("tab");
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : "overview";

  /** The report query string for the API. */
  const query = new URLSearchParams({ from: filters.from, to: filters.to });
  for (const k of FILTER_KEYS) if (filters[k]) query.set(k, filters[k]);

  const update = (patch: Partial<ReportFilters> & { tab?: Tab }) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    // A period chosen backwards is turned around rather than refused.
    const from = next.get("from");
    const to = next.get("to");
    if (from && to && from > to) {
      next.set("from", to);
      next.set("to", from);
    }
    setParams(next, { replace: true });
  };
  const reset = () => {
    const next = new URLSearchParams(params);
    for (const k of FILTER_KEYS) next.delete(k);
    setParams(next, { replace: true });
  };
  const filtered = FILTER_KEYS.some((k) => filters[k]);
  return { filters, query: query.toString(), tab, today, update, reset, filtered };
}
