import type { BranchSettings, BranchSettingsPatch } from "@dq/shared";

/** A number input's value: a number, or what is being typed. */
type Typed = number | string;

/** «Запись из дома / Удалённая очередь» as the form edits it; the geofence flat, with its own switch. */
export interface RemoteJoinValues {
  enabled: boolean;
  perPhoneDaily: Typed;
  perBrowserDaily: Typed;
  maxSharePercent: Typed;
  refuseAfterClosing: boolean;
  arrivalCheckIn: boolean;
  /** Off: «Я на месте» only with the door's QR code (`geofence: null`). */
  geofenceOn: boolean;
  latitude: Typed;
  longitude: Typed;
  radiusMeters: Typed;
  postponeMaxTimes: Typed;
  postponeMaxPlaces: Typed;
}

/** «Уведомления посетителям» as the form edits them. */
export interface VisitorNotificationValues {
  approachingAhead: Typed;
  approachingMinutes: Typed;
  retentionDays: Typed;
}

/** Where a new geofence starts: nothing typed, and a radius that covers a building and its yard. */
const DEFAULT_RADIUS_METERS = 150;

export function remoteJoinValues(s: BranchSettings["remoteJoin"]): RemoteJoinValues {
  return {
    enabled: s.enabled,
    perPhoneDaily: s.perPhoneDaily,
    perBrowserDaily: s.perBrowserDaily,
    maxSharePercent: s.maxSharePercent,
    refuseAfterClosing: s.refuseAfterClosing,
    arrivalCheckIn: s.arrivalCheckIn,
    geofenceOn: s.geofence !== null,
    latitude: s.geofence?.latitude ?? "",
    longitude: s.geofence?.longitude ?? "",
    radiusMeters: s.geofence?.radiusMeters ?? DEFAULT_RADIUS_METERS,
    postponeMaxTimes: s.postponeMaxTimes,
    postponeMaxPlaces: s.postponeMaxPlaces,
  };
}

export function visitorNotificationValues(
  s: BranchSettings["visitorNotifications"],
): VisitorNotificationValues {
  return { ...s };
}

/** A required number: left as typed when it is not one, so the schema names the field. */
const num = (v: Typed) => (typeof v === "number" || v.trim() === "" ? v : Number(v));

/** The whole `remoteJoin` object of the settings PATCH, as the form holds it now. */
function remoteJoinBody(v: RemoteJoinValues) {
  return {
    enabled: v.enabled,
    perPhoneDaily: num(v.perPhoneDaily),
    perBrowserDaily: num(v.perBrowserDaily),
    maxSharePercent: num(v.maxSharePercent),
    refuseAfterClosing: v.refuseAfterClosing,
    arrivalCheckIn: v.arrivalCheckIn,
    geofence: v.geofenceOn
      ? { latitude: num(v.latitude), longitude: num(v.longitude), radiusMeters: num(v.radiusMeters) }
      : null,
    postponeMaxTimes: num(v.postponeMaxTimes),
    postponeMaxPlaces: num(v.postponeMaxPlaces),
  };
}

function visitorNotificationsBody(v: VisitorNotificationValues) {
  return {
    approachingAhead: num(v.approachingAhead),
    approachingMinutes: num(v.approachingMinutes),
    retentionDays: num(v.retentionDays),
  };
}

/** The fields of `now` that differ from `before` (the geofence compared as a whole). */
function changedFields<T extends Record<string, unknown>>(now: T, before: T | undefined): Partial<T> {
  if (!before) return now;
  const changed: Partial<T> = {};
  for (const key of Object.keys(now) as (keyof T)[]) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) changed[key] = now[key];
  }
  return changed;
}

/**
 * The remote join and notification parts of the settings PATCH. The server merges these objects
 * field by field, so only what changed since `saved` is sent: two administrators changing
 * different fields at once do not undo each other. Without `saved`, every field (to validate).
 */
export function remoteSettingsBody(
  now: { remoteJoin: RemoteJoinValues; visitorNotifications: VisitorNotificationValues },
  saved?: { remoteJoin: RemoteJoinValues; visitorNotifications: VisitorNotificationValues },
): Pick<BranchSettingsPatch, "remoteJoin" | "visitorNotifications"> {
  const remoteJoin = changedFields(remoteJoinBody(now.remoteJoin), saved && remoteJoinBody(saved.remoteJoin));
  const visitorNotifications = changedFields(
    visitorNotificationsBody(now.visitorNotifications),
    saved && visitorNotificationsBody(saved.visitorNotifications),
  );
  // Typed-in text that is not a number yet is sent as typed: the schema refuses it by name.
  return {
    ...(Object.keys(remoteJoin).length > 0 && {
      remoteJoin: remoteJoin as BranchSettingsPatch["remoteJoin"],
    }),
    ...(Object.keys(visitorNotifications).length > 0 && {
      visitorNotifications: visitorNotifications as BranchSettingsPatch["visitorNotifications"],
    }),
  };
}

/**
 * A body field's form field: `settings.remoteJoin.geofence.latitude` → `remoteJoin.latitude`,
 * `settings.visitorNotifications.retentionDays` → `visitorNotifications.retentionDays`.
 */
export function remoteFormField(field: string): string | null {
  if (field === "settings.remoteJoin.geofence") return "remoteJoin.latitude";
  if (field.startsWith("settings.remoteJoin.geofence.")) {
    return `remoteJoin.${field.slice("settings.remoteJoin.geofence.".length)}`;
  }
  if (field.startsWith("settings.remoteJoin.") || field.startsWith("settings.visitorNotifications.")) {
    return field.slice("settings.".length);
  }
  return null;
}
