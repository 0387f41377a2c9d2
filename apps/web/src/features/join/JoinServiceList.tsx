import type { RemoteJoinInfo } from "@dq/shared";
import css from "./join.module.css";
import { serviceTree } from "./service-tree.ts";
import { useJoinText } from "./use-join-text.ts";

type Service = RemoteJoinInfo["services"][number];

/** The first step: one large button a service, with the queue and its wait; a closed one says why. */
export function JoinServiceList({ services, onPick }: { services: Service[]; onPick: (s: Service) => void }) {
  const x = useJoinText();
  const tree = serviceTree(services);
  if (!tree.some((n) => !n.service.isGroup)) {
    return (
      <section className={css.card} data-testid="join-none">
        <h2 className={css.subtitle}>{x.t("noServices")}</h2>
        <p className={css.muted}>{x.t("unavailableHint")}</p>
      </section>
    );
  }
  return (
    <ul className={css.services} aria-label={x.t("chooseService")}>
      {tree.map(({ service: s, depth }) =>
        s.isGroup ? (
          <li key={s.id} className={css.group} style={{ marginLeft: `${depth}rem` }}>
            {x.name(s)}
          </li>
        ) : (
          <li key={s.id} style={{ marginLeft: `${depth}rem` }}>
            <button
              type="button"
              className={css.service}
              data-testid="join-service"
              data-open={s.open}
              disabled={!s.open}
              onClick={() => onPick(s)}
            >
              <span className={css.serviceName}>{x.name(s)}</span>
              <QueueLine service={s} />
            </button>
          </li>
        ),
      )}
    </ul>
  );
}

/** «ждут 4 · ~12–18 мин», or why the service is not open now. */
export function QueueLine({ service: s }: { service: Service }) {
  const x = useJoinText();
  if (!s.open) {
    return (
      <span className={css.closedReason} data-testid="join-reason">
        {s.reason?.[x.lang] ?? s.reason?.ru ?? x.t("errors.closed")}
      </span>
    );
  }
  const wait = x.compactWait(s.estimatedWait);
  return (
    <span className={css.queue}>
      {s.waiting > 0 ? x.t("waiting", { count: s.waiting }) : x.t("nobodyWaiting")}
      {wait && s.waiting > 0 ? ` · ${wait}` : ""}
    </span>
  );
}
