import { useTranslation } from "react-i18next";
import { ScreenPlaceholder } from "../common/ScreenPlaceholder.tsx";

export default function PublicQueuePage() {
  const { t } = useTranslation();
  return <ScreenPlaceholder fullScreen title={t("screens.queue")} />;
}
