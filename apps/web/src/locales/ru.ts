/** Russian is the default language; English must have exactly the same keys (see en.ts). */
export const ru = {
  app: { name: "DigitalQueue", tagline: "Электронная очередь" },
  common: {
    language: "Язык",
    loading: "Загрузка…",
    retry: "Повторить",
    back: "Назад",
    offline: "Нет связи с сервером. Переподключаемся…",
    comingSoon: "Этот экран появится в одном из следующих выпусков.",
    error: "Что-то пошло не так",
  },
  errors: {
    network: "Сервер недоступен. Проверьте подключение и повторите.",
    invalid_credentials: "Неверный логин или пароль.",
    rate_limited: "Слишком много попыток. Подождите минуту и повторите.",
    unauthenticated: "Войдите в систему.",
    forbidden: "Недостаточно прав для этого действия.",
    validation_error: "Проверьте введённые данные.",
    unknown: "Ошибка: {{message}}",
  },
  login: {
    title: "Вход для сотрудников",
    login: "Логин",
    password: "Пароль",
    submit: "Войти",
    required: "Заполните поле",
  },
  nav: {
    operator: "Рабочее место оператора",
    dashboard: "Текущее состояние",
    queue: "Управление очередью",
    services: "Услуги",
    categories: "Категории клиентов",
    employees: "Сотрудники",
    workstations: "Рабочие места",
    devices: "Устройства",
    settings: "Настройки офиса",
    reports: "Отчёты",
    alerts: "Уведомления",
    apiDocs: "Документация API",
    signOut: "Выйти",
    roles: { admin: "Администратор", supervisor: "Супервизор", operator: "Оператор" },
  },
  screens: {
    operator: "Рабочее место оператора",
    dashboard: "Текущее состояние очереди",
    section: "Раздел «{{name}}»",
    notFound: "Страница не найдена",
    notFoundText: "Такой страницы нет. Проверьте адрес.",
    home: "На главную",
  },
};

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type Messages = Shape<typeof ru>;
