import type { Language, WaitEstimate } from "@dq/shared";

/** The bot's answers to commands (not notifications: those are texts.ts), in Russian and English. */

export interface StatusLine {
  /** "A-012", or the appointment's service and time when not yet checked in. */
  label: string;
  state:
    | { kind: "waiting"; ahead: number; wait: WaitEstimate | null }
    | { kind: "called"; window: string | null }
    | { kind: "serving" }
    | { kind: "booked"; at: string }
    | { kind: "over" };
}

interface BotWords {
  help: string;
  subscribed: (label: string, ahead: number | null) => string;
  subscribedAppointment: (service: string, at: string) => string;
  alreadySubscribed: string;
  notFound: (code: string) => string;
  finished: (label: string) => string;
  status: (lines: StatusLine[]) => string;
  noSubscriptions: string;
  stopped: (count: number) => string;
  failed: string;
}

const ruAhead = (n: number) =>
  n === 0
    ? "вы следующий"
    : `перед вами ${n} ${n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? "человека" : "человек"}`;
const enAhead = (n: number) =>
  n === 0 ? "you are next" : `${n} ${n === 1 ? "person" : "people"} ahead of you`;
const ruWait = (w: WaitEstimate | null) => (w ? `, ожидание ${w.minMinutes}–${w.maxMinutes} мин` : "");
const enWait = (w: WaitEstimate | null) => (w ? `, wait ${w.minMinutes}–${w.maxMinutes} min` : "");

const RU: BotWords = {
  help: "Я сообщаю, когда подходит ваша очередь. Откройте ссылку со страницы талона или отправьте /start <код талона>. /status — где вы в очереди, /stop — отписаться.",
  subscribed: (label, ahead) =>
    `Готово: сообщения о талоне ${label} будут приходить сюда${ahead === null ? "" : `; сейчас ${ruAhead(ahead)}`}. /status — где вы в очереди, /stop — отписаться.`,
  subscribedAppointment: (service, at) =>
    `Готово: напомню о записи на «${service}» (${at}) за сутки и за час. /stop — отписаться.`,
  alreadySubscribed: "Этот чат уже подписан.",
  notFound: (code) =>
    `Не нашёл талон или запись с кодом «${code}». Код есть на странице талона и на самом талоне, например K7QM-4XPA.`,
  finished: (label) =>
    `Талон ${label} уже не в очереди — сообщать больше не о чем. Новый талон можно взять в офисе или на сайте.`,
  status: (lines) =>
    lines
      .map((l) => {
        const s = l.state;
        if (s.kind === "waiting") return `${l.label}: ${ruAhead(s.ahead)}${ruWait(s.wait)}.`;
        if (s.kind === "called") return `${l.label}: вас приглашают${s.window ? ` в окно ${s.window}` : ""}.`;
        if (s.kind === "serving") return `${l.label}: вас обслуживают.`;
        if (s.kind === "booked") return `${l.label}: запись на ${s.at}.`;
        return `${l.label}: уже не в очереди.`;
      })
      .join("\n"),
  noSubscriptions:
    "Этот чат ни на что не подписан. Откройте ссылку со страницы талона или отправьте /start <код талона>.",
  stopped: (count) =>
    count === 0
      ? "Этот чат и так ни на что не подписан."
      : "Готово: больше не буду присылать сообщения в этот чат.",
  failed: "Не получилось — попробуйте ещё раз через минуту.",
};

const EN: BotWords = {
  help: "I tell you when your turn is coming. Open the link on your ticket's page or send /start <ticket code>. /status — your place in the queue, /stop — unsubscribe.",
  subscribed: (label, ahead) =>
    `Done: messages about ticket ${label} will come here${ahead === null ? "" : `; right now ${enAhead(ahead)}`}. /status — your place in the queue, /stop — unsubscribe.`,
  subscribedAppointment: (service, at) =>
    `Done: I will remind you of your appointment for "${service}" (${at}) a day and an hour before. /stop — unsubscribe.`,
  alreadySubscribed: "This chat is already subscribed.",
  notFound: (code) =>
    `I found no ticket or appointment with the code "${code}". The code is on the ticket and its page, e.g. K7QM-4XPA.`,
  finished: (label) =>
    `Ticket ${label} is no longer in the queue, so there is nothing more to tell. Take a new ticket at the office or online.`,
  status: (lines) =>
    lines
      .map((l) => {
        const s = l.state;
        if (s.kind === "waiting") return `${l.label}: ${enAhead(s.ahead)}${enWait(s.wait)}.`;
        if (s.kind === "called")
          return `${l.label}: you are called${s.window ? ` to window ${s.window}` : ""}.`;
        if (s.kind === "serving") return `${l.label}: you are being served.`;
        if (s.kind === "booked") return `${l.label}: appointment at ${s.at}.`;
        return `${l.label}: no longer in the queue.`;
      })
      .join("\n"),
  noSubscriptions:
    "This chat is not subscribed to anything. Open the link on your ticket's page or send /start <ticket code>.",
  stopped: (count) =>
    count === 0
      ? "This chat was not subscribed to anything."
      : "Done: I will send no more messages to this chat.",
  failed: "That did not work; please try again in a minute.",
};

export const botWords = (language: Language): BotWords => (language === "en" ? EN : RU);

/** The user's Telegram language as ours: English for en-*, Russian otherwise (the product's default). */
export function chatLanguage(languageCode: string | undefined): Language {
  return languageCode?.toLowerCase().startsWith("en") ? "en" : "ru";
}
