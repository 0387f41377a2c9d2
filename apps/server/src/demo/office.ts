/**
 * The demo office: a railway ticket office, as in the original brief, so that every screen has
 * something to show. Plain data; `seed.ts` inserts it in this order (the ids follow it).
 */

export type DemoServiceKey = "tickets" | "buy" | "refund" | "change" | "corporate" | "reduced" | "info";

export interface DemoService {
  key: DemoServiceKey;
  name: string;
  en: string;
  /** A service has a prefix for its tickets; a group has none. */
  prefix?: string;
  parent?: DemoServiceKey;
  color?: string;
  sort: number;
  target?: number;
  priority?: number;
  minutes?: number;
  schedule?: object;
  description?: string;
  /** Booking settings (docs/appointments.md): the demo books two services online. */
  booking?: object;
}

const WEEKDAYS_9_TO_18 = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "18:00" }]]),
);

/** The office's opening hours: booking slots lie within them (walk-in tickets are not limited by them). */
export const DEMO_OPENING_HOURS = {
  ...Object.fromEntries(
    ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "08:00", to: "20:00" }]]),
  ),
  sat: [{ from: "09:00", to: "17:00" }],
};

/** Quarter-hour slots, two visitors each (two windows serve both booked services). */
const DEMO_BOOKING = { enabled: true, slotMinutes: 15, capacityPerSlot: 2 };

export const DEMO_SERVICES: DemoService[] = [
  { key: "tickets", name: "Билеты", en: "Tickets", sort: 1, color: "#1565c0" },
  {
    key: "buy",
    name: "Купить билет",
    en: "Buy a ticket",
    prefix: "А",
    parent: "tickets",
    sort: 1,
    color: "#1e88e5",
    minutes: 5,
    booking: DEMO_BOOKING,
  },
  {
    key: "refund",
    name: "Возврат билета",
    en: "Ticket refund",
    prefix: "В",
    parent: "tickets",
    sort: 2,
    color: "#43a047",
    minutes: 7,
  },
  {
    key: "change",
    name: "Переоформление билета",
    en: "Change a ticket",
    prefix: "П",
    parent: "tickets",
    sort: 3,
    color: "#00897b",
    minutes: 8,
  },
  {
    key: "corporate",
    name: "Корпоративные клиенты",
    en: "Corporate clients",
    prefix: "К",
    sort: 2,
    color: "#6d4c41",
    minutes: 15,
    target: 20,
    schedule: WEEKDAYS_9_TO_18,
    booking: DEMO_BOOKING,
    description: "Групповые перевозки, договоры, счета",
  },
  {
    key: "reduced",
    name: "Маломобильный пассажир",
    en: "Passenger with reduced mobility",
    prefix: "М",
    sort: 3,
    color: "#8e24aa",
    minutes: 10,
    target: 10,
    priority: 10,
    description: "Помощь при посадке, сопровождение, специальные места",
  },
  {
    key: "info",
    name: "Справочная",
    en: "Information desk",
    prefix: "С",
    sort: 4,
    color: "#f4511e",
    minutes: 3,
    target: 10,
  },
];

export const DEMO_CATEGORIES = [
  { name: "Ветеран", en: "Veteran", priority: 2, sort: 1 },
  { name: "Инвалид", en: "Person with disability", priority: 3, sort: 2 },
  { name: "С ребёнком", en: "With a child", priority: 1, sort: 3 },
];

export const DEMO_PAUSE_REASONS = [
  { name: "Перерыв", en: "Break" },
  { name: "Обед", en: "Lunch" },
  { name: "Технический сбой", en: "Technical problem" },
  { name: "Совещание", en: "Meeting" },
];

/** Windows with the services each offers, in the order they are listed there. */
export const DEMO_WINDOWS: { number: string; spoken: string; services: DemoServiceKey[] }[] = [
  { number: "1", spoken: "окно номер один", services: ["buy", "refund", "change", "info"] },
  { number: "2", spoken: "окно номер два", services: ["buy", "refund", "change"] },
  { number: "3", spoken: "окно номер три", services: ["buy", "corporate", "change"] },
  { number: "4", spoken: "окно номер четыре", services: ["reduced", "buy", "info"] },
];

export interface DemoEmployee {
  login: string;
  name: string;
  role: "operator" | "supervisor";
  /** Competencies: a service and its rank (1 = what he does best). */
  skills: [DemoServiceKey, number][];
}

export const DEMO_STAFF: DemoEmployee[] = [
  {
    login: "ivanova",
    name: "Анна Иванова",
    role: "operator",
    skills: [
      ["buy", 1],
      ["change", 1],
      ["refund", 2],
      ["info", 3],
    ],
  },
  {
    login: "petrov",
    name: "Сергей Петров",
    role: "operator",
    skills: [
      ["refund", 1],
      ["buy", 2],
      ["change", 2],
    ],
  },
  {
    login: "sidorova",
    name: "Мария Сидорова",
    role: "operator",
    skills: [
      ["corporate", 1],
      ["buy", 2],
      ["change", 2],
    ],
  },
  {
    login: "kuznetsov",
    name: "Игорь Кузнецов",
    role: "operator",
    skills: [
      ["reduced", 1],
      ["info", 1],
      ["buy", 2],
    ],
  },
  {
    login: "smirnova",
    name: "Елена Смирнова",
    role: "supervisor",
    skills: [
      ["buy", 1],
      ["refund", 1],
      ["change", 1],
      ["corporate", 1],
      ["reduced", 1],
      ["info", 1],
    ],
  },
];

export const DEMO_DEVICES = [
  { kind: "kiosk", name: "Терминал у входа" },
  { kind: "board", name: "Табло в зале ожидания" },
] as const;

/**
 * Alerts a supervisor would start with: shown in the app, so the demo needs no mail server. They
 * have no names of their own: a rule without one is called by its kind in the screen's language
 * («Долгое ожидание» / "Long wait", its threshold beside it), so they read right in English too.
 */
export const DEMO_ALERT_RULES = [
  { name: "", kind: "wait_time" as const, threshold: 15 },
  { name: "", kind: "queue_length" as const, threshold: 10 },
  { name: "", kind: "long_pause" as const, threshold: 30 },
];

/** The office's name in English (its own, in Russian, is given when the branch is made). */
export const DEMO_OFFICE_NAME_EN = "Central Station ticket office";

/** A line for the board's running text, so the demo board shows it too, in both languages. */
export const DEMO_RUNNING_TEXT =
  "Добро пожаловать! Следите за вызовом на табло или на телефоне по QR-коду с талона. Маломобильных пассажиров обслуживают вне очереди.";
export const DEMO_RUNNING_TEXT_EN =
  "Welcome! Watch for your call on the board, or on your phone with the QR code on your ticket. Passengers with reduced mobility are served without queueing.";
