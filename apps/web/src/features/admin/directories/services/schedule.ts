import { WEEKDAYS, type WeekSchedule } from "@dq/shared";
import type { TFunction } from "i18next";

/** ["Пн–Пт 09:00–18:00", "Сб 10:00–14:00"]: consecutive days with the same hours are joined. */
export function scheduleSummary(t: TFunction, schedule: WeekSchedule | null): string[] {
  if (!schedule) return [t("services.alwaysOpenShort")];
  const hours = WEEKDAYS.map((d) => (schedule[d] ?? []).map((i) => `${i.from}–${i.to}`).join(", "));
  const parts: string[] = [];
  for (let i = 0; i < WEEKDAYS.length; ) {
    let j = i;
    while (j + 1 < WEEKDAYS.length && hours[j + 1] === hours[i]) j++;
    if (hours[i]) {
      const days =
        i === j
          ? t(`weekdays.${WEEKDAYS[i]}`)
          : `${t(`weekdays.${WEEKDAYS[i]}`)}–${t(`weekdays.${WEEKDAYS[j]}`)}`;
      parts.push(`${days} ${hours[i]}`);
    }
    i = j + 1;
  }
  return parts.length ? parts : [t("services.closedDay")];
}
