import { z } from "zod";
import { appointmentStatusSchema } from "./appointments.ts";
import { idSchema, translationsSchema } from "./common.ts";
import { SERVICE_STATES } from "./kiosk.ts";
import { operatorStatusSchema } from "./operator.ts";

/** The live state of the office ("Текущее состояние") for supervisors and administrators. */
export const dashboardSchema = z.object({
  at: z.string(),
  services: z.array(
    z.object({
      serviceId: idSchema,
      name: z.string(),
      translations: translationsSchema,
      prefix: z.string().nullable(),
      color: z.string(),
      state: z.enum(SERVICE_STATES),
      targetWaitMinutes: z.number().nullable(),
      waiting: z.number().describe("Every waiting ticket, remote holders not yet arrived too"),
      longestWaitSeconds: z.number(),
      overdue: z.number(),
      servedToday: z.number(),
      /** Over today's tickets of this service that were called: from entering the queue to the call. */
      averageWaitSecondsToday: z.number().nullable(),
    }),
  ),
  workstations: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      number: z.string(),
      active: z.boolean(),
      employee: z.object({ id: idSchema, name: z.string() }).nullable(),
      status: operatorStatusSchema,
      pauseReason: z.string().nullable(),
      since: z.string().nullable(),
      ticket: z
        .object({
          id: idSchema,
          label: z.string(),
          status: z.string(),
          serviceId: idSchema,
          calledAt: z.string().nullable(),
          startedAt: z.string().nullable(),
        })
        .nullable(),
    }),
  ),
  /** Today's appointments (issue 17): counts as in the appointments report, and who comes next. */
  appointments: z.object({
    booked: z.number(),
    checkedIn: z.number(),
    noShows: z.number(),
    cancelled: z.number(),
    /** The next 10 not yet checked in whose time has not passed (start plus grace after now), by start. */
    upcoming: z.array(
      z.object({
        code: z.string(),
        /** ISO 8601 with the office's UTC offset. */
        start: z.string(),
        name: z.string(),
        serviceId: idSchema,
        status: appointmentStatusSchema,
      }),
    ),
  }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
