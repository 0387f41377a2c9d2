import { useTranslation } from "react-i18next";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { clockOf, dayChip, whenText } from "./office-time.ts";
import { NS } from "./texts.ts";

/**
 * The booking pages' texts in the current language, and times on the office's wall clock (in its
 * zone when known, else by the offset the server wrote into each time).
 */
export function useBookingText(timeZone?: string) {
  const { t } = useTranslation(NS);
  const f = useSurfaceFormat(timeZone);
  return {
    t,
    lang: f.lang,
    /** A service's or an office's name in the current language. */
    name: f.name,
    clock: (iso: string) => clockOf(iso, f.lang, timeZone),
    when: (a: { start: string; end: string }) => whenText(a.start, a.end, f.lang, timeZone),
    chip: (day: string) => dayChip(day, f.lang),
  };
}
