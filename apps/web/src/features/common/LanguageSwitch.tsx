import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { LANGUAGES, type Language, setLanguage } from "../../app/i18n.ts";

export function LanguageSwitch({ size = "xs" }: { size?: "xs" | "sm" | "md" | "lg" | "xl" }) {
  const { i18n, t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t("common.language")}
      size={size}
      value={i18n.language}
      onChange={(value) => setLanguage(value as Language)}
      data={LANGUAGES.map((l) => ({ value: l, label: l.toUpperCase() }))}
    />
  );
}
