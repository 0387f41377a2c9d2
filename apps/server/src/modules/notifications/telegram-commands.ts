import { appointmentCodeSchema, type Language, ticketCodeSchema } from "@dq/shared";
import type { BranchContext } from "../../core/branch-context.ts";
import type { Executor } from "../../db/executor.ts";
import { localTime } from "../../queue/calendar.ts";
import { findTicketByCode, positionOf } from "../../queue/repository.ts";
import { findAppointmentByCode } from "../appointments/repository.ts";
import { serviceNames } from "../services/repository.ts";
import { claimJoined } from "./notifier-outbox.ts";
import { branchOf, loadSubjects, measure, type NotifierDeps } from "./notifier-state.ts";
import { stopSubscriptions, subscribe, targetKeyOf } from "./subscriptions.ts";
import { botWords, type StatusLine } from "./telegram-texts.ts";

/** A message to the bot, as the command handlers need it. */
export interface ChatCommand {
  chatId: string;
  language: Language;
  text: string;
}

const ACTIVE_TICKET = ["waiting", "called", "serving"];
const ACTIVE_APPOINTMENT = ["booked", "checked_in"];

/**
 * The bot's answer. `outboxId`: the answer is the chat's "joined" message, queued in the outbox
 * and claimed by the bot (see claimJoined) — the bot marks it sent, or leaves it to the outbox.
 */
export interface ChatReply {
  text: string;
  outboxId: string | null;
}

/** How long the bot holds the "joined" message it answers with (the outbox loop's claim: 120 s). */
const REPLY_CLAIM_SECONDS = 120;

/**
 * Runs a chat's command inside the caller's transaction (the one that also records the update as
 * handled) and returns the reply: /start <code> subscribes the chat, /status tells where its
 * tickets are, /stop unsubscribes it from everything, anything else gets the help.
 */
export async function runChatCommand(
  tx: Executor,
  deps: NotifierDeps,
  cmd: ChatCommand,
  now: Date,
): Promise<ChatReply> {
  const reply = await answer(tx, deps, cmd, now);
  return typeof reply === "string" ? { text: reply, outboxId: null } : reply;
}

async function answer(tx: Executor, deps: NotifierDeps, cmd: ChatCommand, now: Date) {
  const words = botWords(cmd.language);
  // "/start@MyBot K7QM-4XPA" in a group; the deep link sends "/start K7QM-4XPA".
  const [command = "", ...args] = cmd.text.trim().split(/\s+/);
  const name = command.toLowerCase().replace(/@\w+$/, "");
  if (name === "/start" && args[0]) return start(tx, deps, cmd, args.join(""), now);
  if (name === "/status") return status(tx, deps, cmd, now);
  if (name === "/stop") {
    const stopped = await stopSubscriptions(tx, { targetKey: chatKey(cmd.chatId), now });
    return words.stopped(stopped.length);
  }
  return words.help;
}

const chatKey = (chatId: string) => targetKeyOf("telegram", { chatId });

/**
 * /start <code>: subscribes the chat to the ticket (or appointment). A new subscription is
 * answered with its "joined" message itself (position and estimate, or the appointment's time),
 * so the visitor gets one message, not a confirmation and then "joined" saying the same; the
 * chat already subscribed is told where the ticket is now.
 */
async function start(
  tx: Executor,
  deps: NotifierDeps,
  cmd: ChatCommand,
  code: string,
  now: Date,
): Promise<string | ChatReply> {
  const words = botWords(cmd.language);
  const target = {
    channel: "telegram" as const,
    target: { chatId: cmd.chatId },
    language: cmd.language,
    now,
  };
  const ticketCode = ticketCodeSchema.safeParse(code);
  const ticket = ticketCode.success ? await findTicketByCode(tx, ticketCode.data) : undefined;
  if (ticket) {
    if (!ACTIVE_TICKET.includes(ticket.status)) return words.finished(ticket.label);
    const sub = await subscribe(tx, { ...target, branchId: ticket.branch_id, ticketId: ticket.id }, deps);
    const joined = sub.created ? await claimJoined(tx, sub.row.id, now, REPLY_CLAIM_SECONDS) : null;
    if (joined) return { text: joined.body, outboxId: joined.id };
    return words.subscribed(ticket.label, ticket.status === "waiting" ? await positionOf(tx, ticket) : null);
  }
  const appointmentCode = appointmentCodeSchema.safeParse(code);
  const appointment = appointmentCode.success
    ? await findAppointmentByCode(tx, appointmentCode.data)
    : undefined;
  if (!appointment) return words.notFound(code.slice(0, 40));
  if (!ACTIVE_APPOINTMENT.includes(appointment.status)) return words.finished(appointment.code.toUpperCase());
  const sub = await subscribe(
    tx,
    { ...target, branchId: appointment.branch_id, appointmentId: appointment.id },
    deps,
  );
  const joined = sub.created ? await claimJoined(tx, sub.row.id, now, REPLY_CLAIM_SECONDS) : null;
  if (joined) return { text: joined.body, outboxId: joined.id };
  const [branch, service] = await Promise.all([
    branchOf(tx, appointment.branch_id),
    serviceNames(tx, appointment.service_id),
  ]);
  const serviceName = (cmd.language !== "ru" && service.translations?.[cmd.language]) || service.name;
  return words.subscribedAppointment(serviceName, dayAndTime(new Date(appointment.starts_at), branch));
}

async function status(tx: Executor, deps: NotifierDeps, cmd: ChatCommand, now: Date) {
  const words = botWords(cmd.language);
  const subs = await tx
    .selectFrom("visitor_subscriptions")
    .select("id")
    .where("target_key", "=", chatKey(cmd.chatId))
    .where("stopped_at", "is", null)
    .orderBy("id")
    .execute();
  if (subs.length === 0) return words.noSubscriptions;
  const subjects = await loadSubjects(tx, { ids: subs.map((s) => s.id) });
  const branches = new Map<string, BranchContext>();
  const lines: StatusLine[] = [];
  for (const subject of subjects) {
    const branchId = subject.sub.branch_id;
    if (!branches.has(branchId)) branches.set(branchId, await branchOf(tx, branchId));
    const branch = branches.get(branchId)!;
    const { facts } = await measure(tx, deps, branch, subject, now);
    lines.push(statusLine(subject, facts, branch));
  }
  return words.status(lines);
}

type Measured = Awaited<ReturnType<typeof measure>>["facts"];

function statusLine(
  subject: Awaited<ReturnType<typeof loadSubjects>>[number],
  facts: Measured,
  branch: BranchContext,
): StatusLine {
  const t = subject.ticket;
  const label = facts.label ?? facts.service;
  if (t?.status === "waiting")
    return { label, state: { kind: "waiting", ahead: facts.position ?? 0, wait: facts.wait } };
  if (t?.status === "called")
    return { label, state: { kind: "called", window: facts.window?.number ?? null } };
  if (t?.status === "serving") return { label, state: { kind: "serving" } };
  if (!t && subject.appointment?.status === "booked")
    return {
      label,
      state: { kind: "booked", at: dayAndTime(new Date(subject.appointment.starts_at), branch) },
    };
  return { label, state: { kind: "over" } };
}

/** "07.12 10:30" in the office's time. */
function dayAndTime(at: Date, branch: BranchContext): string {
  const { day, minutes } = localTime(at, branch.timezone);
  const [, month, date] = day.split("-");
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${date}.${month} ${hh}:${mm}`;
}
