import { type Service, serviceSchema } from "@dq/shared";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useDirectory } from "../useDirectory.ts";
import { servicesIn } from "./local-services.ts";

/** The office's services, named in the UI's language (see `servicesIn`). */
export function useLocalServices(): Service[] {
  const { i18n } = useTranslation();
  const items = useDirectory("services", serviceSchema).list.data?.items;
  return useMemo(() => servicesIn(items ?? [], i18n.language), [items, i18n.language]);
}
