import { type KioskMenu, ticketSchema } from "@dq/shared";
import { ApiError, type api } from "../../app/api.ts";
import { useSurfaceFormat } from "../surface-kit/common.tsx";
import "./checkin-texts.ts";
import { sendRetrying } from "./issue-retry.ts";
import type { Screen, ServiceLabel } from "./kiosk-screen.ts";

type DeviceClient = ReturnType<typeof api.as>;
type Format = ReturnType<typeof useSurfaceFormat>;

/** The office day of an ISO instant, "2026-12-07", to tell today's times from another day's. */
const officeDay = (at: Date, timeZone: string) => at.toLocaleDateString("sv-SE", { timeZone });

/** "09:30" today, "08.12.2026 в 09:30" on another day (a visitor who came on the wrong day). */
function whenText(f: Format, iso: string, timeZone: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return "";
  const time = f.clock(iso);
  if (officeDay(at, timeZone) === officeDay(new Date(), timeZone)) return time;
  return f.t("checkin.onDay", { day: f.day(at), time });
}

/** Why the check-in was refused, as the screen to show: back to the code for a wrong one, else the reason. */
export function checkInRefusal(f: Format, error: unknown, code: string, timeZone: string): Screen {
  const apiError = error instanceof ApiError ? error : null;
  // A code that matches nothing (or is not a code at all) is most likely mistyped: let him correct it.
  if (apiError && (apiError.status === 404 || apiError.code === "validation_error"))
    return { name: "checkin", code, error: f.t("checkin.notFound") };
  const at = (apiError?.details as { at?: unknown } | undefined)?.at;
  const when = typeof at === "string" ? whenText(f, at, timeZone) : "";
  const known: Record<string, string> = {
    too_early: f.t("checkin.tooEarly", { time: when }),
    too_late: f.t("checkin.tooLate", { time: when }),
    appointment_cancelled: f.t("checkin.cancelled"),
    // Checked in before and that ticket is served, cancelled or missed: not his ticket to show again.
    appointment_used: f.t("checkin.visitOver"),
  };
  return {
    name: "failed",
    title: f.t("checkin.failedTitle"),
    message: known[apiError?.code ?? ""] ?? f.t("kiosk.tryAgain"),
  };
}

/**
 * Checks a booked visitor in by his code with the kiosk's device token: shows "checking in", then
 * his ticket (printed like any other) or why not. Checking in twice gives the same ticket, so a
 * request lost on the way is simply sent again.
 */
export function useCheckIn(
  client: DeviceClient,
  timeZone: string | undefined,
  show: (screen: Screen) => void,
  refresh: () => void,
) {
  const f = useSurfaceFormat(timeZone);
  return async (menu: KioskMenu, code: string) => {
    show({ name: "checkingIn" });
    try {
      const ticket = await sendRetrying(() =>
        client.post(
          `/api/v1/appointments/${encodeURIComponent(code.toLowerCase())}/check-in`,
          undefined,
          ticketSchema,
        ),
      );
      const service: ServiceLabel = menu.services.find((s) => s.id === ticket.serviceId) ?? {
        name: "",
        translations: {},
      };
      show({ name: "ticket", service, ticket, issuedAt: new Date(ticket.issuedAt) });
      refresh();
    } catch (error) {
      show(checkInRefusal(f, error, code, menu.branch.timezone));
    }
  };
}
