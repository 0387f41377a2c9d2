import { useActiveTickets } from "./active-tickets.ts";
import css from "./join.module.css";
import { trackPath } from "./join-api.ts";
import { useJoinText } from "./use-join-text.ts";

/** «У вас уже есть талон А017 — открыть»: above the services, which stay there to join another one. */
export function ActiveTickets({ branchId }: { branchId: string }) {
  const x = useJoinText();
  const tickets = useActiveTickets(branchId).data ?? [];
  if (tickets.length === 0) return null;
  return (
    <section className={`${css.card} ${css.mine}`} data-testid="join-mine" aria-label={x.t("mine.title")}>
      {tickets.map((t) => (
        <div key={t.code} className={css.mineRow} data-testid="join-mine-ticket">
          <div>
            <div className={css.mineLabel}>{x.t("mine.have", { label: t.label })}</div>
            <div className={css.muted}>
              {x.name({ name: t.serviceName, translations: t.serviceTranslations })}
              {t.status !== "waiting" ? ` · ${x.t(`mine.status.${t.status}`)}` : ""}
            </div>
          </div>
          <a className={css.secondary} href={trackPath(t.code)}>
            {x.t("mine.open")}
          </a>
        </div>
      ))}
    </section>
  );
}
