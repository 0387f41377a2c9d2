import type { TFunction } from "i18next";

/**
 * Report figures as a manager reads them: "45 с", "4 мин 12 с", "3 ч 05 мин"; percentages and
 * counts in the language's own digits grouping. Null (nothing to measure) is a dash.
 */
export function formatDuration(t: TFunction, language: string, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return t("kpi.none");
  const s = Math.round(seconds);
  if (s < 60) return t("units.s", { s });
  if (s < 3600) return t("units.ms", { m: Math.floor(s / 60), s: s % 60 });
  const minutes = Math.round(s / 60);
  return t("units.hm", {
    h: formatNumber(language, Math.floor(minutes / 60)),
    m: String(minutes % 60).padStart(2, "0"),
  });
}

export function formatPercent(language: string, share: number | null | undefined): string {
  if (share === null || share === undefined) return "—";
  return new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 1 }).format(share);
}

export function formatNumber(language: string, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return "—";
  return new Intl.NumberFormat(language, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(value);
}

/** Seconds as minutes with one decimal, for chart axes. */
export const toMinutes = (seconds: number | null | undefined) =>
  seconds === null || seconds === undefined ? null : Math.round(seconds / 6) / 10;

/** Minutes with one decimal, as "3,2 мин"; `signed` writes "+0,8 мин" for a bias. A dash for null. */
export function formatMinutes(
  t: TFunction,
  language: string,
  minutes: number | null,
  signed = false,
): string {
  if (minutes === null) return t("kpi.none");
  const m = new Intl.NumberFormat(language, {
    maximumFractionDigits: 1,
    signDisplay: signed ? "exceptZero" : "auto",
  })
    .format(minutes)
    // A true minus sign, as wide as the plus ("−19,3", not "-19,3").
    .replace("-", "\u2212");
  return t("units.m", { m });
}
