import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { en } from "../locales/en.ts";
import { ru } from "../locales/ru.ts";

export const LANGUAGES = ["ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "dq.lang";

/** The language chosen on this device, kept across reloads; Russian by default. */
function storedLanguage(): Language {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === "en" || saved === "ru" ? saved : "ru";
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "ru",
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/** The language chosen on this device with the language buttons; null when never chosen. */
export const chosenLanguage = (): string | null => globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;

/** Shows the screens in `language` without remembering it as this device's choice. */
export function showLanguage(language: Language) {
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export function setLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

export default i18n;

/**
 * A screen's own strings, registered when its chunk loads (so the entry stays small):
 * `addTranslations("kiosk", {ru: {...}, en: {...}})`, then `useTranslation("kiosk")`.
 */
export function addTranslations<T extends object>(namespace: string, messages: { ru: T; en: NoInfer<T> }) {
  i18n.addResourceBundle("ru", namespace, messages.ru, true, true);
  i18n.addResourceBundle("en", namespace, messages.en, true, true);
}
