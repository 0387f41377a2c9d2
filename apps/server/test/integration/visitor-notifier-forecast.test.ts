import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notifierRound } from "../../src/modules/notifications/notifier.ts";
import { subscribe } from "../../src/modules/notifications/subscriptions.ts";
import { buildOffice, issue, type Office, takeWorkstation } from "../helpers/office.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * Trying /join on the embedded database, a session saw the server hang once a ticket had a
 * subscription (not reproduced since). One way it could: the notifier measured estimates inside
 * its transaction and waited for a forecast another request was computing, which needs the one
 * PGlite connection the transaction holds. The notifier now never waits for a forecast inside its
 * transaction; joins and rounds interleaved like this must all finish, with the right answers.
 */
let ctx: TestContext;
let office: Office;

beforeAll(async () => {
  ctx = await createTestContext();
  office = await buildOffice(ctx);
});
afterAll(async () => ctx.close());

describe("the notifier beside joins", () => {
  it("never waits for a forecast inside its transaction: every join and round finishes", async () => {
    await takeWorkstation(ctx, office.operators.anna.cookie, office.workstations.w1);
    const first = await issue(ctx, office, office.services.buy);
    const branchId = (await ctx.database.db.selectFrom("branches").select("id").executeTakeFirstOrThrow()).id;
    await ctx.database.db.transaction().execute((tx) =>
      subscribe(
        tx,
        {
          branchId,
          ticketId: first.id,
          channel: "telegram",
          target: { chatId: "777" },
          language: "ru",
          now: ctx.app.deps.clock(),
        },
        ctx.app.deps,
      ),
    );
    const branch = (await ctx.app.branches.get(branchId))!;
    const hung = () => new Promise((resolve) => setTimeout(() => resolve("hung"), 10_000));
    for (let i = 0; i < 3; i++) {
      // A new ticket changes the queue; a request starts the next forecast as the round begins.
      await issue(ctx, office, office.services.buy);
      const computing = ctx.app.deps.forecasts!.current(ctx.app.deps, branch);
      const round = notifierRound(ctx.app.deps);
      const outcome = await Promise.race([Promise.all([computing, round]), hung()]);
      expect(outcome).not.toBe("hung");
    }
    const joins = await Promise.race([
      Promise.all(
        [0, 1].map(() =>
          ctx.request("POST", "/api/v1/remote-tickets", { body: { serviceId: office.services.buy } }),
        ),
      ),
      hung(),
    ]);
    expect((joins as { status: number }[]).map((r) => r.status)).toEqual([201, 201]);
  }, 60_000);
});
