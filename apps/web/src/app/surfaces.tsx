import { type ComponentType, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { DeviceProviders } from "./device-providers.tsx";

/** A device or public screen: gets the path parameters its pattern captures. */
export type SurfaceProps = { params: string[] };

/**
 * Devices and the public pages are separate entry chunks without the staff router, so that a kiosk
 * or a board on a cheap box downloads only its own screen. Everything else is the staff app.
 */
const SURFACES: { pattern: RegExp; load: () => Promise<{ default: ComponentType<SurfaceProps> }> }[] = [
  { pattern: /^\/kiosk\/?$/, load: () => import("../features/kiosk/KioskPage.tsx") },
  { pattern: /^\/board\/?$/, load: () => import("../features/board/BoardPage.tsx") },
  { pattern: /^\/counter\/([^/]+)\/?$/, load: () => import("../features/counter/CounterPage.tsx") },
  { pattern: /^\/t\/([^/]+)\/?$/, load: () => import("../features/track/TrackPage.tsx") },
  { pattern: /^\/queue\/?$/, load: () => import("../features/public-queue/PublicQueuePage.tsx") },
  { pattern: /^\/book\/?$/, load: () => import("../features/booking/BookPage.tsx") },
  { pattern: /^\/b\/([^/]+)\/?$/, load: () => import("../features/booking/AppointmentPage.tsx") },
  { pattern: /^\/join\/?$/, load: () => import("../features/join/JoinPage.tsx") },
  { pattern: /^\/here\/?$/, load: () => import("../features/join/HerePage.tsx") },
  { pattern: /^\/u\/([^/]+)\/?$/, load: () => import("../features/join/UnsubscribePage.tsx") },
];

export async function mount(path: string, root: HTMLElement) {
  const surface = SURFACES.find((s) => s.pattern.test(path));
  if (!surface) {
    const StaffApp = (await import("./StaffApp.tsx")).default;
    createRoot(root).render(
      <StrictMode>
        <StaffApp />
      </StrictMode>,
    );
    return;
  }
  const params = (path.match(surface.pattern)?.slice(1) ?? []).map(decodeURIComponent);
  const Screen = (await surface.load()).default;
  createRoot(root).render(
    <StrictMode>
      <DeviceProviders>
        <Screen params={params} />
      </DeviceProviders>
    </StrictMode>,
  );
}
