import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Executor } from "../../src/db/executor.ts";
import { inTransaction, joinOrStartTransaction } from "../../src/db/transaction.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/** The one transaction helper: a new transaction, or, said explicitly, the caller's. */
let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

const countPauseReasons = async (name: string) =>
  Number(
    (
      await ctx.database.db
        .selectFrom("pause_reasons")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("name", "=", name)
        .executeTakeFirstOrThrow()
    ).n,
  );

const addPauseReason = (db: Executor, branch: string, name: string) =>
  sql`insert into pause_reasons (branch_id, name, translations, created_at, updated_at)
      values (${branch}, ${name}, '{}', now(), now())`.execute(db);

const branchId = async () =>
  (await ctx.database.db.selectFrom("branches").select("id").executeTakeFirstOrThrow()).id;

describe("transactions", () => {
  it("inTransaction refuses to start inside another transaction instead of silently joining it", async () => {
    await expect(
      inTransaction(ctx.database.db, (tx) => inTransaction(tx, async () => "nested")),
    ).rejects.toThrow("inTransaction() inside a transaction: use joinOrStartTransaction() to join it");
  });

  it("joinOrStartTransaction joins the caller's: when the caller rolls back, the joined work is gone too", async () => {
    const branch = await branchId();
    await expect(
      inTransaction(ctx.database.db, async (tx) => {
        await joinOrStartTransaction(tx, (inner) => addPauseReason(inner, branch, "Joined"));
        throw new Error("the caller fails");
      }),
    ).rejects.toThrow("the caller fails");
    expect(await countPauseReasons("Joined")).toBe(0);

    // Alone, it starts its own and commits.
    await joinOrStartTransaction(ctx.database.db, (tx) => addPauseReason(tx, branch, "Alone"));
    expect(await countPauseReasons("Alone")).toBe(1);
  });
});
