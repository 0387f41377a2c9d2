import type { TFunction } from "i18next";
import { ApiError, isServerUnreachable } from "./api.ts";
import i18n from "./i18n.ts";

/**
 * A failed request in plain words: the translation of its error code when there is one (see
 * `errors.*` in the locales), otherwise the server's own message.
 */
export function errorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    // A proxy's page while the app restarts means the same to the reader as the database away.
    const code = isServerUnreachable(error) && error.code !== "network" ? "database_unavailable" : error.code;
    const key = `errors.${code}`;
    // Details of the error (e.g. who holds a workstation) fill the placeholders of the text.
    const details =
      error.details && typeof error.details === "object" && !Array.isArray(error.details)
        ? error.details
        : {};
    if (i18n.exists(key, { ns: "translation" }))
      return t(key, { ns: "translation", message: error.message, ...details });
    return t("errors.unknown", { ns: "translation", message: error.message });
  }
  return t("errors.unknown", { ns: "translation", message: String(error) });
}
