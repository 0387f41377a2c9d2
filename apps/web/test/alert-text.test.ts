import type { Alert } from "@dq/shared";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import {
  alertSentence,
  channelText,
  formatMeasure,
  formatSeconds,
  formatThreshold,
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

  it("names a channel with its address", () => {
    expect(channelText(tr(), { type: "in_app" })).toBe("В приложении");
    expect(channelText(te(), { type: "telegram", chatId: "@office" })).toBe("Telegram: @office");
    expect(channelText(te(), { type: "webhook", url: "https://x.example/h", hasSecret: true })).toBe(
      "Webhook: https://x.example/h",
    );
  });
});
