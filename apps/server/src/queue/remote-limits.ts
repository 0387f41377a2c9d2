import type { RemoteJoinSettings, WeekSchedule } from "@dq/shared";
import { sql } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import { conflict, type DomainError } from "../core/errors.ts";
import type { Executor } from "../db/executor.ts";
import { closingToday, isOpenAt, localTime } from "./calendar.ts";

/**
 * The limits on remote tickets (docs/remote-join.md, "Remote join"): the office's and the
 * service's switch, the per-phone and per-browser daily caps, the remote share of a queue and the
 * closing time. Issuing refuses by them; the /join page shows the same reasons.
 */

/** Why a service cannot be joined, for the visitor, in both languages. */
export interface Reason {
  ru: string;
  en: string;
}

/** A refusal: 409 with `details.reason` (and whatever else the visitor may be told). */
export function remoteRefusal(
  code: string,
  message: string,
  reason: Reason,
  details: Record<string, unknown> = {},
): DomainError {
  return conflict(code, message, { reason, ...details });
}

export const DISABLED_REASON: Reason = {
  ru: "В эту очередь нельзя встать дистанционно — возьмите талон в офисе",
  en: "This queue cannot be joined remotely — take a ticket at the office",
};

export function disabledRefusal(): DomainError {
  return remoteRefusal("remote_join_disabled", "this service cannot be joined remotely", DISABLED_REASON);
}

export function phoneLimitRefusal(limit: number): DomainError {
  return remoteRefusal(
    "phone_daily_limit",
    `this phone already has ${limit} remote tickets today`,
    {
      ru: `С этого номера сегодня уже взято талонов: ${limit}. Больше нельзя`,
      en: `This phone number already has ${limit} remote tickets today, the most allowed`,
    },
    { limit },
  );
}

export function browserLimitRefusal(limit: number): DomainError {
  return remoteRefusal(
    "browser_daily_limit",
    `this browser already has ${limit} remote tickets today`,
    {
      ru: `С этого устройства сегодня уже взято талонов: ${limit}. Больше нельзя`,
      en: `This device already has ${limit} remote tickets today, the most allowed`,
    },
    { limit },
  );
}

export const SHARE_REASON: Reason = {
  ru: "Сейчас в этой очереди много дистанционных посетителей — возьмите талон в офисе или попробуйте позже",
  en: "Many visitors have joined this queue remotely — take a ticket at the office or try later",
};

export function shareRefusal(maxSharePercent: number): DomainError {
  return remoteRefusal(
    "remote_share_limit",
    `remote tickets would exceed ${maxSharePercent}% of this queue`,
    SHARE_REASON,
    { maxSharePercent },
  );
}

/** Remote tickets of a service's queue: the first two always pass; after that, at most the share. */
export function exceedsShare(s: RemoteJoinSettings, remoteWaiting: number, waiting: number): boolean {
  const remote = remoteWaiting + 1;
  const all = waiting + 1;
  return remote > 2 && remote * 100 > s.maxSharePercent * all;
}

const hhmm = (at: Date, timeZone: string) => {
  const { minutes } = localTime(at, timeZone);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
};

/**
 * When the service (or the office, by its opening hours) stops today, whichever is first: `now`
 * when the office is closed now by its hours; null when neither has hours that end today.
 */
export function closesAt(branch: BranchContext, schedule: WeekSchedule | null, now: Date): Date | null {
  const office = branch.settings.openingHours;
  if (office && !isOpenAt(office, now, branch.timezone)) return now;
  const ends = [closingToday(schedule, now, branch.timezone), closingToday(office, now, branch.timezone)];
  const known = ends.filter((d): d is Date => d !== null);
  return known.length ? new Date(Math.min(...known.map((d) => d.getTime()))) : null;
}

/**
 * The refusal when the expected call falls after closing: only with `refuseAfterClosing`, and only
 * with an estimate (nobody serving: no estimate, let in) — except that an office closed now by
 * its opening hours takes nobody.
 */
export function closingRefusal(
  branch: BranchContext,
  schedule: WeekSchedule | null,
  expectedCallAt: Date | null,
  now: Date,
): DomainError | null {
  if (!branch.settings.remoteJoin.refuseAfterClosing) return null;
  const closing = closesAt(branch, schedule, now);
  if (!closing) return null;
  const closedNow = closing.getTime() <= now.getTime();
  if (!closedNow && (expectedCallAt === null || expectedCallAt.getTime() <= closing.getTime())) return null;
  const at = hhmm(closing, branch.timezone);
  const reason: Reason = closedNow
    ? { ru: "Офис сейчас закрыт", en: "The office is closed now" }
    : {
        ru: `Очередь не успеет дойти до вас до закрытия в ${at} — приходите в другой день`,
        en: `The queue will not reach you before closing at ${at} — come another day`,
      };
  // Closed now: there is no closing time to name.
  return remoteRefusal(
    "closes_before_turn",
    closedNow ? "the office is closed now" : "the expected call is after closing time today",
    reason,
    { closesAt: closedNow ? null : at },
  );
}

/**
 * Serialises remote joins of an office until the transaction ends, so that two joins at once
 * (the same phone twice, the last place of the share) are counted one after the other.
 */
export async function lockRemoteJoins(db: Executor, branchId: string) {
  await sql`select pg_advisory_xact_lock(hashtext('digitalqueue.remote-join'), ${Number(branchId) | 0})`.execute(
    db,
  );
}

/** Remote tickets of the business day with this phone's (or browser's) hash, cancelled ones included. */
export async function countRemoteToday(
  db: Executor,
  branchId: string,
  day: string,
  by: "phone_hash" | "browser_hash",
  hash: string,
): Promise<number> {
  const row = await db
    .selectFrom("tickets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("branch_id", "=", branchId)
    .where("business_day", "=", day)
    .where(by, "=", hash)
    .where("origin", "=", "remote")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A service's waiting queue and the remote tickets in it. */
export async function remoteShareOf(db: Executor, branchId: string, serviceId: string) {
  const row = await sql<{ waiting: number; remote: number }>`
    select count(*)::int as waiting, (count(*) filter (where origin = 'remote'))::int as remote
    from tickets where branch_id = ${branchId} and service_id = ${serviceId} and status = 'waiting'
  `.execute(db);
  return row.rows[0]!;
}
