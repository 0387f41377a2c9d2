import { useTranslation } from "react-i18next";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { NS } from "./visitor-texts.ts";

/** The tracking page's visitor panels' texts in the current language. */
export function useVisitorText() {
  const { t } = useTranslation(NS);
  const f = useSurfaceFormat();
  return { t, lang: f.lang };
}
