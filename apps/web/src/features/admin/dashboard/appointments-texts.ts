import { addTranslations } from "../../../app/i18n.ts";

const ru = {
  title: "Записи на сегодня",
  all: "Все записи",
  booked: "Записано",
  checkedIn: "Пришли",
  noShows: "Не пришли",
  cancelled: "Отменено",
  next: "Ближайшие",
  time: "Время",
  code: "Код",
  name: "Посетитель",
  service: "Услуга",
  noneLeft: "Больше никого не ждём: все записанные пришли или время их записи прошло",
};

const en: typeof ru = {
  title: "Today's appointments",
  all: "All appointments",
  booked: "Booked",
  checkedIn: "Checked in",
  noShows: "No-shows",
  cancelled: "Cancelled",
  next: "Next",
  time: "Time",
  code: "Code",
  name: "Visitor",
  service: "Service",
  noneLeft: "Nobody else is expected: everyone booked has checked in or their time has passed",
};

addTranslations("dashboardAppointments", { ru, en });
export const NS = "dashboardAppointments";
