import type { CallingPolicy } from "@dq/shared";

/** A waiting ticket as the calling policy sees it. */
export interface Candidate {
  id: string;
  /** The client category's priority; 0 for an ordinary client. */
  categoryPriority: number;
  /** The operator's rank for the ticket's service: 1 first. */
  rank: number;
  servicePriority: number;
  /** Queued from: arrival, or for an appointment the later of check-in and its start. */
  enqueuedAt: Date;
  targetWaitMinutes: number | null;
  /** An appointment's start while the ticket is called as one; null for walk-ins and late arrivals. */
  bookedFor: Date | null;
  /** A remote ticket whose holder has not yet said «Я на месте» (docs/remote-join.md). */
  awaitingArrival?: boolean;
}

export type CallClass = "priority" | "normal";

export interface PolicyContext {
  policy: CallingPolicy;
  now: Date;
  /** Classes of the latest first calls in the branch, newest first (for the ratio rule). */
  recentCalls: readonly CallClass[];
}

export function callClassOf(categoryPriority: number): CallClass {
  return categoryPriority > 0 ? "priority" : "normal";
}

export function isOverdue(c: Pick<Candidate, "enqueuedAt" | "targetWaitMinutes">, now: Date): boolean {
  return (
    c.targetWaitMinutes !== null && now.getTime() - c.enqueuedAt.getTime() > c.targetWaitMinutes * 60_000
  );
}

/**
 * The ratio rule ({normal: N, priority: P}) as a sliding window: look at the last N+P-1 calls; if
 * fewer than P of them went to priority clients, a priority client is due, otherwise a normal one.
 * This yields exactly P priority calls in every N+P while both kinds are waiting.
 */
export function preferredClass(policy: CallingPolicy, recentCalls: readonly CallClass[]): CallClass | null {
  if (!policy.ratio) return null;
  const window = recentCalls.slice(0, policy.ratio.normal + policy.ratio.priority - 1);
  const priorityCalls = window.filter((c) => c === "priority").length;
  return priorityCalls < policy.ratio.priority ? "priority" : "normal";
}

/**
 * Whether call next may take the ticket now: an appointment checked in early waits until it is
 * queued (its start), a remote ticket until its holder has arrived; everyone else is callable at
 * once. (Staff calling a ticket by hand may call either: they see the visitor.)
 */
export function isCallable(
  c: Pick<Candidate, "enqueuedAt" | "bookedFor" | "awaitingArrival">,
  now: Date,
): boolean {
  if (c.awaitingArrival) return false;
  return c.bookedFor === null || c.enqueuedAt.getTime() <= now.getTime();
}

/**
 * The ordering of docs/appointments.md "Calling order" (and docs/PRODUCT.md §4): overdue first
 * (SLA guard), then appointments whose start has come, then the class the ratio rule wants, then
 * category priority, operator's rank, service priority, and longest waiting (FIFO).
 * `orderKey` returns the sort key of a callable candidate; the SQL in repository.ts orders by the
 * same key.
 */
export function orderKey(c: Candidate, ctx: PolicyContext, preferred: CallClass | null): (number | bigint)[] {
  const overdue = ctx.policy.slaGuard && isOverdue(c, ctx.now) ? 0 : 1;
  const walkIn = c.bookedFor === null ? 1 : 0;
  const classMiss = preferred === null || callClassOf(c.categoryPriority) === preferred ? 0 : 1;
  return [
    overdue,
    walkIn,
    classMiss,
    -c.categoryPriority,
    c.rank,
    -c.servicePriority,
    c.enqueuedAt.getTime(),
    BigInt(c.id),
  ];
}

function compareKeys(a: (number | bigint)[], b: (number | bigint)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < y) return -1;
    if (x > y) return 1;
  }
  return 0;
}

/** The candidates call next may take now, in calling order (best first). */
export function rankCandidates(candidates: readonly Candidate[], ctx: PolicyContext): Candidate[] {
  const preferred = preferredClass(ctx.policy, ctx.recentCalls);
  return candidates
    .filter((c) => isCallable(c, ctx.now))
    .map((c) => ({ c, key: orderKey(c, ctx, preferred) }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ c }) => c);
}

/** The ticket "call next" should take, or null when nobody eligible is waiting. */
export function pickNext(candidates: readonly Candidate[], ctx: PolicyContext): Candidate | null {
  return rankCandidates(candidates, ctx)[0] ?? null;
}
