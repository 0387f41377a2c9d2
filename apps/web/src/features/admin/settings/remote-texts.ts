import { addTranslations } from "../../../app/i18n.ts";
import { NS } from "../directories/texts.ts";

/**
 * Strings of remote join (docs/remote-join.md) in the administration: the office's «Удалённая
 * очередь» and «Уведомления посетителям» settings and a service's switch, merged into the
 * directories' strings.
 */
const ru = {
  remote: {
    section: "Удалённая очередь (встать в очередь из дома)",
    enabled: "Можно встать в очередь с телефона",
    enabledHint:
      "Страница /join: посетитель берёт талон где угодно и следит за очередью на телефоне. Любую услугу можно исключить в её настройках. Плакат с QR-кодом — на странице «Плакат для входа».",
    perPhoneDaily: "Талонов на один телефон в день",
    perPhoneDailyHint: "Номер учитывается как отпечаток.",
    perBrowserDaily: "Талонов на один браузер в день",
    perBrowserDailyHint: "Считается и с номером, и без.",
    maxSharePercent: "Доля удалённых в очереди, %",
    maxSharePercentHint: "Двоих удалённых пускают всегда.",
    refuseAfterClosing: "Не выдавать, если очередь не успеет дойти до закрытия",
    refuseAfterClosingHint: "По прогнозу: вызов позже закрытия услуги или офиса сегодня.",
    arrivalCheckIn: "Вызывать только после отметки «Я на месте»",
    arrivalCheckInHint:
      "Талон держит место в очереди, но «Пригласить следующего» пропускает его, пока посетитель не отметится в офисе: по местоположению телефона или по QR-коду у входа.",
    geofenceOn: "Принимать отметку по местоположению телефона",
    geofenceOnHint: "Выключено — только по QR-коду у входа (он на странице «Плакат для входа»).",
    latitude: "Широта",
    longitude: "Долгота",
    radiusMeters: "Радиус, м",
    radiusMetersHint: "20–5000 м; в помещении GPS неточен.",
    locate: "Взять моё местоположение",
    locating: "Определяем…",
    located: "Точность ±{{meters}} м — проверьте точку на карте.",
    locateFailed: "Браузер не сообщил местоположение: {{reason}}",
    locateUnsupported: "Этот браузер не умеет определять местоположение (или страница открыта не по https).",
    showOnMap: "Показать на карте",
    postpone: "Отойти и вернуться",
    postponeMaxTimes: "Сколько раз можно отодвинуть талон",
    postponeMaxTimesHint: "0 — нельзя. Отойти может любой посетитель.",
    postponeMaxPlaces: "Не больше мест за раз",
    postponeMaxPlacesHint: "На сколько мест назад за одно нажатие.",
    notifications: "Уведомления посетителям",
    notificationsHint:
      "Telegram, Web Push, SMS и почта — те каналы, что настроены на сервере. Посетитель подписывается на странице талона.",
    approachingAhead: "«Скоро ваша очередь», когда впереди",
    approachingAheadHint: "Столько человек или меньше.",
    approachingMinutes: "…или когда до вызова, мин",
    approachingMinutesHint: "По прогнозу; что наступит раньше.",
    retentionDays: "Хранить телефоны и адреса, дней",
    retentionDaysHint: "Потом номер, адреса подписок и отпечаток телефона стираются.",
    serviceSwitch: "Можно встать в очередь удалённо",
    serviceSwitchHint: "Если удалённая очередь включена в настройках офиса: услуга есть на странице /join.",
    notRemote: "Только в офисе",
    notRemoteHint: "В эту услугу нельзя встать удалённо (страница /join её не предлагает)",
  },
};

const en: typeof ru = {
  remote: {
    section: "Remote queue (join from home)",
    enabled: "Visitors may join the queue from their phone",
    enabledHint:
      "The /join page: a visitor takes a ticket from anywhere and follows the queue on the phone. Any service may opt out in its own settings. The QR poster is on the “Door poster” page.",
    perPhoneDaily: "Tickets per phone a day",
    perPhoneDailyHint: "The number is counted as a hash.",
    perBrowserDaily: "Tickets per browser a day",
    perBrowserDailyHint: "Counts with or without a number.",
    maxSharePercent: "Remote share of the queue, %",
    maxSharePercentHint: "Two remote tickets always get in.",
    refuseAfterClosing: "Refuse when the queue won't get there before closing",
    refuseAfterClosingHint: "By the estimate: a call after the service or the office closes today.",
    arrivalCheckIn: "Call only after “I'm here”",
    arrivalCheckInHint:
      "The ticket keeps its place, but “Call next” passes over it until the visitor checks in at the office: by the phone's location or the QR code at the door.",
    geofenceOn: "Accept check-in by the phone's location",
    geofenceOnHint: "Off: only with the QR code at the door (on the “Door poster” page).",
    latitude: "Latitude",
    longitude: "Longitude",
    radiusMeters: "Radius, m",
    radiusMetersHint: "20–5000 m; GPS is rough indoors.",
    locate: "Use my location",
    locating: "Locating…",
    located: "Accuracy ±{{meters}} m — check the point on the map.",
    locateFailed: "The browser gave no location: {{reason}}",
    locateUnsupported: "This browser cannot tell its location (or the page is not on https).",
    showOnMap: "Show on the map",
    postpone: "Step away and come back",
    postponeMaxTimes: "Times a ticket may move back",
    postponeMaxTimesHint: "0: never. Any visitor may step away.",
    postponeMaxPlaces: "At most places at a time",
    postponeMaxPlacesHint: "How far back one tap moves the ticket.",
    notifications: "Visitor notifications",
    notificationsHint:
      "Telegram, Web Push, SMS and e-mail, those set up on the server. Visitors subscribe on their ticket's page.",
    approachingAhead: "“Your turn is near” when ahead are",
    approachingAheadHint: "This many people or fewer.",
    approachingMinutes: "…or when the call is this close, min",
    approachingMinutesHint: "By the estimate; whichever comes first.",
    retentionDays: "Keep phones and addresses, days",
    retentionDaysHint: "Then the number, the subscriptions' addresses and the phone's hash are erased.",
    serviceSwitch: "Can be joined remotely",
    serviceSwitchHint: "When the office's remote queue is on: the service is offered on the /join page.",
    notRemote: "In the office only",
    notRemoteHint: "This service cannot be joined remotely (the /join page does not offer it)",
  },
};

addTranslations(NS, { ru, en });
