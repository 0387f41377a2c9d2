/** 75 → "1:15", 3725 → "1:02:05": timers and waits on the workplace. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

export const secondsBetween = (from: string | null | undefined, to: Date | string | null | undefined) =>
  from && to ? (new Date(to).getTime() - new Date(from).getTime()) / 1000 : 0;

/**
 * A wait the server measured (`seconds` at the moment of its answer, read at `readAt`, ms) as it is
 * `now`: it keeps growing between answers. Measured on this machine's clock only, so a clock set
 * wrong does not shift it.
 */
export const secondsSince = (seconds: number, readAt: number, now: Date | number) =>
  seconds + Math.max(0, (new Date(now).getTime() - readAt) / 1000);

/** A name in the current language: `translations[lang]` or the office's own. */
export const localName = (
  x: { name: string; translations?: Partial<Record<string, string>> },
  lang: string,
) => x.translations?.[lang] || x.name;
