import type { Alert, AlertChannel, AlertKind } from "@dq/shared";
import type { TFunction } from "i18next";

/**
 * An alert in words of the UI language, made here from its facts rather than taken from the
 * server's `message` (which is in the office's language). `t` is a `t` of the "alerts" namespace.
 */

/**
 * 45 → "45 с", 600 → "10 мин", 3900 → "1 ч 5 мин": a measure, to the minute once past one.
 * `exact` keeps the seconds (a threshold of 1.5 min is "1 мин 30 с", not "1 мин").
 */
export function formatSeconds(t: TFunction, seconds: number, exact = false): string {
  // 0.35 min is 20.999… s in floating point: a whole second all the same.
  const s = Math.max(0, Math.floor(seconds + 1e-6));
  if (s < 60) return t("units.seconds", { n: s });
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (exact && rest > 0) {
    const parts = [h > 0 && t("units.hours", { h }), m > 0 && t("units.minutes", { n: m })];
    return [...parts, t("units.seconds", { n: rest })].filter(Boolean).join(" ");
  }
  if (h === 0) return t("units.minutes", { n: m });
  return m === 0 ? t("units.hours", { h }) : t("units.hoursMinutes", { h, m });
}

/** Minutes as set in a rule (thresholds, escalation delays; fractions allowed), to the second. */
export const formatMinutes = (t: TFunction, minutes: number) => formatSeconds(t, minutes * 60, true);

/** A rule's threshold with its unit: minutes for the kinds that time something, else clients. */
export function formatThreshold(t: TFunction, kind: AlertKind, threshold: number): string {
  if (kind === "queue_length") return t("units.clients", { count: threshold });
  if (kind === "no_operator" && threshold === 0) return t("units.atOnce");
  return formatMinutes(t, threshold);
}

/** An alert's measure (`value`, `peakValue`): seconds, or clients waiting for `queue_length`. */
export function formatMeasure(t: TFunction, kind: AlertKind, value: number): string {
  return kind === "queue_length" ? t("units.clients", { count: value }) : formatSeconds(t, value);
}

type AlertFacts = Pick<
  Alert,
  | "kind"
  | "status"
  | "serviceId"
  | "serviceName"
  | "employeeName"
  | "value"
  | "threshold"
  | "details"
  | "openedAt"
>;

/**
 * An open alert's measure now: a wait or a pause has gone on since the alert opened (its `value`
 * is as it was then). A queue's length cannot be told so, and a resolved alert keeps its value.
 */
export function liveValue(a: Pick<Alert, "kind" | "status" | "value" | "openedAt">, now: Date): number {
  if (a.status !== "open" || a.kind === "queue_length") return a.value;
  return a.value + Math.max(0, (now.getTime() - Date.parse(a.openedAt)) / 1000);
}

/**
 * "«Купить билет»: талон А001 ждёт 12 мин — дольше 10 мин". `serviceName` gives a service's name
 * in the UI language when it is known (the alert carries the office's one). With `now` (the
 * banner), an open alert speaks of the present: the wait goes on from the opening, and a queue's
 * length is said to be the one at the opening.
 */
export function alertSentence(
  t: TFunction,
  a: AlertFacts,
  serviceName: (id: string) => string | undefined = () => undefined,
  now?: Date,
): string {
  const name = (a.serviceId && serviceName(a.serviceId)) || a.serviceName;
  const service = name ? t("sentence.service", { name }) : t("sentence.someService");
  const live = now !== undefined && a.status === "open";
  const value = formatMeasure(t, a.kind, live ? liveValue(a, now) : a.value);
  const threshold = formatThreshold(t, a.kind, a.threshold);
  switch (a.kind) {
    case "wait_time":
      return a.details.ticketLabel
        ? t("sentence.wait_time", { service, ticket: a.details.ticketLabel, value, threshold })
        : t("sentence.wait_timeNoTicket", { service, value, threshold });
    case "queue_length":
      return t(live ? "sentence.queue_lengthAtOpening" : "sentence.queue_length", {
        service,
        count: a.value,
        threshold: a.threshold,
      });
    case "no_operator":
      return a.details.waiting
        ? t("sentence.no_operator", { service, count: a.details.waiting, value })
        : t("sentence.no_operatorNoCount", { service, value });
    case "long_pause": {
      const employee = a.employeeName ?? t("sentence.someone");
      return a.details.pauseReason
        ? t("sentence.long_pauseReason", { employee, reason: a.details.pauseReason, value, threshold })
        : t("sentence.long_pause", { employee, value, threshold });
    }
  }
}

/** "E-mail: duty@example.com", "Telegram: @office", "Webhook: https://…", "В приложении". */
export function channelText(t: TFunction, channel: AlertChannel): string {
  const type = t(`channelTypes.${channel.type}`);
  switch (channel.type) {
    case "in_app":
      return type;
    case "email":
      return `${type}: ${channel.to}`;
    case "telegram":
      return `${type}: ${channel.chatId}`;
    case "webhook":
      return `${type}: ${channel.url}`;
  }
}

/** "только что", "5 минут назад", "2 часа назад": how long ago something happened. */
export function timeAgo(t: TFunction, lang: string, at: string, now: Date): string {
  const seconds = Math.max(0, (now.getTime() - new Date(at).getTime()) / 1000);
  if (seconds < 60) return t("banner.justNow");
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  if (seconds < 3600) return rtf.format(-Math.floor(seconds / 60), "minute");
  if (seconds < 86_400) return rtf.format(-Math.floor(seconds / 3600), "hour");
  return rtf.format(-Math.floor(seconds / 86_400), "day");
}
