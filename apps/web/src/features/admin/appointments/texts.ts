import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../app/api.ts";
import { errorMessage } from "../../../app/errors.ts";
import i18n, { addTranslations } from "../../../app/i18n.ts";
import { officeClock } from "./office-time.ts";
// The shared administration strings (common.*, ticketStatus.*) that this screen uses too.
import "../texts.ts";

/** Strings of the appointments page (docs/appointments.md). */
const ru = {
  title: "Записи на приём",
  day: "День",
  service: "Услуга",
  allServices: "Все услуги",
  book: "Записать посетителя",
  time: "Время",
  name: "Имя",
  phone: "Телефон",
  status: "Запись",
  ticket: "Талон",
  origin: { online: "онлайн", staff: "сотрудник" },
  statuses: { booked: "Записан", checked_in: "Пришёл", cancelled: "Отменена", no_show: "Не пришёл" },
  late: "опоздал",
  none: "На этот день записей нет",
  originHint: { online: "записался сам, на странице записи", staff: "записал сотрудник" },
  total: "Записей: {{count}} · пришли: {{checkedIn}}",
  // Cancelled ones stay listed, so the line says how many of the rows they are.
  totalCancelled_one: "(и {{count}} отменена)",
  totalCancelled_few: "(и {{count}} отменены)",
  totalCancelled_many: "(и {{count}} отменено)",
  totalCancelled_other: "(и {{count}} отменено)",
  cancel: "Отменить запись",
  cancelTitle: "Отменить запись?",
  keep: "Не отменять",
  cancelConfirm: "Отменить запись {{name}} на {{time}}? Место освободится для других.",
  cancelled: "Запись {{name}} на {{time}} отменена.",
  booked: "Записан(а) {{name}}: {{day}} в {{time}}. Код записи: {{code}} — назовите его посетителю.",
  checkIn: "Отметить приход",
  checkedIn: "{{name}} отмечен(а): талон {{label}}.",
  checkedInLate: "{{name}} опоздал(а): талон {{label}} в общей очереди.",
  dialog: {
    title: "Записать посетителя",
    service: "Услуга",
    noServices: "Нет услуг с записью. Включите её в форме услуги («Запись на приём»).",
    day: "День",
    slot: "Время",
    noSlots: "На этот день свободного времени нет",
    slotsLoading: "Загрузка свободного времени…",
    free: "мест: {{count}}",
    full: "занято",
    name: "Имя посетителя",
    phone: "Телефон",
    phoneHint: "Необязательно. По нему ограничено число записей на один номер.",
    language: "Язык сообщений",
    submit: "Записать",
    cancel: "Отмена",
    required: "Заполните поле",
  },
  errors: {
    slot_full: "Это время уже занято. Выберите другое.",
    too_many_appointments: "У этого номера телефона уже есть предельное число записей.",
    not_a_slot: "Это время больше недоступно для записи. Выберите другое.",
    appointment_cancelled: "Запись уже отменена.",
    too_early: "Слишком рано: отметить приход можно с {{time}}.",
    too_late: "Время записи прошло: отметить приход можно было до {{time}}.",
    appointment_used: "По этой записи визит уже завершён.",
  },
};

const en: typeof ru = {
  title: "Appointments",
  day: "Day",
  service: "Service",
  allServices: "All services",
  book: "Book a visitor",
  time: "Time",
  name: "Name",
  phone: "Phone",
  status: "Appointment",
  ticket: "Ticket",
  origin: { online: "online", staff: "staff" },
  statuses: { booked: "Booked", checked_in: "Checked in", cancelled: "Cancelled", no_show: "No-show" },
  late: "late",
  none: "No appointments on this day",
  originHint: { online: "booked by the visitor on the booking page", staff: "booked by a staff member" },
  total: "Appointments: {{count}} · checked in: {{checkedIn}}",
  totalCancelled_one: "(and {{count}} cancelled)",
  totalCancelled_few: "(and {{count}} cancelled)",
  totalCancelled_many: "(and {{count}} cancelled)",
  totalCancelled_other: "(and {{count}} cancelled)",
  cancel: "Cancel the appointment",
  cancelTitle: "Cancel the appointment?",
  keep: "Keep it",
  cancelConfirm: "Cancel {{name}}'s appointment at {{time}}? The place becomes free for others.",
  cancelled: "{{name}}'s appointment at {{time}} is cancelled.",
  booked: "{{name}} is booked: {{day}} at {{time}}. Booking code: {{code}}; tell it to the visitor.",
  checkIn: "Check in",
  checkedIn: "{{name}} is checked in: ticket {{label}}.",
  checkedInLate: "{{name}} came late: ticket {{label}} in the common queue.",
  dialog: {
    title: "Book a visitor",
    service: "Service",
    noServices: "No service can be booked. Switch booking on in a service's form («Appointments»).",
    day: "Day",
    slot: "Time",
    noSlots: "No free time on this day",
    slotsLoading: "Loading free times…",
    free: "places: {{count}}",
    full: "full",
    name: "Visitor's name",
    phone: "Phone",
    phoneHint: "Optional. The number of appointments per phone number is limited.",
    language: "Language of messages",
    submit: "Book",
    cancel: "Cancel",
    required: "Fill in this field",
  },
  errors: {
    slot_full: "This time is taken already. Choose another.",
    too_many_appointments: "This phone number already holds as many appointments as allowed.",
    not_a_slot: "This time cannot be booked any more. Choose another.",
    appointment_cancelled: "The appointment is cancelled already.",
    too_early: "Too early: check-in opens at {{time}}.",
    too_late: "The appointment's time has passed: check-in closed at {{time}}.",
    appointment_used: "This appointment's visit is over.",
  },
};

addTranslations("appointments", { ru, en });
export const NS = "appointments";

/** `t` of the appointments page: its own strings first, then the shared administration ones. */
export const useAppointmentsTranslation = () => useTranslation([NS, "admin"], { nsMode: "fallback" });

/** A failure in this page's words where it has its own (a slot taken meanwhile), else the common ones. */
/** A failure in this page's words where it has them (with the time a check-in refusal names). */
export const failureText = (t: TFunction, failure: unknown, timeZone?: string) => {
  if (!(failure instanceof ApiError) || !i18n.exists(`errors.${failure.code}`, { ns: NS })) {
    return errorMessage(t, failure);
  }
  const at = (failure.details as { at?: unknown } | undefined)?.at;
  const time = typeof at === "string" ? officeClock(at, i18n.language, timeZone) : "";
  return i18n.t(`errors.${failure.code}`, { ns: NS, time });
};
