import { addTranslations } from "../../../../app/i18n.ts";
import { NS } from "../texts.ts";

/**
 * Booking strings of the administration: a service's «Запись на приём» section and the office's
 * opening hours and blackout days (settings), merged into the directories' strings.
 */
const ru = {
  booking: {
    section: "Запись на приём",
    enabled: "Можно записаться заранее",
    enabledHint:
      "Посетители выбирают время на странице записи, а в офисе отмечаются на киоске по коду. Слоты лежат внутри часов работы услуги и часов работы офиса (в настройках офиса); в дни без приёма записи нет.",
    noHours:
      "Ни у услуги, ни у офиса не заданы часы работы: свободных слотов не будет. Задайте часы услуги выше или часы работы офиса в настройках.",
    slotMinutes: "Длина слота, мин",
    slotMinutesHint: "Слоты идут подряд от начала каждого интервала работы.",
    capacityPerSlot: "Посетителей на слот",
    capacityPerSlotHint: "Больше одного — если услугу ведут несколько окон.",
    horizonDays: "На сколько дней вперёд",
    horizonDaysHint: "Включая сегодня.",
    earlyCheckInMinutes: "Отметиться заранее, мин",
    earlyCheckInMinutesHint: "За сколько минут до времени записи киоск примет код.",
    lateGraceMinutes: "Опоздание без последствий, мин",
    lateGraceMinutesHint: "До этого времени после начала запись ещё считается вовремя.",
    lateAction: "Если опоздал сильнее",
    lateActionWalkIn: "Талон в общую очередь",
    lateActionRefuse: "Не принимать",
    maxActivePerPhone: "Записей на один телефон",
    maxActivePerPhoneHint: "Сколько ещё не наступивших записей может быть у одного номера.",
    badge: "Запись",
    badgeHint: "Запись на приём: слоты по {{count}} мин",
    office: "Запись на приём",
    officeHours: "Часы работы офиса",
    officeHoursHint:
      "Записаться можно только в эти часы и в часы самой услуги. Выключено — время записи ограничивают только часы услуг.",
    blackoutDays: "Дни без записи",
    blackoutDaysHint: "Праздники и другие дни, когда офис не принимает по записи.",
    addDay: "Добавить день",
    removeDay: "Убрать {{day}}",
    noBlackoutDays: "Таких дней нет",
    targetWait: "Норма ожидания для записавшихся, мин",
    targetWaitHint:
      "Пунктуальность в отчётах: какая доля записавшихся вызвана в пределах этой нормы от времени записи.",
  },
};

const en: typeof ru = {
  booking: {
    section: "Appointments",
    enabled: "Can be booked in advance",
    enabledHint:
      "Visitors choose a time on the booking page and check in at the kiosk with their code. Slots lie within the service's hours and the office's opening hours (in the office settings); blackout days have none.",
    noHours:
      "Neither the service nor the office has opening hours: there will be no free slots. Set the service's hours above or the office's opening hours in the settings.",
    slotMinutes: "Slot length, min",
    slotMinutesHint: "Slots follow each other from the start of every open interval.",
    capacityPerSlot: "Visitors per slot",
    capacityPerSlotHint: "More than one when several windows serve the service.",
    horizonDays: "Days ahead",
    horizonDaysHint: "Today included.",
    earlyCheckInMinutes: "Early check-in, min",
    earlyCheckInMinutesHint: "How long before the appointment the kiosk takes the code.",
    lateGraceMinutes: "Grace for lateness, min",
    lateGraceMinutesHint: "Until this long after the start the visitor still counts as on time.",
    lateAction: "Later than that",
    lateActionWalkIn: "A ticket in the general queue",
    lateActionRefuse: "Refuse",
    maxActivePerPhone: "Appointments per phone",
    maxActivePerPhoneHint: "How many upcoming appointments one phone number may hold.",
    badge: "Booking",
    badgeHint: "Appointments: {{count}}-minute slots",
    office: "Appointments",
    officeHours: "Office opening hours",
    officeHoursHint:
      "Appointments can be booked only within these hours and the service's own. Off: only the services' hours limit them.",
    blackoutDays: "Days without appointments",
    blackoutDaysHint: "Holidays and other days the office takes no appointments.",
    addDay: "Add a day",
    removeDay: "Remove {{day}}",
    noBlackoutDays: "No such days",
    targetWait: "Target wait for booked visitors, min",
    targetWaitHint:
      "Punctuality in the reports: the share of booked visitors called within this long of their time.",
  },
};

addTranslations(NS, { ru, en });
