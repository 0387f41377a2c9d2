import type { KioskService } from "@dq/shared";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import css from "./kiosk.module.css";

/**
 * Asked before the ticket is taken when its call is expected after the service closes today: the
 * visitor decides with the times in front of him, instead of finding out at closing.
 */
export function LateStep({
  service,
  timeZone,
  onTake,
  onBack,
}: {
  service: KioskService;
  timeZone: string;
  onTake: () => void;
  onBack: () => void;
}) {
  const f = useSurfaceFormat(timeZone);
  return (
    <section className={css.late} aria-labelledby="late-title" data-testid="late-step">
      <div className={css.lateCard}>
        <h1 id="late-title" className={css.lateTitle}>
          {f.t("kiosk.lateTitle")}
        </h1>
        <p className={css.lateText} data-testid="late-text">
          {f.t("kiosk.late", { closes: f.clock(service.closesAt!), call: f.clock(service.expectedCallAt!) })}
        </p>
      </div>
      <div className={css.actions}>
        <button type="button" className={css.secondary} onClick={onBack}>
          {f.t("kiosk.back")}
        </button>
        <button type="button" className={css.primary} onClick={onTake} data-testid="late-take">
          {f.t("kiosk.lateTake")}
        </button>
      </div>
    </section>
  );
}
