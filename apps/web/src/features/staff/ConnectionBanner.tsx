import { Alert, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useReconnecting } from "../../app/connection.ts";

/**
 * Says, calmly, that the server or its database cannot be reached and the screen is reconnecting;
 * the data on screen stays and refreshes by itself. It goes away when the server answers again.
 */
export function ConnectionBanner() {
  const { t } = useTranslation();
  if (!useReconnecting()) return null;
  return (
    <Alert
      color="yellow"
      variant="light"
      // Opaque: the banner stays in sight over the page as it scrolls.
      bg="yellow.0"
      role="status"
      icon={<Loader size="xs" color="yellow.8" />}
      title={t("common.offline")}
      data-testid="reconnecting"
      mb="md"
    >
      {t("common.offlineHint")}
    </Alert>
  );
}
