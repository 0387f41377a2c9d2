import { useTranslation } from "react-i18next";
import { addTranslations } from "../../../app/i18n.ts";
import { en, ru } from "./strings.ts";

addTranslations("alerts", { ru, en });
export const NS = "alerts";

/**
 * `t` of the alert screens: a key missing from their own strings is looked up in the directories'
 * and the shared administration ones (common.save…), which the page modules load.
 */
export const useAlertsTranslation = () =>
  useTranslation([NS, "directories", "admin"], { nsMode: "fallback" });
