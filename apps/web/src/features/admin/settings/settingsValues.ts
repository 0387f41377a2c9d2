import { type Branch, LANGUAGES, type Language, type Weekday } from "@dq/shared";
import { type Interval, weekBody, weekValues } from "../directories/services/values.ts";
import {
  type RemoteJoinValues,
  remoteFormField,
  remoteJoinValues,
  remoteSettingsBody,
  type VisitorNotificationValues,
  visitorNotificationValues,
} from "./remoteValues.ts";

/** The form's values: the branch's name, zone and settings, flat. */
export interface Values {
  name: string;
  /** The name and the running text in English (empty: the office's own). */
  nameEn: string;
  timezone: string;
  languages: Language[];
  defaultLanguage: Language;
  ticketText: string;
  runningText: string;
  runningTextEn: string;
  boardCalls: number | string;
  boardShowWaiting: boolean;
  autoCloseDay: boolean;
  slaGuard: boolean;
  ratioOn: boolean;
  ratioNormal: number | string;
  ratioPriority: number | string;
  /** The office's opening hours (`schedule`, as the schedule editor names it); off: no office-wide limit. */
  openingHoursOn: boolean;
  schedule: Record<Weekday, Interval[]>;
  blackoutDays: string[];
  appointmentTargetWaitMinutes: number | string;
  remoteJoin: RemoteJoinValues;
  visitorNotifications: VisitorNotificationValues;
}

const num = (v: number | string) => (typeof v === "number" || v === "" ? v : Number(v));

/**
 * The body of `PATCH /api/v1/branch`; the remote join and notification settings only as far as
 * they differ from `saved` (all of them without it).
 */
export function toBody(v: Values, saved?: Values) {
  return {
    name: v.name,
    timezone: v.timezone,
    settings: {
      languages: LANGUAGES.filter((l) => v.languages.includes(l)),
      defaultLanguage: v.defaultLanguage,
      ticketText: v.ticketText,
      runningText: v.runningText,
      nameTranslations: { en: v.nameEn },
      runningTextTranslations: { en: v.runningTextEn },
      boardCalls: num(v.boardCalls),
      boardShowWaiting: v.boardShowWaiting,
      autoCloseDay: v.autoCloseDay,
      callingPolicy: {
        slaGuard: v.slaGuard,
        ratio: v.ratioOn ? { normal: num(v.ratioNormal), priority: num(v.ratioPriority) } : null,
      },
      openingHours: v.openingHoursOn ? weekBody(v.schedule) : null,
      bookingBlackoutDays: [...v.blackoutDays].sort(),
      appointmentTargetWaitMinutes: num(v.appointmentTargetWaitMinutes),
      ...remoteSettingsBody(v, saved),
    },
  };
}

/** Errors are named as the body names them (`settings.boardCalls`); the form's fields are flat. */
const FIELDS: Record<string, keyof Values> = {
  "settings.languages": "languages",
  "settings.defaultLanguage": "defaultLanguage",
  "settings.ticketText": "ticketText",
  "settings.runningText": "runningText",
  "settings.nameTranslations.en": "nameEn",
  "settings.runningTextTranslations.en": "runningTextEn",
  "settings.boardCalls": "boardCalls",
  "settings.boardShowWaiting": "boardShowWaiting",
  "settings.autoCloseDay": "autoCloseDay",
  "settings.callingPolicy.slaGuard": "slaGuard",
  "settings.callingPolicy.ratio": "ratioOn",
  "settings.callingPolicy.ratio.normal": "ratioNormal",
  "settings.callingPolicy.ratio.priority": "ratioPriority",
  "settings.bookingBlackoutDays": "blackoutDays",
  "settings.appointmentTargetWaitMinutes": "appointmentTargetWaitMinutes",
};
/** A body field's form field; the opening hours' days and intervals keep their path under `schedule`. */
export const formField = (field: string) => {
  if (field.startsWith("settings.openingHours.")) return field.replace("settings.openingHours.", "schedule.");
  const remote = remoteFormField(field);
  if (remote) return remote;
  return FIELDS[field] ?? FIELDS[field.replace(/\.\d+$/, "")] ?? field;
};

/** Every zone the browser knows, and the office's own in any case. */
export function timezones(current: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    // An old browser: the office's own zone is still offered.
  }
  return zones.includes(current) ? zones : [current, ...zones];
}

/** What the form starts from: the branch as saved. */
export function initialValues(branch: Branch): Values {
  const s = branch.settings;
  return {
    name: branch.name,
    nameEn: s.nameTranslations.en ?? "",
    timezone: branch.timezone,
    languages: s.languages,
    defaultLanguage: s.defaultLanguage,
    ticketText: s.ticketText,
    runningText: s.runningText,
    runningTextEn: s.runningTextTranslations.en ?? "",
    boardCalls: s.boardCalls,
    boardShowWaiting: s.boardShowWaiting,
    autoCloseDay: s.autoCloseDay,
    slaGuard: s.callingPolicy.slaGuard,
    ratioOn: s.callingPolicy.ratio !== null,
    ratioNormal: s.callingPolicy.ratio?.normal ?? 2,
    ratioPriority: s.callingPolicy.ratio?.priority ?? 1,
    openingHoursOn: s.openingHours !== null,
    schedule: weekValues(s.openingHours),
    blackoutDays: s.bookingBlackoutDays,
    appointmentTargetWaitMinutes: s.appointmentTargetWaitMinutes,
    remoteJoin: remoteJoinValues(s.remoteJoin),
    visitorNotifications: visitorNotificationValues(s.visitorNotifications),
  };
}
