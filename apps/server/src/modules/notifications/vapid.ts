import webpush from "web-push";
import type { VisitorChannelsConfig } from "../../core/config.ts";
import type { Executor } from "../../db/executor.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const STATE_NAME = "vapid_keys";

/**
 * The server's VAPID keys: the configured pair, or one generated on the first need and kept in
 * `server_state`. Two instances generating at once both insert with `on conflict do nothing` and
 * then read the row back, so they use the same pair (push subscriptions are bound to one key).
 */
export async function loadVapidKeys(db: Executor, config: VisitorChannelsConfig): Promise<VapidKeys> {
  if (config.vapid) return config.vapid;
  const stored = await readStored(db);
  if (stored) return stored;
  const fresh = webpush.generateVAPIDKeys();
  await db
    .insertInto("server_state")
    .values({ name: STATE_NAME, value: JSON.stringify(fresh) })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const kept = await readStored(db);
  if (!kept) throw new Error("VAPID keys were not kept in server_state");
  return kept;
}

async function readStored(db: Executor): Promise<VapidKeys | null> {
  const row = await db
    .selectFrom("server_state")
    .select("value")
    .where("name", "=", STATE_NAME)
    .executeTakeFirst();
  const value = row?.value as Partial<VapidKeys> | undefined;
  return value?.publicKey && value.privateKey
    ? { publicKey: value.publicKey, privateKey: value.privateKey }
    : null;
}
