import type { Language } from "@dq/shared";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import type { AppointmentRow, TicketRow, VisitorSubscriptionRow } from "../../db/schema.ts";
import { findBranch } from "../../queue/branches.ts";
import { type Quote, quoteFromForecast, recordedQuote } from "../../queue/estimates.ts";
import type { WaitForecasts } from "../../queue/forecast/cache.ts";
import { positionOf } from "../../queue/repository.ts";
import { loadWorkstationInfo } from "../../queue/ticket-events.ts";
import { serviceNames } from "../services/repository.ts";
import type { SubjectState } from "./decide.ts";
import type { MessageFacts } from "./texts.ts";

/** What deciding and writing a visitor message needs besides the transaction (AppDeps has it all). */
export interface NotifierDeps {
  /** Where links in messages point (DQ_PUBLIC_URL); without it messages carry no links. */
  config?: { publicUrl?: string | undefined };
  /** The app's forecast cache; without it, each estimate makes its own forecast. */
  forecasts?: WaitForecasts;
}

/** A subscription with what it is about: its ticket (an appointment's once checked in) and appointment. */
export interface Subject {
  sub: VisitorSubscriptionRow;
  ticket: TicketRow | null;
  appointment: AppointmentRow | null;
}

/** Active subscriptions of an office (or the given ones), with their tickets and appointments. */
export async function loadSubjects(
  db: Executor,
  where: { branchId: string } | { ids: readonly string[] },
): Promise<Subject[]> {
  let q = db.selectFrom("visitor_subscriptions").selectAll().where("stopped_at", "is", null);
  q = "ids" in where ? q.where("id", "in", [...where.ids]) : q.where("branch_id", "=", where.branchId);
  const subs = await q.orderBy("id").execute();
  if (subs.length === 0) return [];
  const appointmentIds = subs.flatMap((s) => (s.appointment_id ? [s.appointment_id] : []));
  const appointments = appointmentIds.length
    ? await db.selectFrom("appointments").selectAll().where("id", "in", appointmentIds).execute()
    : [];
  const appointmentOf = new Map(appointments.map((a) => [a.id, a]));
  const ticketIds = subs.flatMap((s) => {
    const id = s.ticket_id ?? (s.appointment_id ? appointmentOf.get(s.appointment_id)?.ticket_id : null);
    return id ? [id] : [];
  });
  const tickets = ticketIds.length
    ? await db.selectFrom("tickets").selectAll().where("id", "in", ticketIds).execute()
    : [];
  const ticketOf = new Map(tickets.map((t) => [t.id, t]));
  return subs.map((sub) => {
    const appointment = sub.appointment_id ? (appointmentOf.get(sub.appointment_id) ?? null) : null;
    const ticketId = sub.ticket_id ?? appointment?.ticket_id ?? null;
    return { sub, appointment, ticket: ticketId ? (ticketOf.get(ticketId) ?? null) : null };
  });
}

/** The subject's state for decide(), and the facts its messages tell. */
export async function measure(
  db: Executor,
  deps: NotifierDeps,
  branch: BranchContext,
  s: Subject,
  now: Date,
): Promise<{ state: SubjectState; facts: MessageFacts }> {
  const t = s.ticket;
  const waiting = t?.status === "waiting";
  const [position, quote] = waiting ? [await positionOf(db, t), quoteOf(deps, branch, t, now)] : [null, null];
  const ws =
    t && (t.status === "called" || t.status === "serving")
      ? await loadWorkstationInfo(db, t.workstation_id)
      : null;
  const language = (s.sub.language === "en" ? "en" : "ru") as Language;
  const service = await serviceNames(db, t?.service_id ?? s.appointment!.service_id);
  const state: SubjectState = {
    ticket: t
      ? {
          status: t.status,
          segment: t.segment,
          callCount: t.call_count,
          position,
          expectedCallAt: quote?.callAt ?? null,
        }
      : null,
    appointment: s.appointment
      ? {
          status: s.appointment.status,
          startsAt: new Date(s.appointment.starts_at),
          subscribedAt: s.sub.created_at,
        }
      : null,
  };
  const base = deps.config?.publicUrl;
  const page = t ? `/t/${encodeURIComponent(t.code)}` : `/b/${encodeURIComponent(s.appointment!.code)}`;
  const facts: MessageFacts = {
    language,
    office: (language !== "ru" && branch.settings.nameTranslations?.[language]) || branch.name,
    label: t?.label ?? null,
    service: (language !== "ru" && service.translations?.[language]) || service.name,
    position,
    wait: quote?.wait ?? null,
    window: ws ? { name: ws.name, number: ws.number } : null,
    appointmentStart: s.appointment ? new Date(s.appointment.starts_at) : null,
    timezone: branch.timezone,
    alreadyClose: false,
    botCommands: s.sub.channel === "telegram",
    pageUrl: base ? `${base}${page}` : null,
    unsubscribeUrl: base ? `${base}/u/${s.sub.unsubscribe_token}` : null,
  };
  return { state, facts };
}

/**
 * The ticket's estimate without waiting for a forecast. Measuring runs inside a transaction, and a
 * forecast being computed meanwhile needs a connection of its own: PGlite has only one, so waiting
 * for it here hung the whole server. The latest finished forecast if it knows the ticket (the
 * notifier makes one before its transaction), else the quote recorded when the ticket was taken.
 */
function quoteOf(deps: NotifierDeps, branch: BranchContext, t: TicketRow, now: Date): Quote | null {
  const forecast = deps.forecasts?.latest(branch.id);
  const call = forecast?.tickets.get(t.id);
  if (forecast && call)
    return forecast.servedServices.has(t.service_id) ? quoteFromForecast(call, now) : null;
  return recordedQuote(t);
}

/** The office of a subscription, read in the caller's transaction. */
export async function branchOf(db: Executor, branchId: string): Promise<BranchContext> {
  const branch = await findBranch(db, branchId);
  if (!branch) throw new Error(`branch ${branchId} not found`);
  return branch;
}
