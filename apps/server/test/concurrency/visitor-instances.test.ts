import { describe, expect, it } from "vitest";
import type { App } from "../../src/http/types.ts";
import { deliverDue } from "../../src/modules/alerts/delivery.ts";
import { notifierRound } from "../../src/modules/notifications/notifier.ts";
import { subscribe } from "../../src/modules/notifications/subscriptions.ts";
import { issue, type Office, operatorAction, setUpTwoInstances, takeWorkstation } from "../helpers/office.ts";
import type { Receivers } from "../helpers/receivers.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/** PostgreSQL only: two app instances on one database run the visitor notifier at once. */
let ctx: TestContext;
let office: Office;
let second: App;
let rx: Receivers;
const clock = new TestClock();

setUpTwoInstances(
  (r) => ({
    clock,
    config: {
      alerts: { intervalSeconds: 15, smtp: null, telegram: { token: "1:T", apiUrl: r.telegram.url } },
    },
  }),
  (made) => {
    ({ ctx, office, second, rx } = made);
  },
);

/** Both instances decide and send, each twice, all at once: timers and events firing together. */
const both = () =>
  Promise.all(
    [ctx.app, second, ctx.app, second].map(async (app) => {
      const r = await notifierRound(app.deps);
      await deliverDue(app.deps, app.deps.senders, app.log);
      return r;
    }),
  );

describe("the visitor notifier on two instances", () => {
  it("queues and sends each message once", async () => {
    const anna = office.operators.anna.cookie;
    await takeWorkstation(ctx, anna, office.workstations.w1);
    const ahead = [];
    for (let i = 0; i < 4; i++) ahead.push(await issue(ctx, office, office.services.buy));
    const tickets = [
      await issue(ctx, office, office.services.buy),
      await issue(ctx, office, office.services.buy),
    ];
    const branchId = (await ctx.database.db.selectFrom("branches").select("id").executeTakeFirstOrThrow()).id;
    // The same chat subscribed from both instances at once: one subscription.
    const subs = await Promise.all(
      [ctx.app, second, ctx.app, second].map((app, i) =>
        app.deps.db.transaction().execute((tx) =>
          subscribe(
            tx,
            {
              branchId,
              ticketId: tickets[i % 2]!.id,
              channel: "telegram",
              target: { chatId: `90${i % 2}` },
              language: "ru",
              now: clock.now,
            },
            app.deps,
          ),
        ),
      ),
    ).catch((e) => e);
    expect(Array.isArray(subs), String(subs)).toBe(true);
    for (let i = 0; i < 6; i++) {
      const called = await operatorAction(ctx, anna, "call-next");
      await both();
      await operatorAction(ctx, anna, `tickets/${called.id}/start`);
      await operatorAction(ctx, anna, `tickets/${called.id}/finish`);
      await both();
    }
    const texts = (chat: string) =>
      rx.telegram.received
        .map((r) => JSON.parse(r.body))
        .filter((m) => m.chat_id === chat)
        .map((m) => (m.text as string).split(/[:.]/)[1]!.trim());
    // Each: joined, approaching, called, finished — once each, whoever decided and sent them.
    expect(texts("900")).toEqual([
      "уведомления включены",
      "ваша очередь скоро",
      "вас приглашают в окно 1",
      "обслуживание завершено",
    ]);
    expect(texts("901")).toHaveLength(4);
    const rows = await ctx.database.db
      .selectFrom("outbox")
      .select(["subscription_id", "dedupe_key"])
      .where("subscription_id", "is not", null)
      .where("status", "=", "sent")
      .execute();
    expect(rows).toHaveLength(8);
  });
});
