import { useState } from "react";
import { useTranslation } from "react-i18next";
import { readDeviceToken } from "../../app/device-token.ts";
import { DeviceBadge, ScreenPlaceholder } from "../common/ScreenPlaceholder.tsx";

export default function KioskPage() {
  const { t } = useTranslation();
  const [token] = useState(readDeviceToken);
  return (
    <ScreenPlaceholder fullScreen title={t("screens.kiosk")}>
      <DeviceBadge linked={token !== null} />
    </ScreenPlaceholder>
  );
}
