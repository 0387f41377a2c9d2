import { useTranslation } from "react-i18next";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import { NS } from "./texts.ts";

/** The remote visitor's pages' texts in the current language, with the surfaces' formatting. */
export function useJoinText() {
  const { t } = useTranslation(NS);
  const f = useSurfaceFormat();
  return { t, lang: f.lang, name: f.name, compactWait: f.compactWait };
}
