import { z } from "zod";
import { idSchema } from "./common.ts";
import { SERVICE_STATES } from "./kiosk.ts";
import { waitEstimateSchema } from "./tickets.ts";

export const boardCallSchema = z.object({
  ticketId: idSchema,
  label: z.string(),
  serviceId: idSchema,
  status: z.string(),
  callCount: z.number(),
  workstation: z.object({ name: z.string(), number: z.string(), spokenName: z.string() }),
  calledAt: z.string(),
  /** The latest call or recall of this ticket: calls are listed by it, newest first. */
  lastCalledAt: z.string(),
});
export const boardSchema = z.object({
  branch: z.object({
    id: idSchema,
    name: z.string(),
    runningText: z.string(),
    /** The name and the running text in other languages ({en: "…"}), where the office gave them. */
    nameTranslations: z.partialRecord(z.enum(["ru", "en"]), z.string()),
    runningTextTranslations: z.partialRecord(z.enum(["ru", "en"]), z.string()),
    timezone: z.string(),
  }),
  calls: z.array(boardCallSchema),
  waiting: z.array(z.object({ label: z.string(), serviceId: idSchema })),
  lastEventId: z.string(),
  /** The server's clock, so a board can tell fresh calls from old ones whatever its own clock says. */
  serverTime: z.string(),
  /** How this board is set up (its device options; defaults for a board without a token). */
  display: z.object({
    language: z.enum(["ru", "en"]).nullable(),
    voice: z.boolean(),
    showWaiting: z.boolean(),
    /** How many calls the board lists: it sizes its rows for that many. */
    calls: z.number(),
    workstationNumbers: z.array(z.string()),
  }),
});
export type Board = z.infer<typeof boardSchema>;

/** Whether a window takes clients: someone works there, is on a pause, or nobody is signed in. */
export const COUNTER_WINDOW_STATES = ["open", "paused", "closed"] as const;
export const counterDisplaySchema = z.object({
  workstation: z.object({ name: z.string(), number: z.string() }),
  /** The ticket called to the window or served there now. */
  ticket: z.object({ label: z.string(), status: z.string(), callCount: z.number() }).nullable(),
  window: z.enum(COUNTER_WINDOW_STATES),
  /**
   * The pause's reason, when it is one of the office's pause reasons (those are public); a reason
   * the operator typed himself is not shown.
   */
  pauseReason: z.object({ name: z.string(), translations: z.record(z.string(), z.string()) }).nullable(),
});
export type CounterDisplay = z.infer<typeof counterDisplaySchema>;

export const publicQueueSchema = z.object({
  items: z.array(
    z.object({
      serviceId: idSchema,
      name: z.string(),
      translations: z.record(z.string(), z.string()),
      waiting: z
        .number()
        .describe(
          "The people a ticket taken now would have ahead of it: waiting tickets call next may take (remote holders not yet arrived are not counted)",
        ),
      estimatedWait: waitEstimateSchema.nullable(),
      /** When a ticket taken now is expected to be called (ISO 8601, the office's offset). */
      expectedCallAt: z.string().nullable(),
      /** When the service stops taking tickets today (ISO 8601), null without hours. */
      closesAt: z.string().nullable(),
      open: z.boolean(),
      state: z.enum(SERVICE_STATES),
    }),
  ),
});
