import type { Device, DeviceConfig, DeviceKind, Service } from "@dq/shared";
import type { TFunction } from "i18next";

export interface DeviceValues {
  kind: DeviceKind;
  name: string;
  serviceIds: string[];
  showCategories: boolean;
  autoPrint: boolean;
  paperWidth: string;
  /** "office" follows the office's default language. */
  language: string;
  workstationNumbers: string[];
  voice: boolean;
}

/** A device as its creation answers: with its token, shown once. */
export type CreatedDevice = Device & { token: string };

/** The form's values for a device (a new kiosk by default). */
export function deviceValues(device: Device | null): DeviceValues {
  const c = device?.config ?? {};
  return {
    kind: device?.kind ?? "kiosk",
    name: device?.name ?? "",
    serviceIds: c.serviceIds ?? [],
    showCategories: c.showCategories ?? false,
    autoPrint: c.autoPrint ?? true,
    paperWidth: String(c.paperWidth ?? 80),
    language: c.language ?? "office",
    workstationNumbers: c.workstationNumbers ?? [],
    voice: c.voice ?? true,
  };
}

/** The options a device of this kind has; the other kinds' options are not kept. */
export function configOf(v: DeviceValues): DeviceConfig {
  const language: DeviceConfig = v.language === "ru" || v.language === "en" ? { language: v.language } : {};
  if (v.kind === "kiosk") {
    return {
      serviceIds: v.serviceIds,
      showCategories: v.showCategories,
      autoPrint: v.autoPrint,
      paperWidth: v.paperWidth === "58" ? 58 : 80,
      ...language,
    };
  }
  if (v.kind === "board") return { workstationNumbers: v.workstationNumbers, voice: v.voice, ...language };
  return {};
}

/** Errors come back named as the body names them (`config.serviceIds.0`); the form's fields are flat. */
export const formField = (field: string) => field.replace(/^config\./, "").replace(/\.\d+$/, "");
export const renameKeys = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [formField(k), v]));

/** The address that sets the device up: its screen, with the token (kept by the device, then hidden). */
export function deviceUrl(kind: DeviceKind, token: string, counterNumber: string): string {
  const origin = window.location.origin;
  const q = `token=${encodeURIComponent(token)}`;
  if (kind === "counter") return `${origin}/counter/${encodeURIComponent(counterNumber.trim() || "1")}?${q}`;
  return `${origin}/${kind}?${q}`;
}

/** One line of what a device is set to show: its services or windows, paper, language. */
export function configSummary(t: TFunction, d: Device, services: Service[]): string {
  const c = d.config;
  const language = c.language ? t(`languages.${c.language}`) : null;
  if (d.kind === "kiosk") {
    const names = (c.serviceIds ?? []).map((id) => services.find((s) => s.id === id)?.name ?? id);
    return [
      names.length ? names.join(", ") : t("devices.allServices"),
      t("devices.mm", { n: c.paperWidth ?? 80 }),
      language,
    ]
      .filter(Boolean)
      .join(" · ");
  }
  if (d.kind === "board") {
    const windows = c.workstationNumbers ?? [];
    return [
      windows.length ? t("devices.windows", { list: windows.join(", ") }) : t("devices.allWindows"),
      language,
    ]
      .filter(Boolean)
      .join(" · ");
  }
  return "";
}
