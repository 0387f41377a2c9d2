import { useTranslation } from "react-i18next";
import type { SurfaceProps } from "../../app/surfaces.tsx";
import { ScreenPlaceholder } from "../common/ScreenPlaceholder.tsx";

export default function CounterPage({ params }: SurfaceProps) {
  const { t } = useTranslation();
  const [number = ""] = params;
  return <ScreenPlaceholder fullScreen title={t("screens.counter", { number })} />;
}
