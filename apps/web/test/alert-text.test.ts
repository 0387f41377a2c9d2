import type { Alert } from "@dq/shared";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import {
  alertSentence,
  channelText,
  formatMeasure,
  formatSeconds,
  formatThreshold,
  liveValue,
} from "../src/features/admin/alerts/alertText.ts";
import { en, ru } from "../src/features/admin/alerts/strings.ts";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { ru: { alerts: ru }, en: { alerts: en } },
    lng: "ru",
    ns: ["alerts"],
    defaultNS: "alerts",
    interpolation: { escapeValue: false },
  });
});
const tr = () => i18n.getFixedT("ru", "alerts");
const te = () => i18n.getFixedT("en", "alerts");

const alert = (over: Partial<Alert>): Alert => ({
  id: "1",
  ruleId: "1",
  ruleName: "",
  kind: "wait_time",
  status: "open",
  inApp: true,
  serviceId: "7",
  serviceName: "Купить билет",
  employeeId: null,
  employeeName: null,
  threshold: 10,
  value: 725,
  peakValue: 725,
  details: {},
  openedAt: "2026-01-01T10:00:00Z",
  resolvedAt: null,
  escalatedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  message: "ignored: the UI makes its own",
  ...over,
});

describe("alerts in words", () => {
  it("says durations in seconds, minutes and hours", () => {
    expect(formatSeconds(tr(), 45.9)).toBe("45 с");
    expect(formatSeconds(tr(), 600)).toBe("10 мин");
    expect(formatSeconds(tr(), 3600)).toBe("1 ч");
    expect(formatSeconds(tr(), 3900)).toBe("1 ч 5 мин");
    expect(formatSeconds(te(), 3900)).toBe("1 h 5 min");
  });

  it("keeps the seconds of a duration set to them: 90 s, 1.5 min", () => {
    // A measure is told to the minute; a threshold or a delay exactly.
    expect(formatSeconds(tr(), 90)).toBe("1 мин");
    expect(formatSeconds(tr(), 90, true)).toBe("1 мин 30 с");
    expect(formatSeconds(te(), 90, true)).toBe("1 min 30 s");
    expect(formatSeconds(tr(), 3630, true)).toBe("1 ч 30 с");
    expect(formatSeconds(tr(), 3690, true)).toBe("1 ч 1 мин 30 с");
    expect(formatSeconds(tr(), 600, true)).toBe("10 мин");
    expect(formatThreshold(tr(), "wait_time", 1.5)).toBe("1 мин 30 с");
    expect(formatThreshold(te(), "long_pause", 1.5)).toBe("1 min 30 s");
    expect(formatThreshold(tr(), "no_operator", 2.25)).toBe("2 мин 15 с");
    // Floating point: 0.35 min is 20.999… s, still 21 s.
    expect(formatThreshold(tr(), "wait_time", 0.35)).toBe("21 с");
    expect(formatThreshold(tr(), "wait_time", 0.02)).toBe("1 с");
    expect(formatThreshold(tr(), "wait_time", 90)).toBe("1 ч 30 мин");
  });

  it("gives a threshold the unit of its kind: minutes (fractions too), clients, or at once", () => {
    expect(formatThreshold(tr(), "wait_time", 0.5)).toBe("30 с");
    expect(formatThreshold(tr(), "long_pause", 20)).toBe("20 мин");
    expect(formatThreshold(tr(), "queue_length", 3)).toBe("3 клиента");
    expect(formatThreshold(tr(), "queue_length", 5)).toBe("5 клиентов");
    expect(formatThreshold(tr(), "no_operator", 0)).toBe("сразу");
    expect(formatThreshold(te(), "queue_length", 1)).toBe("1 client");
    expect(formatMeasure(tr(), "queue_length", 21)).toBe("21 клиент");
    expect(formatMeasure(tr(), "wait_time", 125)).toBe("2 мин");
  });

  it("builds the sentence from the facts, in the UI's language, not from the server's message", () => {
    const wait = alert({ details: { ticketLabel: "А015", waiting: 4 } });
    expect(alertSentence(tr(), wait)).toBe("«Купить билет»: талон А015 ждёт 12 мин — дольше 10 мин");
    expect(alertSentence(te(), wait, () => "Buy a ticket")).toBe(
      "“Buy a ticket”: ticket А015 has waited 12 min, over 10 min",
    );
    expect(alertSentence(tr(), alert({ kind: "queue_length", value: 12, threshold: 10 }))).toBe(
      "«Купить билет»: в очереди 12 клиентов — больше 10",
    );
    expect(
      alertSentence(tr(), alert({ kind: "no_operator", value: 90, threshold: 0, details: { waiting: 2 } })),
    ).toBe("«Купить билет»: ждут 2 клиента, а обслужить некому (уже 1 мин)");
    expect(
      alertSentence(
        tr(),
        alert({
          kind: "long_pause",
          serviceId: null,
          serviceName: null,
          employeeName: "Иванова Анна",
          value: 1500,
          threshold: 20,
          details: { pauseReason: "Обед" },
        }),
      ),
    ).toBe("Иванова Анна на перерыве «Обед» 25 мин — дольше 20 мин");
  });

  it("speaks of an open alert's wait as it is now, not as it was when it opened", () => {
    const now = new Date("2026-01-01T10:20:00Z");
    const wait = alert({ value: 1, details: { ticketLabel: "А015" } });
    expect(liveValue(wait, now)).toBe(1201);
    expect(alertSentence(tr(), wait, undefined, now)).toBe(
      "«Купить билет»: талон А015 ждёт 20 мин — дольше 10 мин",
    );
    // Without `now` (the log), and once resolved, the value as it was.
    expect(alertSentence(tr(), wait)).toBe("«Купить билет»: талон А015 ждёт 1 с — дольше 10 мин");
    expect(liveValue({ ...wait, status: "resolved" }, now)).toBe(1);
    const pause = alert({ kind: "long_pause", employeeName: "Иванова Анна", value: 1500, threshold: 20 });
    expect(alertSentence(te(), pause, undefined, now)).toBe(
      "Иванова Анна has been on a pause for 45 min, over 20 min",
    );
    // A clock behind the server's never makes the wait shorter than it was.
    expect(liveValue(wait, new Date("2026-01-01T09:59:00Z"))).toBe(1);
    // A queue's length is not known now: it is said to be the one at the opening.
    const queue = alert({ kind: "queue_length", value: 12, threshold: 10 });
    expect(liveValue(queue, now)).toBe(12);
    expect(alertSentence(tr(), queue, undefined, now)).toBe(
      "«Купить билет»: при открытии в очереди было 12 клиентов — больше 10",
    );
    expect(alertSentence(te(), alert({ kind: "queue_length", value: 1, threshold: 0 }), undefined, now)).toBe(
      "“Купить билет”: 1 client in the queue when it opened, more than 0",
    );
  });

  it("says who is waiting for nobody, in English too", () => {
    const one = alert({ kind: "no_operator", value: 90, threshold: 0, details: { waiting: 1 } });
    expect(alertSentence(te(), one)).toBe(
      "“Купить билет”: 1 client waits and nobody can serve them (for 1 min)",
    );
  });

  it("names a channel with its address", () => {
    expect(channelText(tr(), { type: "in_app" })).toBe("В приложении");
    expect(channelText(te(), { type: "telegram", chatId: "@office" })).toBe("Telegram: @office");
    expect(channelText(te(), { type: "webhook", url: "https://x.example/h", hasSecret: true })).toBe(
      "Webhook: https://x.example/h",
    );
  });
});
