import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { DB } from "../db/schema.ts";

/**
 * Keyed hashes of what identifies a visitor (docs/remote-join.md, "Remote join"): the phone and the
 * /join page's browser id are counted for the daily caps as HMAC-SHA-256 with a key only this
 * server knows, so the database holds nothing a reader could turn back into a number. The same
 * key derives the door's QR key of each office.
 */

const KEY_NAME = "visitor_hash_key";

/** Per database (tests open many in one process; instances on one database share the row). */
const keys = new WeakMap<Kysely<DB>, Promise<Buffer>>();

/**
 * The server's visitor-hash key: made once, kept in `server_state`. Two instances starting at once
 * both try to insert their own; `on conflict do nothing` keeps the first, and both read it back.
 */
export function visitorHashKey(db: Kysely<DB>): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = loadOrCreateKey(db);
    keys.set(db, key);
    // A failed read (the database away) is tried again next time, not remembered.
    key.catch(() => keys.delete(db));
  }
  return key;
}

async function loadOrCreateKey(db: Kysely<DB>): Promise<Buffer> {
  await db
    .insertInto("server_state")
    .values({ name: KEY_NAME, value: JSON.stringify({ key: randomBytes(32).toString("base64url") }) })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .selectFrom("server_state")
    .select("value")
    .where("name", "=", KEY_NAME)
    .executeTakeFirstOrThrow();
  const value = (typeof row.value === "string" ? JSON.parse(row.value) : row.value) as { key: string };
  return Buffer.from(value.key, "base64url");
}

export type VisitorIdKind = "phone" | "browser";

/** The keyed hash of a phone ("+79161234567") or a browser id, as stored in `tickets.*_hash`. */
export function visitorHash(key: Buffer, kind: VisitorIdKind, value: string): string {
  return createHmac("sha256", key).update(`${kind}:${value}`).digest("base64url");
}

/** Hashes a phone or browser id with the server's key. */
export async function hashVisitorId(db: Kysely<DB>, kind: VisitorIdKind, value: string): Promise<string> {
  return visitorHash(await visitorHashKey(db), kind, value);
}

/** The key of an office's door QR code (`/here?door=<key>`): 128 bits derived from the office id. */
export async function doorKeyOf(db: Kysely<DB>, branchId: string): Promise<string> {
  return createHmac("sha256", await visitorHashKey(db))
    .update(`door:${branchId}`)
    .digest("base64url")
    .slice(0, 22);
}

/** Whether `given` is the office's door key; compared in constant time. */
export async function isDoorKey(db: Kysely<DB>, branchId: string, given: string): Promise<boolean> {
  const expected = Buffer.from(await doorKeyOf(db, branchId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
