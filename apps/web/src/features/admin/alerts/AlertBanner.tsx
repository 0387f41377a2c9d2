import { Anchor, Badge, Button, Text, VisuallyHidden } from "@mantine/core";
import { useEffect, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../app/errors.ts";
import { useNow } from "../../../app/use-now.ts";
import css from "./alerts.module.css";
import { alertSentence } from "./alertText.ts";
import { attentionSuspended, subscribeAttention, unlockAttention } from "./attention.ts";
import { BannerItem } from "./BannerItem.tsx";
import { BellIcon, MutedIcon } from "./bannerIcons.tsx";
import { bannerOrder } from "./bannerList.ts";
import { NS } from "./texts.ts";
import { useAckFocus } from "./useAckFocus.ts";
import { useAlertFeed } from "./useAlertFeed.ts";
import { useAcknowledge, useServiceNames } from "./useAlerts.ts";

/** More than this many, and the rest wait in the log (a banner must not push the screen away). */
const MAX_SHOWN = 3;
const noSubscribe = () => () => {};

/**
 * Open alerts nobody has acknowledged, live, on top of every staff screen of supervisors and
 * administrators: what happened, how long ago, and a button to acknowledge it. Screen readers
 * hear only a newly opened or escalated alert, from a live region of its own.
 */
export function AlertBanner() {
  const { t } = useTranslation(NS);
  const serviceName = useServiceNames();
  const [announcement, setAnnouncement] = useState("");
  const { alerts, total } = useAlertFeed((alert, escalated) => {
    const sentence = alertSentence(t, alert, serviceName, new Date());
    setAnnouncement(t(escalated ? "banner.announceEscalated" : "banner.announceOpened", { sentence }));
  });
  const ack = useAcknowledge();
  // Often enough for the live waits not to lag behind visibly.
  const now = useNow(5_000);
  // Only while there is something to hear: the audio context is made to learn its state.
  const muted = useSyncExternalStore(
    alerts.length > 0 ? subscribeAttention : noSubscribe,
    attentionSuspended,
  );
  const shown = bannerOrder(alerts).slice(0, MAX_SHOWN);
  const focus = useAckFocus(shown.map((a) => a.id));

  // An error about an alert that has gone since (resolved, acknowledged elsewhere) says nothing now.
  const { error: ackError, variables: ackId, reset: resetAck } = ack;
  useEffect(() => {
    if (ackError && !alerts.some((a) => a.id === ackId)) resetAck();
  }, [alerts, ackError, ackId, resetAck]);

  return (
    <>
      <VisuallyHidden aria-live="assertive" aria-atomic="true" data-testid="alert-announcer">
        {announcement}
      </VisuallyHidden>
      {alerts.length > 0 && (
        <section
          ref={focus.section}
          className={css.banner}
          // A section with a name is a landmark region (not role="alert": the live region speaks).
          aria-label={t("banner.title")}
          data-testid="alert-banner"
        >
          <div className={css.head}>
            <h2 ref={focus.heading} tabIndex={-1} className={css.title}>
              <BellIcon />
              {t("banner.title")}
              <Badge color="red" size="sm" circle data-testid="alert-banner-count">
                {total}
              </Badge>
            </h2>
            <div className={css.tools}>
              {muted && (
                <Button
                  size="compact-xs"
                  radius="xl"
                  variant="default"
                  leftSection={<MutedIcon />}
                  onClick={unlockAttention}
                  data-testid="alert-banner-sound"
                >
                  {t("banner.soundOff")}
                </Button>
              )}
              <Anchor component={Link} to="/admin/alerts" size="sm" fw={500} data-testid="alert-banner-log">
                {t("banner.log")} →
              </Anchor>
            </div>
          </div>
          {shown.map((a, index) => (
            <BannerItem
              key={a.id}
              alert={a}
              serviceName={serviceName}
              now={now}
              acknowledging={ack.isPending && ack.variables === a.id}
              onAck={(fromKeyboard) => {
                focus.started(a.id, index, fromKeyboard);
                ack.mutate(a.id, { onError: focus.failed });
              }}
            />
          ))}
          {total > shown.length && (
            <Anchor
              component={Link}
              to="/admin/alerts?status=open&unacked=1"
              size="sm"
              data-testid="alert-banner-more"
            >
              {t("banner.more", { count: total - shown.length })}
            </Anchor>
          )}
          {ack.error && (
            <Text c="red" size="xs">
              {errorMessage(t, ack.error)}
            </Text>
          )}
        </section>
      )}
    </>
  );
}
