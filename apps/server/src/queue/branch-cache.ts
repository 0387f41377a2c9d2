import type { Kysely } from "kysely";
import type { BranchContext } from "../core/branch-context.ts";
import type { DB } from "../db/schema.ts";
import { findBranch, firstBranch } from "./branches.ts";

const TTL_MS = 5_000;

/**
 * Branch settings are read on nearly every request; a few seconds of caching saves a query each
 * time. Edits through this instance invalidate at once; other instances see them within TTL_MS.
 */
export class BranchCache {
  readonly #db: Kysely<DB>;
  readonly #byId = new Map<string, { value: BranchContext | null; at: number }>();
  #default: { value: BranchContext | null; at: number } | null = null;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async get(id: string): Promise<BranchContext | null> {
    const hit = this.#byId.get(id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = await findBranch(this.#db, id);
    this.#byId.set(id, { value, at: Date.now() });
    return value;
  }

  /** The branch used when a request names none: the first one (most installs have only one). */
  async getDefault(): Promise<BranchContext | null> {
    if (this.#default && Date.now() - this.#default.at < TTL_MS) return this.#default.value;
    const value = await firstBranch(this.#db);
    this.#default = { value, at: Date.now() };
    return value;
  }

  invalidate() {
    this.#byId.clear();
    this.#default = null;
  }
}
