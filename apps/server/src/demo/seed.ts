import { sql } from "kysely";
import { DEVICE_TOKEN_PREFIX, newSecret } from "../core/secrets.ts";
import type { Executor } from "../db/executor.ts";
import { generatePassword, hashPassword } from "../modules/auth/passwords.ts";
import {
  DEMO_ALERT_RULES,
  DEMO_CATEGORIES,
  DEMO_DEVICES,
  DEMO_OFFICE_NAME_EN,
  DEMO_OPENING_HOURS,
  DEMO_PAUSE_REASONS,
  DEMO_RUNNING_TEXT,
  DEMO_RUNNING_TEXT_EN,
  DEMO_SERVICES,
  DEMO_STAFF,
  DEMO_WINDOWS,
  type DemoService,
  type DemoServiceKey,
} from "./office.ts";

export interface DemoSummary {
  staffPassword: string;
  staff: { login: string; name: string; role: string }[];
  devices: { kind: string; name: string; token: string }[];
}

type ServiceIds = Record<DemoServiceKey, string>;

/** The demo office's texts: the running line, and its name and running line in English. */
const DEMO_SETTINGS = {
  runningText: DEMO_RUNNING_TEXT,
  nameTranslations: { en: DEMO_OFFICE_NAME_EN },
  runningTextTranslations: { en: DEMO_RUNNING_TEXT_EN },
  openingHours: DEMO_OPENING_HOURS,
};

/** Puts the demo office (`office.ts`) into a branch, so that every screen has something to show. */
export async function seedDemoOffice(db: Executor, branchId: string): Promise<DemoSummary> {
  const services = await insertServices(db, branchId);
  await insertCategoriesAndPauseReasons(db, branchId);
  await insertWindows(db, branchId, services);
  const staffPassword = generatePassword();
  await insertStaff(db, branchId, services, await hashPassword(staffPassword));
  const devices = await insertDevices(db, branchId);
  await insertAlertRules(db, branchId);
  await sql`
    update branches set settings = settings || ${JSON.stringify(DEMO_SETTINGS)}::jsonb
    where id = ${branchId}
  `.execute(db);
  return {
    staffPassword,
    staff: DEMO_STAFF.map(({ login, name, role }) => ({ login, name, role })),
    devices,
  };
}

/** The services in their listed order (a group before its members), with their ids by key. */
async function insertServices(db: Executor, branchId: string): Promise<ServiceIds> {
  const ids = {} as ServiceIds;
  for (const s of DEMO_SERVICES) {
    const row = await db
      .insertInto("services")
      .values(serviceRow(s, branchId, s.parent ? ids[s.parent] : null))
      .returning("id")
      .executeTakeFirstOrThrow();
    ids[s.key] = row.id;
  }
  return ids;
}

function serviceRow(s: DemoService, branchId: string, parentId: string | null) {
  return {
    branch_id: branchId,
    parent_id: parentId,
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
    booking: s.booking ? JSON.stringify(s.booking) : null,
  };
}

async function insertCategoriesAndPauseReasons(db: Executor, branchId: string): Promise<void> {
  for (const { name, en, priority, sort } of DEMO_CATEGORIES) {
    await db
      .insertInto("categories")
      .values({ branch_id: branchId, name, translations: JSON.stringify({ en }), priority, sort_order: sort })
      .execute();
  }
  for (const { name, en } of DEMO_PAUSE_REASONS) {
    await db
      .insertInto("pause_reasons")
      .values({ branch_id: branchId, name, translations: JSON.stringify({ en }) })
      .execute();
  }
}

async function insertWindows(db: Executor, branchId: string, services: ServiceIds): Promise<void> {
  for (const { number, spoken, services: offered } of DEMO_WINDOWS) {
    const ws = await db
      .insertInto("workstations")
      .values({ branch_id: branchId, number, name: `Окно ${number}`, spoken_name: spoken })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("workstation_services")
      .values(
        offered.map((key) => ({ workstation_id: ws.id, service_id: services[key], branch_id: branchId })),
      )
      .execute();
  }
}

/** Operators and a supervisor of the branch, all with one password, each with his competencies. */
async function insertStaff(
  db: Executor,
  branchId: string,
  services: ServiceIds,
  passwordHash: string,
): Promise<void> {
  for (const s of DEMO_STAFF) {
    const e = await db
      .insertInto("employees")
      .values({ login: s.login, name: s.name, role: s.role, password_hash: passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("employee_branches").values({ employee_id: e.id, branch_id: branchId }).execute();
    await db
      .insertInto("competencies")
      .values(
        s.skills.map(([key, rank]) => ({
          employee_id: e.id,
          service_id: services[key],
          rank,
          branch_id: branchId,
        })),
      )
      .execute();
  }
}

/** A kiosk and a board, each with a fresh token (shown once, in the summary). */
async function insertDevices(db: Executor, branchId: string): Promise<DemoSummary["devices"]> {
  const devices: DemoSummary["devices"] = [];
  for (const { kind, name } of DEMO_DEVICES) {
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
  return devices;
}

async function insertAlertRules(db: Executor, branchId: string): Promise<void> {
  await db
    .insertInto("alert_rules")
    .values(
      DEMO_ALERT_RULES.map((r) => ({
        ...r,
        branch_id: branchId,
        service_id: null,
        channels: JSON.stringify([{ type: "in_app" }]),
        cooldown_minutes: 15,
      })),
    )
    .execute();
}
