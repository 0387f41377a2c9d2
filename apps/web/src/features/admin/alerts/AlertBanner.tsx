import { Anchor, Badge, Button, Text, VisuallyHidden } from "@mantine/core";
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { errorMessage } from "../../../app/errors.ts";
import { useNow } from "../../../app/use-now.ts";
import css from "./alerts.module.css";
import { alertSentence, timeAgo } from "./alertText.ts";
import { attentionSuspended, subscribeAttention, unlockAttention } from "./attention.ts";
import { bannerOrder } from "./bannerList.ts";
import { NS } from "./texts.ts";
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
  const { t, i18n } = useTranslation(NS);
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

  // Acknowledged from the keyboard: focus goes on to the next button, or to the banner's heading,
  // or (the banner gone with the last one) to the page's, rather than being lost.
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusAfter = useRef<{ id: string; index: number } | null>(null);
  useEffect(() => {
    const after = focusAfter.current;
    if (!after || shown.some((a) => a.id === after.id)) return;
    focusAfter.current = null;
    const buttons = section.current?.querySelectorAll<HTMLElement>("[data-testid=alert-banner-ack]") ?? [];
    (buttons[Math.min(after.index, buttons.length - 1)] ?? heading.current ?? pageHeading())?.focus();
  });

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
          ref={section}
          className={css.banner}
          // A section with a name is a landmark region (not role="alert": the live region speaks).
          aria-label={t("banner.title")}
          data-testid="alert-banner"
        >
          <div className={css.head}>
            <h2 ref={heading} tabIndex={-1} className={css.title}>
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
            <div key={a.id} className={css.item} data-testid="alert-banner-item" data-alert-id={a.id}>
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
                loading={ack.isPending && ack.variables === a.id}
                onClick={(e) => {
                  // detail 0: pressed with Enter or Space rather than clicked.
                  focusAfter.current = e.detail === 0 ? { id: a.id, index } : null;
                  ack.mutate(a.id, {
                    onError: () => {
                      focusAfter.current = null;
                    },
                  });
                }}
                data-testid="alert-banner-ack"
              >
                {t("banner.ack")}
              </Button>
            </div>
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

/** The heading of the page under the banner, made focusable (not in the tab order) to take focus. */
function pageHeading(): HTMLElement | null {
  const h = document.querySelector<HTMLElement>("main h1, main h2");
  if (h && !h.hasAttribute("tabindex")) h.tabIndex = -1;
  return h;
}

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="currentColor">
      <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z" />
    </svg>
  );
}

function MutedIcon() {
  return (
    <svg viewBox="0 0 24 24" width="12" height="12" aria-hidden="true" fill="currentColor">
      <path d="M3 9v6h4l5 5V4L7 9H3zm13.6 3 2.7-2.7-1.4-1.4-2.7 2.7-2.7-2.7-1.4 1.4 2.7 2.7-2.7 2.7 1.4 1.4 2.7-2.7 2.7 2.7 1.4-1.4z" />
    </svg>
  );
}
