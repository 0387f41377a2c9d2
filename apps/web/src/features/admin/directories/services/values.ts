import {
  type BookingSettings,
  DEFAULT_BOOKING_SETTINGS,
  type Service,
  WEEKDAYS,
  type Weekday,
  type WeekSchedule,
} from "@dq/shared";
import type { FormErrors, UseFormReturnType } from "@mantine/form";

export type Interval = { from: string; to: string };

/** The booking settings as the form edits them: numbers may be left half-typed. */
export type BookingValues = {
  [K in keyof BookingSettings]: BookingSettings[K] extends number ? number | string : BookingSettings[K];
};

export interface ServiceValues {
  name: string;
  en: string;
  description: string;
  parentId: string | null;
  prefix: string;
  color: string;
  sortOrder: number | string;
  alwaysOpen: boolean;
  schedule: Record<Weekday, Interval[]>;
  dailyLimit: number | string;
  targetWaitMinutes: number | string;
  priority: number | string;
  expectedServiceMinutes: number | string;
  active: boolean;
  booking: BookingValues;
  /** Offered on /join (when the office takes remote tickets at all). */
  remoteJoin: boolean;
}

export type ServiceFormType = UseFormReturnType<
  ServiceValues,
  ServiceValues,
  (v: ServiceValues) => FormErrors
>;

export const SWATCHES = [
  "#1e88e5",
  "#43a047",
  "#e53935",
  "#fb8c00",
  "#8e24aa",
  "#00897b",
  "#6d4c41",
  "#546e7a",
];
/** Where a new schedule starts: weekdays 09:00–18:00. */
export const OFFICE_HOURS: Record<Weekday, Interval[]> = {
  mon: [{ from: "09:00", to: "18:00" }],
  tue: [{ from: "09:00", to: "18:00" }],
  wed: [{ from: "09:00", to: "18:00" }],
  thu: [{ from: "09:00", to: "18:00" }],
  fri: [{ from: "09:00", to: "18:00" }],
  sat: [],
  sun: [],
};

/** Empty number inputs mean "none" where the API allows null. */
const optional = (v: number | string) => (v === "" ? null : typeof v === "number" ? v : Number(v));
/** A required number: left as typed when it is not one, so the schema names the field. */
const required = (v: number | string) => (typeof v === "number" ? v : v === "" ? v : Number(v));

export function toBody(v: ServiceValues, isGroup: boolean) {
  const common = {
    name: v.name,
    translations: v.en.trim() ? { en: v.en.trim() } : {},
    description: v.description,
    parentId: v.parentId || null,
    sortOrder: required(v.sortOrder),
    active: v.active,
  };
  if (isGroup) return { ...common, color: v.color };
  return {
    ...common,
    prefix: v.prefix.trim() ? v.prefix.trim().toUpperCase() : null,
    color: v.color,
    schedule: v.alwaysOpen ? null : weekBody(v.schedule),
    dailyLimit: optional(v.dailyLimit),
    targetWaitMinutes: optional(v.targetWaitMinutes),
    priority: required(v.priority),
    expectedServiceMinutes: required(v.expectedServiceMinutes),
    booking: {
      enabled: v.booking.enabled,
      slotMinutes: required(v.booking.slotMinutes),
      capacityPerSlot: required(v.booking.capacityPerSlot),
      horizonDays: required(v.booking.horizonDays),
      earlyCheckInMinutes: required(v.booking.earlyCheckInMinutes),
      lateGraceMinutes: required(v.booking.lateGraceMinutes),
      lateAction: v.booking.lateAction,
      maxActivePerPhone: required(v.booking.maxActivePerPhone),
    },
    remoteJoin: v.remoteJoin,
  };
}

/** A saved week as the schedule editor edits it: every day present; none saved starts from office hours. */
export function weekValues(schedule: WeekSchedule | null): Record<Weekday, Interval[]> {
  if (!schedule) return structuredClone(OFFICE_HOURS);
  return Object.fromEntries(WEEKDAYS.map((d) => [d, (schedule[d] ?? []).map((i) => ({ ...i }))])) as Record<
    Weekday,
    Interval[]
  >;
}

/** The edited week as the API takes it. */
export const weekBody = (week: Record<Weekday, Interval[]>) =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, week[d]])) as WeekSchedule;

/** The form's values for a service (or a new one at `parentId`, after its `siblings`). */
export function serviceValues(
  s: Service | null,
  parentId: string | null,
  siblings: Service[],
): ServiceValues {
  const nextOrder = siblings.length ? Math.max(...siblings.map((x) => x.sortOrder)) + 10 : 10;
  return {
    name: s?.name ?? "",
    en: s?.translations.en ?? "",
    description: s?.description ?? "",
    parentId: s ? s.parentId : parentId,
    prefix: s?.prefix ?? "",
    // A new service gets a colour its neighbours do not have yet, so the kiosk tiles differ.
    color:
      s?.color ?? SWATCHES.find((c) => !siblings.some((x) => x.color.toLowerCase() === c)) ?? SWATCHES[0]!,
    sortOrder: s?.sortOrder ?? nextOrder,
    alwaysOpen: s ? s.schedule === null : true,
    schedule: weekValues(s?.schedule ?? null),
    dailyLimit: s?.dailyLimit ?? "",
    targetWaitMinutes: s ? (s.targetWaitMinutes ?? "") : 15,
    priority: s?.priority ?? 0,
    expectedServiceMinutes: s?.expectedServiceMinutes ?? 10,
    active: s?.active ?? true,
    booking: { ...DEFAULT_BOOKING_SETTINGS, ...s?.booking },
    remoteJoin: s?.remoteJoin ?? true,
  };
}
