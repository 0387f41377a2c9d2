/**
 * How a calendar day is written in each UI language, as a dayjs format: Russian «26.11.2026»,
 * English «26 Nov 2026» (never the US 11/26/2026, which a Russian office would misread).
 */
export const DAY_FORMAT: Record<string, string> = { ru: "DD.MM.YYYY", en: "D MMM YYYY" };

export const dayFormatOf = (language: string): string => DAY_FORMAT[language] ?? DAY_FORMAT.ru!;
