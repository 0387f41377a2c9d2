import { useTranslation } from "react-i18next";
import { ScreenPlaceholder } from "../common/ScreenPlaceholder.tsx";

export default function OperatorPage() {
  const { t } = useTranslation();
  return <ScreenPlaceholder title={t("screens.operator")} />;
}
