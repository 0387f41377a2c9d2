import { type Kysely, sql } from "kysely";
import type { Executor } from "../../db/executor.ts";
import type { DB } from "../../db/schema.ts";
import { inTransaction } from "../../db/transaction.ts";

/**
 * Where the bot keeps track of Telegram updates, in `server_state`: `telegram_poller` (the
 * instance reading getUpdates now and until when, and the next offset) or `telegram_webhook`.
 * An update is recorded as handled in the transaction that handles it, so it is handled once even
 * when two instances, a restart or Telegram's retry bring it twice.
 */
export type UpdatesStateName = "telegram_poller" | "telegram_webhook";

interface UpdatesState {
  holder?: string;
  until?: string;
  /** The next getUpdates offset: the last handled update's id + 1. */
  offset: number;
  /** The last handled update ids (Telegram may restart its numbering after a quiet week). */
  recent: number[];
  /** When an update was last handled. */
  lastAt?: string;
}

/**
 * After a week without updates Telegram numbers the next one at random, possibly below the stored
 * offset (which would confirm it unseen): after 6 quiet days the poller asks from the start, and
 * `recent` keeps it from handling anything twice.
 */
const QUIET_MS = 6 * 24 * 3_600_000;

const RECENT = 200;
const EMPTY: UpdatesState = { offset: 0, recent: [] };

async function lockState(tx: Executor, name: UpdatesStateName): Promise<UpdatesState> {
  await tx
    .insertInto("server_state")
    .values({ name, value: JSON.stringify(EMPTY) })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await tx
    .selectFrom("server_state")
    .select("value")
    .where("name", "=", name)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return { ...EMPTY, ...(row.value as Partial<UpdatesState>) };
}

async function saveState(tx: Executor, name: UpdatesStateName, value: UpdatesState, now: Date) {
  await tx
    .updateTable("server_state")
    // (schema.ts types this column's update oddly; the value is a plain timestamp)
    .set({ value: JSON.stringify(value), updated_at: sql<never>`${now}` })
    .where("name", "=", name)
    .execute();
}

/**
 * Takes the polling lease if it is free, expired or already ours, and extends it; returns the
 * offset to poll from, or null when another instance holds it.
 */
export async function takePollerLease(
  db: Kysely<DB>,
  holder: string,
  now: Date,
  leaseMs: number,
): Promise<number | null> {
  return inTransaction(db, async (tx) => {
    const state = await lockState(tx, "telegram_poller");
    const free = !state.holder || state.holder === holder || !state.until || new Date(state.until) < now;
    if (!free) return null;
    await saveState(
      tx,
      "telegram_poller",
      { ...state, holder, until: new Date(now.getTime() + leaseMs).toISOString() },
      now,
    );
    const quiet = !state.lastAt || now.getTime() - new Date(state.lastAt).getTime() > QUIET_MS;
    return quiet ? 0 : state.offset;
  });
}

/** Lets the lease go at once (a stopping server), so that another instance need not wait it out. */
export async function releasePollerLease(db: Kysely<DB>, holder: string, now: Date): Promise<void> {
  await inTransaction(db, async (tx) => {
    const state = await lockState(tx, "telegram_poller");
    if (state.holder !== holder) return;
    await saveState(
      tx,
      "telegram_poller",
      { ...state, holder: undefined, until: undefined } as UpdatesState,
      now,
    );
  });
}

/**
 * Records an update as handled, inside the transaction that handles it: "duplicate" when it was
 * handled already (the offset still moves past it, so it cannot block the ones after it), "lost"
 * when (polling) `holder` no longer holds the lease.
 */
export async function claimUpdate(
  tx: Executor,
  name: UpdatesStateName,
  updateId: number,
  holder: string | null,
  now: Date,
): Promise<"claimed" | "duplicate" | "lost"> {
  const state = await lockState(tx, name);
  if (holder !== null && state.holder !== holder) return "lost";
  if (state.recent.includes(updateId)) {
    const offset = Math.max(state.offset, updateId + 1);
    if (offset !== state.offset) await saveState(tx, name, { ...state, offset }, now);
    return "duplicate";
  }
  const recent = [...state.recent, updateId].slice(-RECENT);
  await saveState(tx, name, { ...state, offset: updateId + 1, recent, lastAt: now.toISOString() }, now);
  return "claimed";
}
