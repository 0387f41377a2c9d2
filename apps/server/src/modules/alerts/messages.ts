import type { AlertDetails, AlertKind, DeliveryEvent, Language } from "@dq/shared";

/** What a message is about, as the alert had it when the message was made. */
export interface AlertFacts {
  kind: AlertKind;
  branchName: string;
  serviceName: string | null;
  employeeName: string | null;
  threshold: number;
  /** Seconds for the waits and pauses, clients for queue length. */
  value: number;
  peakValue: number;
  details: AlertDetails;
  openedAt: Date;
}

export interface AlertMessage {
  /** A short line: an e-mail subject, the first line of a chat message. */
  title: string;
  /** The whole text, office name first. */
  text: string;
}

interface Texts {
  title: Record<AlertKind, (f: AlertFacts) => string>;
  state: Record<AlertKind, (f: AlertFacts, n: Numbers) => string>;
  event: Record<Exclude<DeliveryEvent, "opened">, string>;
  resolved: (lasted: string, peak: string) => string;
  escalated: (lasted: string) => string;
  units: { h: string; min: string; s: string };
  peak: Record<AlertKind, (n: Numbers, f: AlertFacts) => string>;
  test: { title: string; text: string };
}

interface Numbers {
  /** "10 мин 5 с", "1 ч 20 мин": exact enough to tell 10 min 5 s from a 10 min threshold. */
  duration: (seconds: number) => string;
  number: (n: number) => string;
}

const ru: Texts = {
  title: {
    wait_time: (f) => `Долгое ожидание: «${f.serviceName}»`,
    queue_length: (f) => `Длинная очередь: «${f.serviceName}»`,
    no_operator: (f) => `Некому обслуживать: «${f.serviceName}»`,
    long_pause: (f) => `Долгий перерыв: ${f.employeeName}`,
  },
  state: {
    wait_time: (f, n) =>
      `Талон ${f.details.ticketLabel ?? "—"} ждёт ${n.duration(f.value)} (порог ${n.number(f.threshold)} мин), в очереди ${f.details.waiting ?? 0}.`,
    queue_length: (f, n) => `В очереди ${f.value} (порог — больше ${n.number(f.threshold)}).`,
    no_operator: (f, n) =>
      `Ждут ${f.details.waiting ?? 0}, дольше всех — ${n.duration(f.value)}; ни один оператор на рабочем месте не может их обслужить.`,
    long_pause: (f, n) =>
      `${f.employeeName}${f.details.workstation ? ` (${f.details.workstation})` : ""} на перерыве${f.details.pauseReason ? ` «${f.details.pauseReason}»` : ""} уже ${n.duration(f.value)} (порог ${n.number(f.threshold)} мин).`,
  },
  event: { reminder: "Всё ещё", escalated: "Эскалация", resolved: "Решено" },
  units: { h: "ч", min: "мин", s: "с" },
  resolved: (lasted, peak) => `Длилось ${lasted}; максимум — ${peak}.`,
  escalated: (lasted) => `Не решено уже ${lasted}.`,
  peak: {
    wait_time: (n, f) => `${n.duration(f.peakValue)} ожидания`,
    queue_length: (_n, f) => `${f.peakValue} в очереди`,
    no_operator: (n, f) => `${n.duration(f.peakValue)} ожидания`,
    long_pause: (n, f) => `${n.duration(f.peakValue)} перерыва`,
  },
  test: {
    title: "Проверка уведомлений",
    text: "Это проверочное сообщение: канал настроен верно.",
  },
};

const en: Texts = {
  title: {
    wait_time: (f) => `Long wait: "${f.serviceName}"`,
    queue_length: (f) => `Long queue: "${f.serviceName}"`,
    no_operator: (f) => `Nobody to serve: "${f.serviceName}"`,
    long_pause: (f) => `Long pause: ${f.employeeName}`,
  },
  state: {
    wait_time: (f, n) =>
      `Ticket ${f.details.ticketLabel ?? "—"} has waited ${n.duration(f.value)} (limit ${n.number(f.threshold)} min); ${f.details.waiting ?? 0} waiting.`,
    queue_length: (f, n) => `${f.value} waiting (limit: more than ${n.number(f.threshold)}).`,
    no_operator: (f, n) =>
      `${f.details.waiting ?? 0} waiting, the longest for ${n.duration(f.value)}; no operator at a workstation can serve them.`,
    long_pause: (f, n) =>
      `${f.employeeName}${f.details.workstation ? ` (${f.details.workstation})` : ""} has been on pause${f.details.pauseReason ? ` "${f.details.pauseReason}"` : ""} for ${n.duration(f.value)} (limit ${n.number(f.threshold)} min).`,
  },
  event: { reminder: "Still open", escalated: "Escalation", resolved: "Resolved" },
  units: { h: "h", min: "min", s: "s" },
  resolved: (lasted, peak) => `Lasted ${lasted}; at worst ${peak}.`,
  escalated: (lasted) => `Unresolved for ${lasted}.`,
  peak: {
    wait_time: (n, f) => `${n.duration(f.peakValue)} of waiting`,
    queue_length: (_n, f) => `${f.peakValue} waiting`,
    no_operator: (n, f) => `${n.duration(f.peakValue)} of waiting`,
    long_pause: (n, f) => `${n.duration(f.peakValue)} of pause`,
  },
  test: { title: "Alert channel test", text: "This is a test message: the channel works." },
};

const TEXTS: Record<Language, Texts> = { ru, en };

function numbers(lang: Language): Numbers {
  const format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const u = TEXTS[lang].units;
  return {
    duration(seconds) {
      const total = Math.max(0, Math.round(seconds));
      const h = Math.floor(total / 3600);
      const m = Math.floor((total % 3600) / 60);
      const s = total % 60;
      const parts = h
        ? [`${h} ${u.h}`, m && `${m} ${u.min}`]
        : m
          ? [`${m} ${u.min}`, s && `${s} ${u.s}`]
          : [`${s} ${u.s}`];
      return parts.filter(Boolean).join(" ");
    },
    number: (n) => format.format(n),
  };
}

/** The message for one event of an alert, in the office's language. */
export function alertMessage(f: AlertFacts, event: DeliveryEvent, lang: Language, now: Date): AlertMessage {
  const t = TEXTS[lang];
  const n = numbers(lang);
  const title = t.title[f.kind](f);
  const openSeconds = (now.getTime() - f.openedAt.getTime()) / 1000;
  if (event === "resolved") {
    return {
      title: `${t.event.resolved}: ${title}`,
      text: `${f.branchName}\n${t.event.resolved}: ${title}\n${t.resolved(n.duration(openSeconds), t.peak[f.kind](n, f))}`,
    };
  }
  const state = t.state[f.kind](f, n);
  if (event === "opened") return { title, text: `${f.branchName}\n${title}\n${state}` };
  const extra = event === "escalated" ? `\n${t.escalated(n.duration(openSeconds))}` : "";
  return {
    title: `${t.event[event]}: ${title}`,
    text: `${f.branchName}\n${t.event[event]}: ${title}\n${state}${extra}`,
  };
}

/** The one-line summary kept on the alert and shown in its log. */
export function alertSummary(f: AlertFacts, lang: Language): string {
  return `${TEXTS[lang].title[f.kind](f)}. ${TEXTS[lang].state[f.kind](f, numbers(lang))}`;
}

export function testMessage(branchName: string, lang: Language): AlertMessage {
  const t = TEXTS[lang].test;
  return { title: t.title, text: `${branchName}\n${t.title}\n${t.text}` };
}
