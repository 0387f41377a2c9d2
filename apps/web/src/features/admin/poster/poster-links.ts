import type { Branch, Language, Service } from "@dq/shared";
import { localName } from "../../operator/format.ts";
import type { SheetLanguage } from "./PosterSheet.tsx";

/** The address of /join, or of one service's form on it, on this server. */
export function joinUrl(origin: string, serviceId: string | null): string {
  return serviceId ? `${origin}/join?service=${encodeURIComponent(serviceId)}` : `${origin}/join`;
}

/** The door's address as the server gave it (absolute, or a path on this server). */
export const absoluteUrl = (url: string, origin: string) => new URL(url, origin).toString();

/** The office's languages, its default first, each with the office's (and the service's) name in it. */
export function sheetLanguages(branch: Branch, service: Service | null): SheetLanguage[] {
  const { languages, defaultLanguage, nameTranslations } = branch.settings;
  const ordered: Language[] = [defaultLanguage, ...languages.filter((l) => l !== defaultLanguage)];
  return ordered.map((language) => ({
    language,
    office: localName({ name: branch.name, translations: nameTranslations }, language),
    service: service ? localName(service, language) : null,
  }));
}
