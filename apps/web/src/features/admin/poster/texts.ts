import { addTranslations } from "../../../app/i18n.ts";

/** «Плакат для входа»: the page's own strings, and the poster's texts for visitors. */
const ru = {
  title: "Плакат для входа",
  hint: "QR-код страницы удалённой очереди — для двери офиса и его сайта. Печатается без меню и кнопок.",
  print: "Напечатать",
  loading: "Загрузка…",
  disabled: "Удалённая очередь выключена в настройках офиса: по этому коду встать в очередь сейчас нельзя.",
  toSettings: "Открыть настройки",
  forService: "Код ведёт",
  allServices: "Все услуги (посетитель выбирает)",
  serviceLinks: "Ссылки на услуги",
  serviceLinksHint: "Для сайта офиса: ссылка сразу открывает нужную услугу.",
  copy: "Скопировать",
  copied: "Скопировано",
  onPoster: "На плакат",
  notRemote: "не принимает удалённо",
  noServices: "Нет услуг, в которые можно встать удалённо.",
  doorTitle: "QR-код «Я на месте»",
  doorHint:
    "Включена отметка о приходе: повесьте этот код у входа. Посетитель с удалённым талоном сканирует его, и его начинают вызывать. Код постоянный; не публикуйте его на сайте.",
  doorFailed: "Не удалось получить код двери: {{error}}",
  poster: {
    headline: "Встаньте в очередь с телефона",
    text: "Наведите камеру на код: талон придёт на телефон, а мы напишем, когда подойдёт ваша очередь.",
    doorHeadline: "Взяли талон с телефона?",
    doorText: "Отсканируйте код у входа — отметьтесь «Я на месте», и вас пригласят.",
  },
};

const en: typeof ru = {
  title: "Door poster",
  hint: "The QR code of the remote queue page, for the office's door and its website. Prints without the menu and buttons.",
  print: "Print",
  loading: "Loading…",
  disabled: "Remote queue is off in the office settings: nobody can join with this code now.",
  toSettings: "Open the settings",
  forService: "The code opens",
  allServices: "All services (the visitor chooses)",
  serviceLinks: "Links to services",
  serviceLinksHint: "For the office's website: the link opens that service at once.",
  copy: "Copy",
  copied: "Copied",
  onPoster: "On the poster",
  notRemote: "not joinable remotely",
  noServices: "No services can be joined remotely.",
  doorTitle: "“I'm here” QR code",
  doorHint:
    "Arrival check-in is on: hang this code at the entrance. A visitor with a remote ticket scans it and is called from then on. The code does not change; do not publish it on the website.",
  doorFailed: "Could not get the door code: {{error}}",
  poster: {
    headline: "Join the queue from your phone",
    text: "Point your camera at the code: the ticket comes to your phone, and we tell you when your turn is near.",
    doorHeadline: "Took a ticket from your phone?",
    doorText: "Scan the code at the entrance to say “I'm here”, and you will be called.",
  },
};

export const NS = "poster";
addTranslations(NS, { ru, en });
