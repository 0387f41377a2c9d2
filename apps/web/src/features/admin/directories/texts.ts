import type { Service } from "@dq/shared";
import type { ComboboxData, ComboboxItem } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../../app/api.ts";
import { errorMessage } from "../../../app/errors.ts";
import { issueText } from "../../../app/field-issues.ts";
import i18n, { addTranslations } from "../../../app/i18n.ts";
// The shared administration strings (common.save, common.cancel…) that these screens use too.
import "../texts.ts";

/** Strings of the directory screens: services, employees, workstations, devices, pause reasons, settings. */
const ru = {
  weekdays: { mon: "Пн", tue: "Вт", wed: "Ср", thu: "Чт", fri: "Пт", sat: "Сб", sun: "Вс" },
  weekdaysLong: {
    mon: "Понедельник",
    tue: "Вторник",
    wed: "Среда",
    thu: "Четверг",
    fri: "Пятница",
    sat: "Суббота",
    sun: "Воскресенье",
  },
  languages: { ru: "Русский", en: "English" },
  roles: { admin: "Администратор", supervisor: "Супервизор", operator: "Оператор" },
  kinds: { kiosk: "Киоск", board: "Табло", counter: "Табло над окном", feedback: "Планшет оценки" },
  pauseReasons: {
    title: "Причины перерывов",
    hint: "Оператор выбирает причину, когда уходит на перерыв.",
    new: "Новая причина перерыва",
    editTitle: "Причина «{{name}}»",
  },
  services: {
    title: "Услуги",
    hint: "Группы и услуги в том порядке, в каком их видит клиент на киоске.",
    addGroup: "Добавить группу",
    addService: "Добавить услугу",
    addInside: "Услуга в группу",
    newGroup: "Новая группа",
    newService: "Новая услуга",
    editGroup: "Группа «{{name}}»",
    editService: "Услуга «{{name}}»",
    group: "Группа",
    service: "Услуга",
    description: "Описание",
    descriptionHint: "Пояснение для клиента на киоске (необязательно).",
    parent: "Входит в группу",
    noParent: "Верхний уровень",
    parentHint: "Пусто — на верхнем уровне киоска.",
    prefix: "Префикс талона",
    prefixHint: "1–3 заглавные буквы, латиница или кириллица: талоны будут Д001, Д002…",
    color: "Цвет",
    hours: "Часы выдачи талонов",
    alwaysOpen: "Круглосуточно",
    alwaysOpenHint: "Выключите, чтобы задать часы по дням недели.",
    closedDay: "выходной",
    addInterval: "Добавить интервал",
    removeInterval: "Убрать интервал",
    from: "с",
    to: "до",
    copyToWeekdays: "Как в понедельник — на все будни",
    scheduleHint: "Время ЧЧ:ММ по часовому поясу офиса; у дня может быть несколько интервалов (обед).",
    dailyLimit: "Лимит талонов в день",
    dailyLimitHint: "Пусто — без лимита.",
    targetWait: "Норма ожидания, мин",
    targetWaitHint: "Пусто — без нормы. Дольше — клиент считается ждущим сверх нормы.",
    priority: "Приоритет услуги",
    priorityHint: "От −100 до 100; выше — вызывают раньше при прочих равных.",
    expected: "Среднее время обслуживания, мин",
    expectedHint: "Для прогноза времени ожидания.",
    state: "Состояние",
    closedNow: "Выдача остановлена",
    scheduled: "По расписанию",
    noLimit: "без лимита",
    limit: "лимит {{count}}",
    target: "норма ожидания {{count}} мин",
    expectedShort: "обслуживание ≈ {{count}} мин",
    priorityShort: "приоритет {{count}}",
    prefixShort: "Префикс",
    hoursShort: "Часы работы",
    limitShort: "Лимит в день",
    moveUp: "Выше",
    moveDown: "Ниже",
    emptyGroup: "В группе пока нет услуг",
    items: "Групп: {{groups}} · услуг: {{services}}",
    alwaysOpenShort: "круглосуточно",
  },
  employees: {
    title: "Сотрудники",
    hint: "Сотрудника нельзя удалить вместе с историей: отключите или уберите в архив.",
    new: "Новый сотрудник",
    editTitle: "Сотрудник «{{name}}»",
    login: "Логин",
    name: "Имя",
    role: "Роль",
    password: "Пароль",
    passwordHint: "Не короче 8 символов. Сообщите его сотруднику; здесь он больше не покажется.",
    newPassword: "Новый пароль",
    newPasswordHint:
      "Оставьте пустым, чтобы не менять. Новый пароль завершит все сеансы сотрудника на всех устройствах.",
    competencies: "Компетенции",
    competenciesHint:
      "Ранг 1 — основная работа; 2 — когда очереди ранга 1 пусты; и так далее. Оператор вызывает только по своим услугам.",
    notServed: "Не обслуживает",
    rank: "Ранг {{rank}}",
    allRank1: "Все услуги — ранг 1",
    none: "Нет",
    noServices: "Сначала добавьте услуги.",
    deactivate: "Отключить",
    activate: "Включить",
    deactivated: "Отключён",
    confirmDeactivate:
      "Отключить «{{name}}»? Сотрудник не сможет войти, его сеансы завершатся. История сохранится.",
    confirmArchive: "Убрать «{{name}}» в архив? Войти он больше не сможет; история его работы сохранится.",
    more: "ещё {{count}}",
    locked: "Вход заблокирован до {{until}}",
    lockedHint: "Слишком много неверных паролей подряд; блокировка снимется сама.",
    unlock: "Разблокировать",
  },
  workstations: {
    title: "Рабочие места",
    hint: "Окна и кабинеты, к которым вызывают клиентов.",
    new: "Новое рабочее место",
    editTitle: "Рабочее место {{number}}",
    number: "Номер",
    numberHint: "Как на табло: 3, 12А…",
    name: "Название",
    namePlaceholder: "Окно 3",
    spokenName: "Как объявлять голосом",
    spokenPlaceholder: "окно номер три",
    spokenHint: "Если пусто — голос назовёт номер.",
    services: "Услуги",
    servicesHint: "Какие услуги здесь обслуживают.",
    noServices: "не назначены",
    operator: "Сейчас работает",
    nobody: "—",
  },
  devices: {
    title: "Устройства",
    hint: "Киоски, табло и планшеты: каждое работает по своему ключу, который можно отозвать.",
    new: "Новое устройство",
    editTitle: "Устройство «{{name}}»",
    kind: "Тип",
    name: "Название",
    namePlaceholder: "Киоск у входа",
    lastSeen: "Последний раз на связи",
    never: "ещё не подключалось",
    status: "Состояние",
    revoked: "Отозвано",
    working: "Действует",
    revoke: "Отозвать",
    confirmRevoke: "Отозвать ключ устройства «{{name}}»? Оно сразу перестанет работать; вернуть ключ нельзя.",
    token: "Ключ",
    settings: "Настройки",
    kioskServices: "Услуги на киоске",
    kioskServicesHint: "Можно выбрать группы целиком. Пусто — все услуги.",
    showCategories: "Спрашивать категорию клиента",
    autoPrint: "Печатать талон сразу",
    paperWidth: "Ширина чековой ленты, мм",
    mm: "{{n}} мм",
    language: "Язык экрана",
    officeLanguage: "Как в настройках офиса",
    boardWindows: "Окна на табло",
    boardWindowsHint: "Пусто — все рабочие места.",
    voice: "Объявлять вызовы голосом",
    allServices: "все услуги",
    allWindows: "все окна",
    windows: "окна: {{list}}",
    created: "Устройство добавлено",
    onceWarning:
      "Адрес с ключом показывается только сейчас — больше его увидеть нельзя. Откройте его на устройстве или сохраните в надёжном месте. Потеряли — отзовите устройство и добавьте заново.",
    url: "Адрес для устройства",
    copy: "Скопировать",
    copied: "Скопировано",
    qrHint: "Или отсканируйте с устройства:",
    counterNumber: "Номер окна, над которым висит табло",
    counterHint: "Адрес меняется вместе с номером окна; один ключ подходит для любого окна.",
    feedbackHint: "Введите этот ключ в настройках планшета оценки.",
    done: "Готово, я сохранил адрес",
    noConfig: "У этого типа устройства нет настроек.",
  },
  settings: {
    title: "Настройки офиса",
    office: "Офис",
    name: "Название офиса",
    nameEn: "Название офиса по-английски",
    inEnglishHint: "Для экранов на английском; пусто — как по-русски.",
    timezone: "Часовой пояс",
    timezoneHint: "По нему считаются часы работы услуг и рабочий день.",
    languages: "Языки для клиентов",
    languagesHint: "Хотя бы один: на киоске и табло клиент сможет переключиться.",
    defaultLanguage: "Язык по умолчанию",
    defaultNotOffered: "Язык по умолчанию должен быть среди выбранных языков",
    texts: "Тексты",
    ticketText: "Текст на талоне",
    ticketTextHint: "Печатается внизу каждого талона, до 500 символов.",
    runningText: "Бегущая строка на табло",
    runningTextHint: "До 1000 символов; пусто — без бегущей строки.",
    runningTextEn: "Бегущая строка по-английски",
    board: "Табло",
    boardCalls: "Сколько вызовов показывать",
    boardCallsHint: "От 1 до 20.",
    boardShowWaiting: "Показывать очередь ожидающих",
    day: "Рабочий день",
    autoCloseDay: "Закрывать день автоматически",
    autoCloseDayHint: "Талоны, оставшиеся открытыми к концу дня, закрываются сами.",
    policy: "Порядок вызова",
    slaGuard: "Защита нормы ожидания",
    slaGuardHint: "Клиент, ждущий дольше нормы своей услуги, вызывается раньше остальных.",
    ratio: "Чередование с приоритетными клиентами",
    ratioHint:
      "Если ждут и обычные, и приоритетные клиенты: из каждых N + P вызовов P получают приоритетные.",
    ratioOff: "Выключено: приоритетные всегда первыми",
    ratioOn: "Чередовать",
    ratioNormal: "Обычных (N)",
    ratioPriority: "Приоритетных (P)",
    ratioExample: "Приоритетным клиентам — {{priority}} из каждых {{total}} вызовов.",
    saved: "Сохранено",
    loading: "Загрузка…",
  },
  errors: {
    group_not_empty: "В группе есть услуги или подгруппы: сначала перенесите или уберите их.",
    service_has_open_tickets: "У услуги есть открытые талоны: дождитесь их обслуживания или закройте день.",
    service_has_appointments: "На услугу есть записи: отмените их или дождитесь, пока они пройдут.",
    workstation_in_use: "На этом рабочем месте сейчас работает сотрудник; сначала освободите его.",
    cannot_delete_self: "Нельзя убрать в архив самого себя.",
    cannot_demote_self: "Нельзя лишить себя прав администратора или отключить себя.",
    conflict: "Такое значение уже используется.",
    invalid_reference: "Связанная запись не найдена — возможно, её уже убрали.",
  },
};

const en: typeof ru = {
  weekdays: { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" },
  weekdaysLong: {
    mon: "Monday",
    tue: "Tuesday",
    wed: "Wednesday",
    thu: "Thursday",
    fri: "Friday",
    sat: "Saturday",
    sun: "Sunday",
  },
  languages: { ru: "Русский", en: "English" },
  roles: { admin: "Administrator", supervisor: "Supervisor", operator: "Operator" },
  kinds: { kiosk: "Kiosk", board: "Board", counter: "Counter display", feedback: "Feedback tablet" },
  pauseReasons: {
    title: "Pause reasons",
    hint: "An operator picks a reason when going on a pause.",
    new: "New pause reason",
    editTitle: "Reason “{{name}}”",
  },
  services: {
    title: "Services",
    hint: "Groups and services in the order clients see them on the kiosk.",
    addGroup: "Add group",
    addService: "Add service",
    addInside: "Service in group",
    newGroup: "New group",
    newService: "New service",
    editGroup: "Group “{{name}}”",
    editService: "Service “{{name}}”",
    group: "Group",
    service: "Service",
    description: "Description",
    descriptionHint: "An explanation for clients on the kiosk (optional).",
    parent: "Inside group",
    noParent: "Top level",
    parentHint: "Empty means the top level of the kiosk.",
    prefix: "Ticket prefix",
    prefixHint: "1–3 capital letters, Latin or Cyrillic: tickets will be A001, A002…",
    color: "Colour",
    hours: "Hours tickets are issued",
    alwaysOpen: "Around the clock",
    alwaysOpenHint: "Switch off to set hours per day of the week.",
    closedDay: "closed",
    addInterval: "Add interval",
    removeInterval: "Remove interval",
    from: "from",
    to: "to",
    copyToWeekdays: "Copy Monday to all weekdays",
    scheduleHint: "Times HH:MM in the office's timezone; a day may have several intervals (lunch).",
    dailyLimit: "Daily ticket limit",
    dailyLimitHint: "Empty means no limit.",
    targetWait: "Target wait, min",
    targetWaitHint: "Empty means none. Longer, and the client counts as overdue.",
    priority: "Service priority",
    priorityHint: "−100 to 100; higher is called earlier, all else equal.",
    expected: "Average service time, min",
    expectedHint: "For the waiting time forecast.",
    state: "State",
    closedNow: "Issuing stopped",
    scheduled: "Scheduled",
    noLimit: "no limit",
    limit: "limit {{count}}",
    target: "target wait {{count}} min",
    expectedShort: "service ≈ {{count}} min",
    priorityShort: "priority {{count}}",
    prefixShort: "Prefix",
    hoursShort: "Hours",
    limitShort: "Daily limit",
    moveUp: "Up",
    moveDown: "Down",
    emptyGroup: "No services in this group yet",
    items: "Groups: {{groups}} · services: {{services}}",
    alwaysOpenShort: "around the clock",
  },
  employees: {
    title: "Employees",
    hint: "An employee is never deleted with the history: switch off or archive instead.",
    new: "New employee",
    editTitle: "Employee “{{name}}”",
    login: "Login",
    name: "Name",
    role: "Role",
    password: "Password",
    passwordHint: "At least 8 characters. Tell it to the employee; it is not shown here again.",
    newPassword: "New password",
    newPasswordHint: "Leave empty to keep it. A new password signs the employee out on every device.",
    competencies: "Competencies",
    competenciesHint:
      "Rank 1 is the main work; 2 only when rank-1 queues are empty; and so on. An operator calls only for his services.",
    notServed: "Not served",
    rank: "Rank {{rank}}",
    allRank1: "All services at rank 1",
    none: "None",
    noServices: "Add services first.",
    deactivate: "Switch off",
    activate: "Switch on",
    deactivated: "Switched off",
    confirmDeactivate:
      "Switch off “{{name}}”? The employee cannot sign in and is signed out. History is kept.",
    confirmArchive: "Archive “{{name}}”? The employee can no longer sign in; the work history is kept.",
    more: "{{count}} more",
    locked: "Sign-in locked until {{until}}",
    lockedHint: "Too many wrong passwords in a row; the lock ends by itself.",
    unlock: "Unlock",
  },
  workstations: {
    title: "Workstations",
    hint: "Windows and rooms clients are called to.",
    new: "New workstation",
    editTitle: "Workstation {{number}}",
    number: "Number",
    numberHint: "As on the board: 3, 12A…",
    name: "Name",
    namePlaceholder: "Window 3",
    spokenName: "Spoken as",
    spokenPlaceholder: "window number three",
    spokenHint: "When empty, the voice says the number.",
    services: "Services",
    servicesHint: "Which services are served here.",
    noServices: "none assigned",
    operator: "Working now",
    nobody: "—",
  },
  devices: {
    title: "Devices",
    hint: "Kiosks, boards and tablets: each works with its own key, which can be revoked.",
    new: "New device",
    editTitle: "Device “{{name}}”",
    kind: "Kind",
    name: "Name",
    namePlaceholder: "Kiosk at the entrance",
    lastSeen: "Last seen",
    never: "not connected yet",
    status: "State",
    revoked: "Revoked",
    working: "Active",
    revoke: "Revoke",
    confirmRevoke: "Revoke the key of “{{name}}”? The device stops working at once; this cannot be undone.",
    token: "Key",
    settings: "Settings",
    kioskServices: "Services on the kiosk",
    kioskServicesHint: "Whole groups can be chosen. Empty means every service.",
    showCategories: "Ask for the client category",
    autoPrint: "Print the ticket at once",
    paperWidth: "Receipt paper width, mm",
    mm: "{{n}} mm",
    language: "Screen language",
    officeLanguage: "As in the office settings",
    boardWindows: "Windows on the board",
    boardWindowsHint: "Empty means every workstation.",
    voice: "Announce calls by voice",
    allServices: "all services",
    allWindows: "all windows",
    windows: "windows: {{list}}",
    created: "Device added",
    onceWarning:
      "The address with the key is shown only now and never again. Open it on the device or keep it somewhere safe. If it is lost, revoke the device and add it again.",
    url: "Address for the device",
    copy: "Copy",
    copied: "Copied",
    qrHint: "Or scan it with the device:",
    counterNumber: "Number of the window the display hangs over",
    counterHint: "The address follows the window number; one key works for any window.",
    feedbackHint: "Enter this key in the feedback tablet's settings.",
    done: "Done, I have saved the address",
    noConfig: "This kind of device has no settings.",
  },
  settings: {
    title: "Office settings",
    office: "Office",
    name: "Office name",
    nameEn: "Office name in English",
    inEnglishHint: "For screens in English; empty: the same as in Russian.",
    timezone: "Timezone",
    timezoneHint: "Service hours and the business day follow it.",
    languages: "Languages for clients",
    languagesHint: "At least one: clients can switch between them on kiosks and boards.",
    defaultLanguage: "Default language",
    defaultNotOffered: "The default language must be one of the chosen languages",
    texts: "Texts",
    ticketText: "Text on the ticket",
    ticketTextHint: "Printed at the bottom of every ticket, up to 500 characters.",
    runningText: "Running text on the board",
    runningTextHint: "Up to 1000 characters; empty means none.",
    runningTextEn: "Running text in English",
    board: "Board",
    boardCalls: "Calls shown",
    boardCallsHint: "From 1 to 20.",
    boardShowWaiting: "Show the waiting list",
    day: "Business day",
    autoCloseDay: "Close the day automatically",
    autoCloseDayHint: "Tickets still open when the day ends are closed by themselves.",
    policy: "Calling order",
    slaGuard: "Target wait guard",
    slaGuardHint: "A client waiting longer than the service's target wait is called before the others.",
    ratio: "Alternate with priority clients",
    ratioHint:
      "When both ordinary and priority clients wait: of every N + P calls, P go to priority clients.",
    ratioOff: "Off: priority clients always first",
    ratioOn: "Alternate",
    ratioNormal: "Ordinary (N)",
    ratioPriority: "Priority (P)",
    ratioExample: "Priority clients get {{priority}} of every {{total}} calls.",
    saved: "Saved",
    loading: "Loading…",
  },
  errors: {
    group_not_empty: "The group still has services or subgroups: move or archive them first.",
    service_has_open_tickets:
      "The service still has open tickets: wait until they are served or close the day.",
    service_has_appointments:
      "Visitors are booked for this service: cancel their appointments or let them pass.",
    workstation_in_use: "Someone works at this workstation now; free it first.",
    cannot_delete_self: "You cannot archive yourself.",
    cannot_demote_self: "You cannot remove your own administrator rights or switch yourself off.",
    conflict: "This value is already used.",
    invalid_reference: "A linked record was not found; it may have been removed.",
  },
};

addTranslations("directories", { ru, en });
export const NS = "directories";
/** The namespaces of a directory screen: its own strings first, then the shared administration ones. */
export const NAMESPACES = [NS, "admin"] as const;

/** `t` of a directory screen: a key missing from its own strings is looked up in the shared ones. */
export const useDirectoryTranslation = () => useTranslation(NAMESPACES, { nsMode: "fallback" });

/**
 * Shows the server's field errors (a 400's `details`, a 409 on a unique field) on the form, in the
 * UI language; `rename` maps a body field to the form field that edits it. True if it did.
 */
export function showFieldErrors<T>(
  form: UseFormReturnType<T>,
  error: unknown,
  rename: (field: string) => string = (f) => f,
): boolean {
  if (!(error instanceof ApiError)) return false;
  const entries = Object.entries(error.fieldErrors);
  if (entries.length === 0) return false;
  form.setErrors(Object.fromEntries(entries.map(([field, issue]) => [rename(field), issueText(issue)])));
  return true;
}

/** A failed request in words: this screen's own text for the conflicts it knows, else the app's. */
export function dirError(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && i18n.exists(`errors.${error.code}`, { ns: NS })) {
    return i18n.t(`errors.${error.code}`, { ns: NS });
  }
  return errorMessage(t, error);
}

/** True for a failure the form shows on its fields (so no separate message is needed). */
export const isFieldError = (error: unknown) =>
  error instanceof ApiError && Object.keys(error.fieldErrors).length > 0;

/** One row of the service tree: the service, how deep it sits, its level, and its name with its groups'. */
export interface TreeRow {
  service: Service;
  depth: number;
  siblings: Service[];
  path: string;
}

const byOrder = (a: Service, b: Service) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name);

/**
 * The services' flat list (parentId links) as the tree it describes, depth-first, each level in its
 * sort order — the order clients see on the kiosk. A service whose group is gone is shown at the top.
 */
export function serviceTree(items: Service[]): TreeRow[] {
  const ids = new Set(items.map((s) => s.id));
  const childrenOf = (parentId: string | null) =>
    items
      .filter((s) =>
        parentId === null ? s.parentId === null || !ids.has(s.parentId) : s.parentId === parentId,
      )
      .sort(byOrder);
  const out: TreeRow[] = [];
  const walk = (parentId: string | null, depth: number, prefix: string) => {
    const siblings = childrenOf(parentId);
    for (const service of siblings) {
      const path = prefix ? `${prefix} / ${service.name}` : service.name;
      out.push({ service, depth, siblings, path });
      if (service.isGroup && depth < 20) walk(service.id, depth + 1, path);
    }
  };
  walk(null, 0, "");
  return out;
}

/** Services (not groups) to choose from, under their group's name as in the tree. */
export function serviceChoices(services: Service[]): ComboboxData {
  const top: ComboboxItem[] = [];
  const groups: { group: string; items: ComboboxItem[] }[] = [];
  for (const row of serviceTree(services)) {
    if (row.service.isGroup) continue;
    const item = {
      value: row.service.id,
      label: row.service.prefix ? `${row.service.name} (${row.service.prefix})` : row.service.name,
    };
    const cut = row.path.lastIndexOf(" / ");
    if (cut < 0) {
      top.push(item);
      continue;
    }
    const group = row.path.slice(0, cut);
    const bucket = groups.find((g) => g.group === group);
    if (bucket) bucket.items.push(item);
    else groups.push({ group, items: [item] });
  }
  return [...top, ...groups];
}
