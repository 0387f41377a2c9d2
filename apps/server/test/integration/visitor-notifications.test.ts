import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deliverDue } from "../../src/modules/alerts/delivery.ts";
import { notifierRound, retentionRound } from "../../src/modules/notifications/notifier.ts";
import { subscribe } from "../../src/modules/notifications/subscriptions.ts";
import { buildOffice, issue, type Office, operatorAction, takeWorkstation } from "../helpers/office.ts";
import { startReceivers } from "../helpers/receivers.ts";
import { createTestContext, TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Visitor notifications end to end on a real database: a fake Telegram Bot API and a real SMTP
 * server on loopback; the clock is moved by hand and the notifier's rounds run by the test (the
 * server runs them on every committed ticket event and every 15 s).
 */
let ctx: TestContext;
let office: Office;
let rx: Awaited<ReturnType<typeof startReceivers>>;
const clock = new TestClock();
const BOT_TOKEN = "123456:TEST-token";
const PUBLIC = "https://queue.office.test";

beforeAll(async () => {
  rx = await startReceivers();
  ctx = await createTestContext({
    clock,
    config: {
      publicUrl: PUBLIC,
      alerts: {
        intervalSeconds: 15,
        smtp: { url: rx.smtp.url, from: "DigitalQueue <dq@office.test>" },
        telegram: { token: BOT_TOKEN, apiUrl: rx.telegram.url },
      },
    },
  });
  office = await buildOffice(ctx);
  // Only "people ahead" makes "approaching" here: the estimate's minutes never come near.
  const patch = await ctx.request("PATCH", "/api/v1/branch", {
    cookie: ctx.adminCookie,
    body: { settings: { visitorNotifications: { approachingMinutes: 1 } } },
  });
  expect(patch.status).toBe(200);
});
afterAll(async () => {
  await ctx.close();
  await rx.close();
});
afterEach(async () => {
  await ctx.request("POST", "/api/v1/queue/close-day", { cookie: ctx.adminCookie });
  for (const op of Object.values(office.operators))
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: op.cookie });
  rx.telegram.received.length = 0;
  rx.smtp.messages.length = 0;
});

/** What the server does after each change: decide, then send. */
async function settle() {
  const r = await notifierRound(ctx.app.deps);
  await deliverDue(ctx.app.deps, ctx.app.deps.senders, ctx.app.log);
  return r;
}
const telegramTexts = () => rx.telegram.received.map((r) => JSON.parse(r.body).text as string);

async function subscribeTelegram(ticketId: string, chatId: string, language = "ru") {
  const branchId = (await ctx.database.db.selectFrom("branches").select("id").executeTakeFirstOrThrow()).id;
  return ctx.database.db
    .transaction()
    .execute((tx) =>
      subscribe(
        tx,
        { branchId, ticketId, channel: "telegram", target: { chatId }, language, now: clock.now },
        ctx.app.deps,
      ),
    );
}

describe("a Telegram subscriber", () => {
  it("is told once that he joined, once that 3 are ahead, once he is called (the window), recalled, redirected and finished", async () => {
    const anna = office.operators.anna.cookie;
    await takeWorkstation(ctx, anna, office.workstations.w1);
    const ahead = [];
    for (let i = 0; i < 5; i++) ahead.push(await issue(ctx, office, office.services.buy));
    const mine = await issue(ctx, office, office.services.buy);
    const { row, created } = await subscribeTelegram(mine.id, "777");
    expect(created).toBe(true);
    // The same chat again is the same subscription.
    const again = await subscribeTelegram(mine.id, "777");
    expect(again).toMatchObject({ created: false, row: { id: row.id } });

    await settle();
    expect(telegramTexts()).toHaveLength(1);
    expect(rx.telegram.received[0]!.headers.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(JSON.parse(rx.telegram.received[0]!.body).chat_id).toBe("777");
    const joined = telegramTexts()[0]!;
    expect(joined.split("\n")[0]).toMatch(
      new RegExp(`^Талон ${mine.label}, «Купить билет»: уведомления включены\\. Перед вами 5 человек\\.`),
    );
    expect(joined).toContain(`Следить за очередью: ${PUBLIC}/t/${mine.code}`);
    expect(joined).toContain(`Отписаться: ${PUBLIC}/u/${row.unsubscribe_token}`);

    // Called one by one: 4 ahead, then 3 (approaching), 2, 1, 0 — one "approaching" only.
    for (let i = 0; i < 5; i++) {
      const called = await operatorAction(ctx, anna, "call-next");
      expect(called.id).toBe(ahead[i]!.id);
      await operatorAction(ctx, anna, `tickets/${called.id}/start`);
      await operatorAction(ctx, anna, `tickets/${called.id}/finish`);
      await settle();
      await settle();
    }
    const approaching = telegramTexts().filter((t) => t.includes("ваша очередь скоро"));
    expect(approaching).toHaveLength(1);
    expect(approaching[0]!.split("\n")[0]).toMatch(
      new RegExp(`^Талон ${mine.label}: ваша очередь скоро\\. Перед вами 3 человека\\.`),
    );
    expect(telegramTexts()).toHaveLength(2);

    const called = await operatorAction(ctx, anna, "call-next");
    expect(called.id).toBe(mine.id);
    await settle();
    await settle();
    expect(telegramTexts()[2]!.split("\n")[0]).toBe(
      `Талон ${mine.label}: вас приглашают в окно 1 («Окно 1»).`,
    );
    await operatorAction(ctx, anna, `tickets/${mine.id}/recall`);
    await settle();
    expect(telegramTexts()[3]!.split("\n")[0]).toBe(
      `Талон ${mine.label}: вас приглашают повторно в окно 1 («Окно 1»).`,
    );
    await operatorAction(ctx, anna, `tickets/${mine.id}/start`);
    await operatorAction(ctx, anna, `tickets/${mine.id}/redirect`, { serviceId: office.services.refund });
    await settle();
    expect(telegramTexts()[4]!.split("\n")[0]).toBe(
      `Талон ${mine.label}: вас направили в «Возврат». Вы следующий. Ожидание — до минуты.`,
    );
    const second = await operatorAction(ctx, anna, "call-next");
    expect(second.id).toBe(mine.id);
    await settle();
    await operatorAction(ctx, anna, `tickets/${mine.id}/start`);
    await operatorAction(ctx, anna, `tickets/${mine.id}/finish`);
    await settle();
    await settle();
    const texts = telegramTexts();
    // Called in the new segment, then finished with the rating link; nothing twice.
    expect(texts.slice(5).map((t) => t.split("\n")[0])).toEqual([
      `Талон ${mine.label}: вас приглашают в окно 1 («Окно 1»).`,
      `Талон ${mine.label}: обслуживание завершено. Спасибо!`,
    ]);
    expect(texts[6]).toContain(`Оцените обслуживание: ${PUBLIC}/t/${mine.code}`);
    const keys = await ctx.database.db
      .selectFrom("outbox")
      .select(["dedupe_key", "status"])
      .where("subscription_id", "=", row.id)
      .orderBy("id")
      .execute();
    expect(keys).toEqual([
      { dedupe_key: "joined", status: "sent" },
      { dedupe_key: "approaching:1", status: "sent" },
      { dedupe_key: "called:1", status: "sent" },
      { dedupe_key: "recalled:1:2", status: "sent" },
      { dedupe_key: "redirected:2", status: "sent" },
      // Already next after the redirect: "redirected" said what "approaching" would.
      { dedupe_key: "approaching:2", status: "superseded" },
      { dedupe_key: "called:2", status: "sent" },
      { dedupe_key: "finished", status: "sent" },
    ]);
  });

  it("is not told 'approaching' when it was that close at subscribing (joined says so)", async () => {
    const mine = await issue(ctx, office, office.services.buy);
    const { row } = await subscribeTelegram(mine.id, "778", "en");
    await settle();
    await settle();
    expect(telegramTexts()).toHaveLength(1);
    expect(telegramTexts()[0]!.split("\n")[0]).toBe(
      `Ticket ${mine.label}, “Купить билет”: notifications are on. You are next. Your turn is near: stay close.`,
    );
    const keys = await ctx.database.db
      .selectFrom("outbox")
      .select(["dedupe_key", "status"])
      .where("subscription_id", "=", row.id)
      .orderBy("id")
      .execute();
    expect(keys).toEqual([
      { dedupe_key: "joined", status: "sent" },
      { dedupe_key: "approaching:1", status: "superseded" },
    ]);
  });
});
