import { addTranslations } from "../../app/i18n.ts";
import { NS } from "../surface-kit/texts.ts";

/**
 * The kiosk's check-in for a booked visitor (docs/appointments.md), merged into the surfaces'
 * strings under `checkin.*` so that `useSurfaceFormat().t` finds them.
 */
const ru = {
  checkin: {
    button: "У меня запись",
    buttonHint: "Отметиться по коду записи",
    title: "Введите код записи",
    hint: "Код из подтверждения записи: 8 букв и цифр, например K7QM-4XPA.",
    code: "Код записи",
    keyboard: "Клавиатура",
    erase: "Стереть",
    clear: "Очистить",
    submit: "Отметиться",
    scan: "Показать QR-код",
    scanTitle: "Поднесите QR-код к камере",
    scanHint: "QR-код из подтверждения записи — на экране телефона или на распечатке.",
    typeInstead: "Ввести код вручную",
    cameraFailed: "Камера недоступна. Введите код вручную.",
    checkingIn: "Отмечаем запись…",
    appointmentAt: "Запись на {{time}}",
    late: "Вы опоздали — вы в общей очереди",
    notFound: "Запись с таким кодом не найдена. Проверьте код.",
    failedTitle: "Не удалось отметить запись",
    tooEarly: "Слишком рано: отметиться можно с {{time}}.",
    tooLate: "Время записи прошло: отметиться можно было до {{time}}. Возьмите обычный талон.",
    cancelled: "Эта запись отменена. Возьмите обычный талон.",
    visitOver: "По этой записи визит уже завершён. Чтобы встать в очередь снова, возьмите обычный талон.",
    onDay: "{{day}} в {{time}}",
  },
};

const en: typeof ru = {
  checkin: {
    button: "I have an appointment",
    buttonHint: "Check in with your booking code",
    title: "Enter your booking code",
    hint: "The code from your booking confirmation: 8 letters and digits, such as K7QM-4XPA.",
    code: "Booking code",
    keyboard: "Keyboard",
    erase: "Erase",
    clear: "Clear",
    submit: "Check in",
    scan: "Show the QR code",
    scanTitle: "Hold the QR code up to the camera",
    scanHint: "The QR code from your booking confirmation, on your phone or printed.",
    typeInstead: "Type the code instead",
    cameraFailed: "The camera is not available. Please type the code.",
    checkingIn: "Checking you in…",
    appointmentAt: "Appointment at {{time}}",
    late: "You are late: you are in the general queue",
    notFound: "No appointment has this code. Please check it.",
    failedTitle: "Could not check you in",
    tooEarly: "Too early: check-in opens at {{time}}.",
    tooLate: "Your appointment time has passed: check-in closed at {{time}}. Please take a regular ticket.",
    cancelled: "This appointment was cancelled. Please take a regular ticket.",
    visitOver: "This appointment's visit is over. To join the queue again, please take a regular ticket.",
    onDay: "{{day}} at {{time}}",
  },
};

addTranslations(NS, { ru, en });
