import type { Language, VisitorEvent, WaitEstimate } from "@dq/shared";
import { localTime } from "../../queue/calendar.ts";

/**
 * The words of visitor messages, in Russian and English (docs/remote-join.md, "Messages"). Every
 * message ends with the tracking link (when the server knows its public address) and the one-tap
 * unsubscribe link.
 */

export interface MessageFacts {
  language: Language;
  office: string;
  /** The ticket's label ("A-012"); null for an appointment not yet checked in. */
  label: string | null;
  /** The service's name in the message's language (after a redirect: the new one). */
  service: string;
  /** People ahead and the estimate, while waiting. */
  position: number | null;
  wait: WaitEstimate | null;
  /** Where to go when called. */
  window: { name: string; number: string } | null;
  /** An appointment's start, told in the office's time. */
  appointmentStart: Date | null;
  timezone: string;
  /** "joined" at a moment "approaching" would already be due: it says so instead. */
  alreadyClose: boolean;
  /** A Telegram chat: "joined" (the bot's answer to /start) names the bot's commands. */
  botCommands?: boolean;
  /** The page to follow the ticket or the appointment on, and to rate the visit. */
  pageUrl: string | null;
  unsubscribeUrl: string | null;
}

export interface MessageText {
  title: string;
  body: string;
}

type Words = Record<VisitorEvent, (f: MessageFacts) => string> & {
  ahead: (n: number) => string;
  wait: (w: WaitEstimate) => string;
  window: (w: { name: string; number: string }) => string;
  follow: string;
  rate: string;
  stop: string;
  commands: string;
  subscribedAppointment: string;
};

const hhmm = (at: Date, timezone: string) => {
  const m = localTime(at, timezone).minutes;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
};
const day = (at: Date, timezone: string) => localTime(at, timezone).day.split("-").reverse().join(".");

function ruPeople(n: number) {
  const last = n % 10;
  const teen = n % 100 >= 11 && n % 100 <= 14;
  return !teen && last >= 2 && last <= 4 ? "человека" : "человек";
}

/** A window's name worth adding to its number: not just "Окно 1" / "Window 1" / "1" again. */
function namesMore(w: { name: string; number: string }): boolean {
  const plain = w.name.trim().toLowerCase().replace(/\s+/g, " ");
  const n = w.number.toLowerCase();
  return plain !== "" && ![n, `окно ${n}`, `окно №${n}`, `окно № ${n}`, `window ${n}`].includes(plain);
}

const RU: Words = {
  ahead: (n) => (n === 0 ? "Вы следующий." : `Перед вами ${n} ${ruPeople(n)}.`),
  wait: (w) =>
    w.maxMinutes <= 1 ? "Ожидание — до минуты." : `Ожидание — ${w.minMinutes}–${w.maxMinutes} мин.`,
  window: (w) => `окно ${w.number}${namesMore(w) ? ` («${w.name}»)` : ""}`,
  follow: "Следить за очередью",
  rate: "Оцените обслуживание",
  stop: "Отписаться",
  commands: "/status — где вы в очереди, /stop — отписаться.",
  subscribedAppointment: "Мы напомним о записи за сутки и за час.",
  joined: (f) =>
    f.label
      ? `Талон ${f.label}, «${f.service}»: уведомления включены. ${aheadAndWait(RU, f)}${f.alreadyClose ? " Ваша очередь скоро — будьте рядом." : ""}`
      : `Запись на «${f.service}» ${day(f.appointmentStart!, f.timezone)} в ${hhmm(f.appointmentStart!, f.timezone)}: уведомления включены. ${RU.subscribedAppointment}`,
  approaching: (f) => `Талон ${f.label}: ваша очередь скоро. ${aheadAndWait(RU, f)} Подходите к офису.`,
  called: (f) => `Талон ${f.label}: вас приглашают${f.window ? ` в ${RU.window(f.window)}` : ""}.`,
  recalled: (f) => `Талон ${f.label}: вас приглашают повторно${f.window ? ` в ${RU.window(f.window)}` : ""}.`,
  redirected: (f) => `Талон ${f.label}: вас направили в «${f.service}». ${aheadAndWait(RU, f)}`,
  finished: (f) => `Талон ${f.label}: обслуживание завершено. Спасибо!`,
  reminder_day: (f) =>
    `Напоминаем: завтра, ${day(f.appointmentStart!, f.timezone)}, в ${hhmm(f.appointmentStart!, f.timezone)} — запись на «${f.service}».`,
  reminder_hour: (f) =>
    `Напоминаем: сегодня в ${hhmm(f.appointmentStart!, f.timezone)} — запись на «${f.service}». Отметьтесь в офисе по приходе.`,
};

const EN: Words = {
  ahead: (n) => (n === 0 ? "You are next." : `${n} ${n === 1 ? "person" : "people"} ahead of you.`),
  wait: (w) => (w.maxMinutes <= 1 ? "Wait: up to a minute." : `Wait: ${w.minMinutes}–${w.maxMinutes} min.`),
  window: (w) => `window ${w.number}${namesMore(w) ? ` (${w.name})` : ""}`,
  follow: "Follow the queue",
  rate: "Rate the service",
  stop: "Unsubscribe",
  commands: "/status — your place in the queue, /stop — unsubscribe.",
  subscribedAppointment: "We will remind you a day and an hour before.",
  joined: (f) =>
    f.label
      ? `Ticket ${f.label}, “${f.service}”: notifications are on. ${aheadAndWait(EN, f)}${f.alreadyClose ? " Your turn is near: stay close." : ""}`
      : `Appointment for “${f.service}” on ${day(f.appointmentStart!, f.timezone)} at ${hhmm(f.appointmentStart!, f.timezone)}: notifications are on. ${EN.subscribedAppointment}`,
  approaching: (f) =>
    `Ticket ${f.label}: your turn is near. ${aheadAndWait(EN, f)} Please come to the office.`,
  called: (f) => `Ticket ${f.label}: please come to ${f.window ? EN.window(f.window) : "the window"}.`,
  recalled: (f) =>
    `Ticket ${f.label}: you are called again to ${f.window ? EN.window(f.window) : "the window"}.`,
  redirected: (f) => `Ticket ${f.label}: you have been sent to “${f.service}”. ${aheadAndWait(EN, f)}`,
  finished: (f) => `Ticket ${f.label}: your visit is over. Thank you!`,
  reminder_day: (f) =>
    `Reminder: tomorrow, ${day(f.appointmentStart!, f.timezone)}, at ${hhmm(f.appointmentStart!, f.timezone)} — your appointment for “${f.service}”.`,
  reminder_hour: (f) =>
    `Reminder: today at ${hhmm(f.appointmentStart!, f.timezone)} — your appointment for “${f.service}”. Check in when you arrive.`,
};

const WORDS: Record<Language, Words> = { ru: RU, en: EN };

function aheadAndWait(w: Words, f: MessageFacts): string {
  const parts = [];
  if (f.position !== null) parts.push(w.ahead(f.position));
  if (f.wait) parts.push(w.wait(f.wait));
  return parts.join(" ");
}

/** The message for one event: a short title (e-mail subject, push title) and the text with links. */
export function messageText(event: VisitorEvent, f: MessageFacts): MessageText {
  const w = WORDS[f.language] ?? RU;
  const lines = [w[event](f).trim()];
  if (event === "joined" && f.botCommands) lines.push(w.commands);
  if (f.pageUrl) lines.push(`${event === "finished" ? w.rate : w.follow}: ${f.pageUrl}`);
  if (f.unsubscribeUrl) lines.push(`${w.stop}: ${f.unsubscribeUrl}`);
  const title = f.label ? `${f.office} · ${f.label}` : f.office;
  return { title, body: lines.join("\n") };
}
