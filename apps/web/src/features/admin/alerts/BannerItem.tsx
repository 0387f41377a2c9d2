import type { Alert } from "@dq/shared";
import { Badge, Button, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import css from "./alerts.module.css";
import { alertSentence, timeAgo } from "./alertText.ts";
import { NS } from "./texts.ts";
import type { useServiceNames } from "./useAlerts.ts";

/** One alert in the banner: what happened, how long ago, by which rule, and its acknowledge button. */
export function BannerItem({
  alert: a,
  serviceName,
  now,
  acknowledging,
  onAck,
}: {
  alert: Alert;
  serviceName: ReturnType<typeof useServiceNames>;
  now: Date;
  acknowledging: boolean;
  /** `fromKeyboard`: pressed with Enter or Space rather than clicked. */
  onAck: (fromKeyboard: boolean) => void;
}) {
  const { t, i18n } = useTranslation(NS);
  return (
    <div className={css.item} data-testid="alert-banner-item" data-alert-id={a.id}>
      <div className={css.text}>
        <Text fw={600} size="sm" data-testid="alert-banner-text">
          {alertSentence(t, a, serviceName, now)}
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
        loading={acknowledging}
        // detail 0: pressed with Enter or Space rather than clicked.
        onClick={(e) => onAck(e.detail === 0)}
        data-testid="alert-banner-ack"
      >
        {t("banner.ack")}
      </Button>
    </div>
  );
}
