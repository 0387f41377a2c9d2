import type { Alert, AlertList } from "@dq/shared";

/**
 * The banner's list of open, unacknowledged in-app alerts, changed in place by the event stream
 * (pure, so that tests need no browser).
 */

/** The list without one alert (acknowledged or resolved). */
export function withoutAlert(list: AlertList | undefined, id: string): AlertList | undefined {
  if (!list) return list;
  const items = list.items.filter((a) => a.id !== id);
  return { items, total: list.total - (list.items.length - items.length) };
}

/** The list with an alert added or replaced by its newer state, newest first. */
export function withAlert(list: AlertList | undefined, alert: Alert): AlertList {
  const rest = list?.items.filter((a) => a.id !== alert.id) ?? [];
  const known = rest.length !== (list?.items.length ?? 0);
  const items = [alert, ...rest].sort((a, b) => b.openedAt.localeCompare(a.openedAt));
  return { items, total: (list?.total ?? 0) + (known ? 0 : 1) };
}

/** As the banner shows them: escalated ones first (they have waited longest for someone), then newest. */
export function bannerOrder(items: Alert[]): Alert[] {
  return [...items].sort(
    (a, b) =>
      Number(b.escalatedAt !== null) - Number(a.escalatedAt !== null) || b.openedAt.localeCompare(a.openedAt),
  );
}
