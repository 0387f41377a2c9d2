import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { ScreenPlaceholder } from "../common/ScreenPlaceholder.tsx";

const SECTIONS = ["queue", "services", "categories", "employees", "workstations", "devices", "settings"];

/** /admin/<section>: each section gets its own screen in the administration and reports issues. */
export function AdminSectionPage() {
  const { t } = useTranslation();
  const { section = "" } = useParams();
  const name = SECTIONS.includes(section) ? t(`nav.${section}`) : section;
  return <ScreenPlaceholder title={t("screens.section", { name })} />;
}
