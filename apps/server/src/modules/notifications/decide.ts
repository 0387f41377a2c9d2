import type { VisitorEvent, VisitorNotificationSettings } from "@dq/shared";
import type { AppointmentStatus, TicketStatus } from "../../db/schema.ts";

/**
 * What a visitor is due to be told, decided from the state of his ticket (or appointment) now and
 * the messages already queued for his subscription (docs/remote-join.md, "Messages"). Pure: the
 * notifier loads the state, this says what to queue, the outbox's unique (subscription, dedupe key)
 * makes each message once however many instances decide at once.
 */

export interface TicketState {
  status: TicketStatus;
  /** Grows by one with each redirect: the occurrence of "approaching", "called" and "redirected". */
  segment: number;
  callCount: number;
  /** People ahead while waiting; null otherwise. */
  position: number | null;
  /** When the call is expected while waiting; null without an estimate. */
  expectedCallAt: Date | null;
}

export interface AppointmentState {
  status: AppointmentStatus;
  startsAt: Date;
}

export interface SubjectState {
  /** The ticket, or the appointment's ticket once it is checked in. */
  ticket: TicketState | null;
  /** Set for an appointment's subscription, with when it subscribed (reminders only after it). */
  appointment: (AppointmentState & { subscribedAt: Date }) | null;
}

/** One message due: `send: false` records the key without sending (another message covered it). */
export interface Due {
  event: VisitorEvent;
  dedupeKey: string;
  send: boolean;
}

const HOUR = 3_600_000;
/** The reminders before an appointment's start, latest last. */
const REMINDERS = [
  { event: "reminder_day", before: 24 * HOUR },
  { event: "reminder_hour", before: HOUR },
] as const;

/** Three or fewer ahead, or the call ten minutes away (the office's settings). */
export function isApproaching(t: TicketState, settings: VisitorNotificationSettings, now: Date): boolean {
  if (t.status !== "waiting") return false;
  if (t.position !== null && t.position <= settings.approachingAhead) return true;
  return (
    t.expectedCallAt !== null &&
    t.expectedCallAt.getTime() - now.getTime() <= settings.approachingMinutes * 60_000
  );
}

export function decide(
  state: SubjectState,
  settings: VisitorNotificationSettings,
  queued: ReadonlySet<string>,
  now: Date,
): Due[] {
  const due: Due[] = [];
  const add = (event: VisitorEvent, dedupeKey: string, send = true) => {
    if (!queued.has(dedupeKey) && !due.some((d) => d.dedupeKey === dedupeKey))
      due.push({ event, dedupeKey, send });
  };
  if (state.ticket) decideTicket(state.ticket, settings, now, queued, add);
  else if (state.appointment) decideReminders(state.appointment, now, add);
  return due;
}

type Add = (event: VisitorEvent, dedupeKey: string, send?: boolean) => void;

function decideTicket(
  t: TicketState,
  settings: VisitorNotificationSettings,
  now: Date,
  queued: ReadonlySet<string>,
  add: Add,
) {
  const seg = t.segment;
  if (t.status === "waiting") {
    const redirectNews = seg > 1 && !queued.has(`redirected:${seg}`);
    if (redirectNews) add("redirected", `redirected:${seg}`);
    // "Redirected" tells the new position: already close, it says what "approaching" would.
    if (isApproaching(t, settings, now)) add("approaching", `approaching:${seg}`, !redirectNews);
  } else if (t.status === "called") {
    const called = `called:${seg}`;
    const recalled = `recalled:${seg}:${t.callCount}`;
    if (!queued.has(called)) {
      add("called", called);
      // Called says it all: nothing is left to say about coming nearer, or about this call again.
      add("approaching", `approaching:${seg}`, false);
      if (seg > 1) add("redirected", `redirected:${seg}`, false);
      if (t.callCount > 1) add("recalled", recalled, false);
    } else if (t.callCount > 1) add("recalled", recalled);
  } else if (t.status === "served") add("finished", "finished");
}

/** reminder_day / reminder_hour while still booked, each only if subscribed before its time. */
function decideReminders(a: AppointmentState & { subscribedAt: Date }, now: Date, add: Add) {
  if (a.status !== "booked" || now >= a.startsAt) return;
  const start = a.startsAt.getTime();
  // Only the latest reminder that is due: after a pause (a restart), the day one is not sent late.
  const dueNow = REMINDERS.filter((r) => now.getTime() >= start - r.before);
  const latest = dueNow.at(-1);
  if (!latest) return;
  for (const r of dueNow) add(r.event, r.event, r === latest && a.subscribedAt.getTime() < start - r.before);
}

/**
 * At subscribing: "joined" (it tells the position and estimate), and the keys it makes pointless:
 * "approaching" when already that close, "redirected" for a ticket subscribed after its redirect,
 * "called" when subscribed while called.
 */
export function decideOnSubscribe(
  state: SubjectState,
  settings: VisitorNotificationSettings,
  now: Date,
): Due[] {
  const due: Due[] = [{ event: "joined", dedupeKey: "joined", send: true }];
  const t = state.ticket;
  if (!t) return due;
  const skip = (event: VisitorEvent, dedupeKey: string) => due.push({ event, dedupeKey, send: false });
  if (t.segment > 1) skip("redirected", `redirected:${t.segment}`);
  if (isApproaching(t, settings, now) || t.status !== "waiting")
    skip("approaching", `approaching:${t.segment}`);
  if (t.status === "called" || t.status === "serving") {
    skip("called", `called:${t.segment}`);
    if (t.callCount > 1) skip("recalled", `recalled:${t.segment}:${t.callCount}`);
  }
  return due;
}
