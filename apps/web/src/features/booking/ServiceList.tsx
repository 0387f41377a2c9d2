import type { BookingService } from "@dq/shared";
import css from "./booking.module.css";
import { useBookingText } from "./use-booking-text.ts";

/** The first step: the office's bookable services, one large button each. */
export function ServiceList({
  services,
  onPick,
}: {
  services: BookingService[];
  onPick: (service: BookingService) => void;
}) {
  const x = useBookingText();
  if (services.length === 0) {
    return (
      <section className={css.card} data-testid="booking-none">
        <h2 className={css.subtitle}>{x.t("noServices")}</h2>
        <p className={css.muted}>{x.t("noServicesHint")}</p>
      </section>
    );
  }
  return (
    <ul className={css.services} aria-label={x.t("chooseService")}>
      {services.map((s) => (
        <li key={s.id}>
          <button
            type="button"
            className={css.service}
            data-testid="booking-service"
            onClick={() => onPick(s)}
          >
            <span className={css.serviceName}>{x.name(s)}</span>
            <span className={css.serviceLength}>{x.t("slotMinutes", { count: s.slotMinutes })}</span>
            {/* The description is in the office's own language: shown beside the untranslated name. */}
            {s.description && !s.translations[x.lang] && (
              <span className={css.serviceDescription}>{s.description}</span>
            )}
          </button>
        </li>
      ))}
    </ul>
  );
}
