import type { Kysely, Transaction } from "kysely";
import type { DB } from "./schema.ts";

/** Work that runs inside one transaction: it commits as a whole or not at all. */
export type TransactionWork<T> = (tx: Transaction<DB>) => Promise<T>;

/**
 * The one way to run a transaction: a state change and its events commit together or not at all.
 * It refuses to start inside another transaction, where it would silently become part of it;
 * code written to take part in a caller's transaction says so with `joinOrStartTransaction`.
 */
export function inTransaction<T>(db: Kysely<DB>, work: TransactionWork<T>): Promise<T> {
  if (db.isTransaction) {
    throw new Error("inTransaction() inside a transaction: use joinOrStartTransaction() to join it");
  }
  return db.transaction().execute(work);
}

/**
 * Joins the caller's transaction when there is one, else starts one. The engine's operations are
 * written this way so that a batch (the demo history generator) can run many of them as one.
 */
export function joinOrStartTransaction<T>(db: Kysely<DB>, work: TransactionWork<T>): Promise<T> {
  if (db.isTransaction) return work(db as Transaction<DB>);
  return db.transaction().execute(work);
}
