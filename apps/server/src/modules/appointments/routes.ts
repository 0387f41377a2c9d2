import type { App } from "../../http/types.ts";
import { appointmentRoutes, checkInRoutes } from "./appointment-routes.ts";
import { bookingRoutes } from "./booking-routes.ts";

/** Appointments (docs/appointments.md): booking online, the holder's own appointment, check-in, the staff list. */
export async function appointmentsModule(app: App) {
  await bookingRoutes(app);
  await appointmentRoutes(app);
  await checkInRoutes(app);
}
