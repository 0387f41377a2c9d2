import type { TFunction } from "i18next";
import { ApiError } from "../../../app/api.ts";
import i18n from "../../../app/i18n.ts";
import { dirError } from "../directories/texts.ts";
import { NS } from "./texts.ts";

/** A failed request in words: the alerts' own texts for their errors, else the directories'. */
export function alertError(t: TFunction, error: unknown): string {
  // The server names the missing setting in English; say the same in the UI language.
  if (error instanceof ApiError && error.code === "channel_not_configured") {
    if (error.message.includes("SMTP_URL")) return i18n.t("channelEditor.emailOff", { ns: NS });
    if (error.message.includes("TELEGRAM")) return i18n.t("channelEditor.telegramOff", { ns: NS });
  }
  if (error instanceof ApiError && i18n.exists(`errors.${error.code}`, { ns: NS })) {
    return i18n.t(`errors.${error.code}`, { ns: NS, message: error.message });
  }
  return dirError(t, error);
}

export { isFieldError } from "../directories/texts.ts";
