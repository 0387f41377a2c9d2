/**
 * An office's text in a language: its translation there if the office gave one, else its own
 * (the same rule as a service's or a category's name, `localName`).
 */
export const localText = (
  own: string,
  translations: Partial<Record<string, string>> | undefined,
  language: string,
): string => translations?.[language]?.trim() || own;
