import type { Language } from "../../app/i18n.ts";

/**
 * The language a visitor's own phone opens a public page in when he has not chosen one here: the
 * first of the browser's preferred languages the app speaks (`en-US` → en, `de, en` → en), or null
 * to keep Russian, the default. A stored choice always wins, so null then too.
 */
export function visitorLanguage(
  stored: string | null,
  preferred: readonly string[],
  languages: readonly Language[] = ["ru", "en"],
): Language | null {
  if (stored) return null;
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split("-")[0] as Language;
    if (languages.includes(primary)) return primary === "ru" ? null : primary;
  }
  return null;
}
