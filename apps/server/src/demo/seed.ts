import { sql } from "kysely";
import { DEVICE_TOKEN_PREFIX, newSecret } from "../core/secrets.ts";
import type { Executor } from "../db/executor.ts";
import { generatePassword, hashPassword } from "../modules/auth/passwords.ts";

export interface DemoSummary {
  staffPassword: string;
  staff: { login: string; name: string; role: string }[];
  devices: { kind: string; name: string; token: string }[];
}

const WEEKDAYS_9_TO_18 = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri"].map((d) => [d, [{ from: "09:00", to: "18:00" }]]),
);

/** A railway ticket office, as in the original brief, so that every screen has something to show. */
export async function seedDemoOffice(db: Executor, branchId: string): Promise<DemoSummary> {
  const service = async (s: {
    name: string;
    en: string;
    prefix?: string;
    parentId?: string;
    color?: string;
    sort: number;
    target?: number;
    priority?: number;
    minutes?: number;
    schedule?: object;
    description?: string;
  }) => {
    const row = await db
      .insertInto("services")
      .values({
        branch_id: branchId,
        parent_id: s.parentId ?? null,
        is_group: !s.prefix,
        name: s.name,
        translations: JSON.stringify({ en: s.en }),
        description: s.description ?? "",
        prefix: s.prefix ?? null,
        color: s.color ?? "#1e88e5",
        sort_order: s.sort,
        target_wait_minutes: s.prefix ? (s.target ?? 15) : null,
        priority: s.priority ?? 0,
        expected_service_minutes: s.minutes ?? 6,
        schedule: s.schedule ? JSON.stringify(s.schedule) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  };

  const tickets = await service({ name: "Билеты", en: "Tickets", sort: 1, color: "#1565c0" });
  const buy = await service({
    name: "Купить билет",
    en: "Buy a ticket",
    prefix: "А",
    parentId: tickets,
    sort: 1,
    color: "#1e88e5",
    minutes: 5,
  });
  const refund = await service({
    name: "Возврат билета",
    en: "Ticket refund",
    prefix: "В",
    parentId: tickets,
    sort: 2,
    color: "#43a047",
    minutes: 7,
  });
  const change = await service({
    name: "Переоформление билета",
    en: "Change a ticket",
    prefix: "П",
    parentId: tickets,
    sort: 3,
    color: "#00897b",
    minutes: 8,
  });
  const corporate = await service({
    name: "Корпоративные клиенты",
    en: "Corporate clients",
    prefix: "К",
    sort: 2,
    color: "#6d4c41",
    minutes: 15,
    target: 20,
    schedule: WEEKDAYS_9_TO_18,
    description: "Групповые перевозки, договоры, счета",
  });
  const reduced = await service({
    name: "Маломобильный пассажир",
    en: "Passenger with reduced mobility",
    prefix: "М",
    sort: 3,
    color: "#8e24aa",
    minutes: 10,
    target: 10,
    priority: 10,
    description: "Помощь при посадке, сопровождение, специальные места",
  });
  const info = await service({
    name: "Справочная",
    en: "Information desk",
    prefix: "С",
    sort: 4,
    color: "#f4511e",
    minutes: 3,
    target: 10,
  });

  for (const [name, en, priority, sort] of [
    ["Ветеран", "Veteran", 2, 1],
    ["Инвалид", "Person with disability", 3, 2],
    ["С ребёнком", "With a child", 1, 3],
  ] as const) {
    await db
      .insertInto("categories")
      .values({ branch_id: branchId, name, translations: JSON.stringify({ en }), priority, sort_order: sort })
      .execute();
  }
  for (const [name, en] of [
    ["Перерыв", "Break"],
    ["Обед", "Lunch"],
    ["Технический сбой", "Technical problem"],
    ["Совещание", "Meeting"],
  ] as const) {
    await db
      .insertInto("pause_reasons")
      .values({ branch_id: branchId, name, translations: JSON.stringify({ en }) })
      .execute();
  }

  const windows: [string, string, string[]][] = [
    ["1", "окно номер один", [buy, refund, change, info]],
    ["2", "окно номер два", [buy, refund, change]],
    ["3", "окно номер три", [buy, corporate, change]],
    ["4", "окно номер четыре", [reduced, buy, info]],
  ];
  for (const [number, spoken, services] of windows) {
    const ws = await db
      .insertInto("workstations")
      .values({ branch_id: branchId, number, name: `Окно ${number}`, spoken_name: spoken })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("workstation_services")
      .values(services.map((service_id) => ({ workstation_id: ws.id, service_id, branch_id: branchId })))
      .execute();
  }

  const staffPassword = generatePassword();
  const passwordHash = await hashPassword(staffPassword);
  const staff: {
    login: string;
    name: string;
    role: "operator" | "supervisor";
    skills: [string, number][];
  }[] = [
    {
      login: "ivanova",
      name: "Анна Иванова",
      role: "operator",
      skills: [
        [buy, 1],
        [change, 1],
        [refund, 2],
        [info, 3],
      ],
    },
    {
      login: "petrov",
      name: "Сергей Петров",
      role: "operator",
      skills: [
        [refund, 1],
        [buy, 2],
        [change, 2],
      ],
    },
    {
      login: "sidorova",
      name: "Мария Сидорова",
      role: "operator",
      skills: [
        [corporate, 1],
        [buy, 2],
        [change, 2],
      ],
    },
    {
      login: "kuznetsov",
      name: "Игорь Кузнецов",
      role: "operator",
      skills: [
        [reduced, 1],
        [info, 1],
        [buy, 2],
      ],
    },
    {
      login: "smirnova",
      name: "Елена Смирнова",
      role: "supervisor",
      skills: [
        [buy, 1],
        [refund, 1],
        [change, 1],
        [corporate, 1],
        [reduced, 1],
        [info, 1],
      ],
    },
  ];
  for (const s of staff) {
    const e = await db
      .insertInto("employees")
      .values({ login: s.login, name: s.name, role: s.role, password_hash: passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("employee_branches").values({ employee_id: e.id, branch_id: branchId }).execute();
    await db
      .insertInto("competencies")
      .values(
        s.skills.map(([service_id, rank]) => ({ employee_id: e.id, service_id, rank, branch_id: branchId })),
      )
      .execute();
  }

  const devices: DemoSummary["devices"] = [];
  for (const [kind, name] of [
    ["kiosk", "Терминал у входа"],
    ["board", "Табло в зале ожидания"],
  ] as const) {
    const secret = newSecret(DEVICE_TOKEN_PREFIX);
    await db
      .insertInto("devices")
      .values({
        branch_id: branchId,
        kind,
        name,
        config: "{}",
        token_hash: secret.hash,
        token_prefix: secret.displayPrefix,
      })
      .execute();
    devices.push({ kind, name, token: secret.token });
  }
  // Alerts a supervisor would start with: shown in the app, so the demo needs no mail server.
  await db
    .insertInto("alert_rules")
    .values(
      [
        { name: "Клиент ждёт дольше 15 минут", kind: "wait_time" as const, threshold: 15 },
        { name: "Больше 10 человек в очереди", kind: "queue_length" as const, threshold: 10 },
        { name: "Перерыв дольше 30 минут", kind: "long_pause" as const, threshold: 30 },
      ].map((r) => ({
        ...r,
        branch_id: branchId,
        service_id: null,
        channels: JSON.stringify([{ type: "in_app" }]),
        cooldown_minutes: 15,
      })),
    )
    .execute();
  // A line for the board's running text, so the demo board shows it too.
  await sql`
    update branches set settings = settings || ${JSON.stringify({
      runningText:
        "Добро пожаловать! Следите за вызовом на табло или на телефоне по QR-коду с талона. Маломобильных пассажиров обслуживают вне очереди.",
    })}::jsonb
    where id = ${branchId}
  `.execute(db);
  return { staffPassword, staff: staff.map(({ login, name, role }) => ({ login, name, role })), devices };
}
