import type { Kysely, Transaction } from "kysely";
import type { DB } from "./schema.ts";

/** Repositories take an executor, so the same function runs alone or inside a transaction. */
export type Executor = Kysely<DB> | Transaction<DB>;

export const toIso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
