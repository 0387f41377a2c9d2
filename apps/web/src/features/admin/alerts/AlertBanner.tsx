import { Anchor, Badge, Button, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../app/errors.ts";
import { useNow } from "../../../app/use-now.ts";
import css from "./alerts.module.css";
import { alertSentence, timeAgo } from "./alertText.ts";
import { NS } from "./texts.ts";
import { useAlertFeed } from "./useAlertFeed.ts";
import { useAcknowledge, useServiceNames } from "./useAlerts.ts";

/** More than this many, and the rest wait in the log (a banner must not push the screen away). */
const MAX_SHOWN = 3;

/**
 * Open alerts nobody has acknowledged, live, on top of every staff screen of supervisors and
 * administrators: what happened, how long ago, and a button to acknowledge it.
 */
export function AlertBanner() {
  const { t, i18n } = useTranslation(NS);
  const { alerts } = useAlertFeed();
  const ack = useAcknowledge();
  const serviceName = useServiceNames();
  const now = useNow(15_000);
  if (alerts.length === 0) return null;
  return (
    <section className={css.banner} role="alert" aria-label={t("banner.title")} data-testid="alert-banner">
      <div className={css.head}>
        <span className={css.title}>
          <BellIcon />
          {t("banner.title")}
          <Badge color="red" size="sm" circle data-testid="alert-banner-count">
            {alerts.length}
          </Badge>
        </span>
        <Anchor component={Link} to="/admin/alerts" size="sm" fw={500} data-testid="alert-banner-log">
          {t("banner.log")} →
        </Anchor>
      </div>
      {alerts.slice(0, MAX_SHOWN).map((a) => (
        <div key={a.id} className={css.item} data-testid="alert-banner-item" data-alert-id={a.id}>
          <div className={css.text}>
            <Text fw={600} size="sm" data-testid="alert-banner-text">
              {alertSentence(t, a, serviceName)}
            </Text>
            <Text size="xs" c="dimmed">
              {timeAgo(t, i18n.language, a.openedAt, now)} ·{" "}
              {t("banner.rule", { name: a.ruleName || t(`kinds.${a.kind}`) })}
              {a.escalatedAt && (
                <Badge component="span" color="orange" size="xs" variant="light" ml={6}>
                  {t("state.escalated")}
                </Badge>
              )}
            </Text>
          </div>
          <Button
            size="xs"
            color="red"
            loading={ack.isPending && ack.variables === a.id}
            onClick={() => ack.mutate(a.id)}
            data-testid="alert-banner-ack"
          >
            {t("banner.ack")}
          </Button>
        </div>
      ))}
      {alerts.length > MAX_SHOWN && (
        <Anchor
          component={Link}
          to="/admin/alerts?status=open&unacked=1"
          size="sm"
          data-testid="alert-banner-more"
        >
          {t("banner.more", { count: alerts.length - MAX_SHOWN })}
        </Anchor>
      )}
      {ack.error && (
        <Text c="red" size="xs">
          {errorMessage(t, ack.error)}
        </Text>
      )}
    </section>
  );
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
    </svg>
  );
}
