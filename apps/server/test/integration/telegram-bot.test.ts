import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import type { App } from "../../src/http/types.ts";
import { deliverDue } from "../../src/modules/alerts/delivery.ts";
import { createVisitorChannels } from "../../src/modules/notifications/channels.ts";
import { notifierRound } from "../../src/modules/notifications/notifier.ts";
import { TelegramPoller } from "../../src/modules/notifications/telegram-poller.ts";
import { startTelegramBot } from "../../src/modules/notifications/telegram-webhook.ts";
import { FakeTelegram } from "../helpers/fake-telegram.ts";
import { buildOffice, issue, type Office } from "../helpers/office.ts";
import { createTestContext, inject, TestClock, type TestContext } from "../helpers/test-app.ts";

let ctx: TestContext;
let office: Office;
let tg: FakeTelegram;
const clock = new TestClock();

beforeAll(async () => {
  tg = await FakeTelegram.start();
  ctx = await createTestContext({
    clock,
    config: { alerts: { intervalSeconds: 15, smtp: null, telegram: tg.config } },
  });
  office = await buildOffice(ctx);
});
afterAll(async () => {
  await ctx.close();
  await tg.close();
});

const poller = (options = {}) => new TelegramPoller(ctx.app.deps, tg.config, ctx.app.log, options);

/** What the server does after each change: the notifier decides, the outbox sends. */
async function notifyAndDeliver() {
  await notifierRound(ctx.app.deps);
  await deliverDue(ctx.app.deps, ctx.app.deps.senders, ctx.app.log);
}

async function outboxOf(chatId: number) {
  return ctx.database.db
    .selectFrom("outbox")
    .select(["dedupe_key", "status", "attempts"])
    .where("channel_key", "=", `telegram:${chatId}`)
    .orderBy("id")
    .execute();
}

async function chatSubscriptions(chatId: number) {
  return ctx.database.db
    .selectFrom("visitor_subscriptions")
    .selectAll()
    .where("target_key", "=", `telegram:${chatId}`)
    .orderBy("id")
    .execute();
}

describe("Telegram bot by polling", () => {
  let bot: TelegramPoller;
  beforeAll(() => {
    bot = poller();
  });

  it("/start <ticket code> is answered by the 'joined' message itself, sent once; again is the same subscription", async () => {
    await issue(ctx, office, office.services.buy);
    await issue(ctx, office, office.services.buy);
    const mine = await issue(ctx, office, office.services.buy);
    tg.message(501, `/start ${mine.code}`, "ru");
    expect(await bot.round(0)).toEqual({ polled: true, handled: 1 });
    const joined = `Талон ${mine.label}, «Купить билет»: уведомления включены. Перед вами 2 человека. Ваша очередь скоро — будьте рядом.\n/status — где вы в очереди, /stop — отписаться.`;
    expect(tg.textsTo(501)).toEqual([joined]);
    // The notifier and the outbox find "joined" sent: the visitor gets no second message.
    await notifyAndDeliver();
    await notifyAndDeliver();
    expect(tg.textsTo(501)).toEqual([joined]);
    // ("approaching" only holds its key: "joined" said the turn is near.)
    const keys = [
      { dedupe_key: "joined", status: "sent", attempts: 1 },
      { dedupe_key: "approaching:1", status: "superseded", attempts: 0 },
    ];
    expect(await outboxOf(501)).toEqual(keys);
    // The code as typed on the ticket (lower case, no dash) finds it too: the chat is told where
    // the ticket is, and nothing is queued.
    tg.message(501, `/start ${mine.code.toLowerCase().replace("-", "")}`, "ru");
    expect(await bot.round(0)).toEqual({ polled: true, handled: 1 });
    await notifyAndDeliver();
    expect(tg.textsTo(501)).toEqual([
      joined,
      `Готово: сообщения о талоне ${mine.label} будут приходить сюда; сейчас перед вами 2 человека. /status — где вы в очереди, /stop — отписаться.`,
    ]);
    expect(await outboxOf(501)).toEqual(keys);
    const subs = await chatSubscriptions(501);
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({
      channel: "telegram",
      ticket_id: mine.id,
      target: { chatId: "501" },
      stopped_at: null,
    });
  });

  it("a 'joined' answer Telegram did not take is sent by the outbox after the first retry's delay, once", async () => {
    const mine = await issue(ctx, office, office.services.refund);
    tg.failSends = 1;
    tg.message(505, `/start ${mine.code}`, "en");
    expect(await bot.round(0)).toEqual({ polled: true, handled: 1 });
    expect(tg.textsTo(505)).toEqual([]);
    const approaching = { dedupe_key: "approaching:1", status: "superseded", attempts: 0 };
    expect(await outboxOf(505)).toEqual([
      { dedupe_key: "joined", status: "pending", attempts: 1 },
      approaching,
    ]);
    await notifyAndDeliver();
    expect(tg.textsTo(505)).toEqual([]);
    clock.advance(30);
    await notifyAndDeliver();
    await notifyAndDeliver();
    // (The service has no English name: its own is used.)
    expect(tg.textsTo(505)).toEqual([
      `Ticket ${mine.label}, “Возврат”: notifications are on. You are next. Your turn is near: stay close.\n/status — your place in the queue, /stop — unsubscribe.`,
    ]);
    expect(await outboxOf(505)).toEqual([{ dedupe_key: "joined", status: "sent", attempts: 2 }, approaching]);
    tg.message(505, "/stop");
    await bot.round(0);
  });

  it("/start <appointment code> is answered by the appointment's 'joined' message, sent once", async () => {
    const starts = new Date(clock.now.getTime() + 2 * 24 * 3_600_000);
    const branch = await ctx.database.db.selectFrom("branches").select("id").executeTakeFirstOrThrow();
    await ctx.database.db
      .insertInto("appointments")
      .values({
        branch_id: branch.id,
        service_id: office.services.buy,
        code: "bkq3x7mz",
        starts_at: starts,
        ends_at: new Date(starts.getTime() + 15 * 60_000),
        business_day: "2026-03-04",
        name: "Visitor",
        phone: null,
        email: null,
        language: "ru",
        created_by: null,
        ticket_id: null,
        idempotency_key: null,
        fingerprint: null,
        created_at: clock.now,
        updated_at: clock.now,
      })
      .execute();
    tg.message(506, "/start BKQ3-X7MZ", "ru");
    expect(await bot.round(0)).toEqual({ polled: true, handled: 1 });
    await notifyAndDeliver();
    expect(tg.textsTo(506)).toEqual([
      "Запись на «Купить билет» 04.03.2026 в 12:00: уведомления включены. Мы напомним о записи за сутки и за час.\n/status — где вы в очереди, /stop — отписаться.",
    ]);
    expect(await outboxOf(506)).toEqual([{ dedupe_key: "joined", status: "sent", attempts: 1 }]);
    tg.message(506, "/stop");
    await bot.round(0);
  });

  it("after a quiet week, reads the updates Telegram numbers anew from below the stored offset", async () => {
    tg.message(509, "/status", "en");
    expect(await bot.round(0)).toEqual({ polled: true, handled: 1 });
    // The next poll confirms it: Telegram forgets it.
    expect(await bot.round(0)).toEqual({ polled: true, handled: 0 });
    clock.advance(7 * 24 * 3600);
    tg.restartNumbering(7);
    tg.message(509, "/status", "en");
    expect(await bot.round(0)).toEqual({ polled: true, handled: 1 });
    expect(tg.textsTo(509)).toHaveLength(2);
    // And on from there, as usual.
    tg.message(509, "/status", "en");
    expect(await bot.round(0)).toEqual({ polled: true, handled: 1 });
    expect(tg.textsTo(509)).toHaveLength(3);
    tg.restartNumbering(5000); // the other tests' updates come after all of these
  });

  it("/status tells each active ticket's place, in the user's language", async () => {
    tg.message(501, "/status", "en-GB");
    await bot.round(0);
    const [status] = tg.textsTo(501).slice(-1);
    expect(status).toMatch(/^A-?\d+: 2 people ahead of you(, wait \d+–\d+ min)?\.$/);
  });

  it("/start with an unknown or a finished code says so and subscribes nothing", async () => {
    tg.message(502, "/start ZZZZ-ZZZZ", "en");
    await bot.round(0);
    expect(tg.textsTo(502)).toEqual([
      'I found no ticket or appointment with the code "ZZZZ-ZZZZ". The code is on the ticket and its page, e.g. K7QM-4XPA.',
    ]);
    const done = await issue(ctx, office, office.services.corporate);
    expect((await ctx.request("POST", `/api/v1/tickets/${done.code}/cancel`)).status).toBe(200);
    tg.message(502, `/start ${done.code}`);
    await bot.round(0);
    expect(tg.textsTo(502)[1]).toBe(
      `Талон ${done.label} уже не в очереди — сообщать больше не о чем. Новый талон можно взять в офисе или на сайте.`,
    );
    expect(await chatSubscriptions(502)).toEqual([]);
  });

  it("/stop unsubscribes the chat from everything; anything else gets the help", async () => {
    tg.message(501, "/stop");
    tg.message(501, "/stop");
    tg.message(501, "hello", "en");
    expect(await bot.round(0)).toEqual({ polled: true, handled: 3 });
    expect(tg.textsTo(501).slice(-3)).toEqual([
      "Готово: больше не буду присылать сообщения в этот чат.",
      "Этот чат и так ни на что не подписан.",
      "I tell you when your turn is coming. Open the link on your ticket's page or send /start <ticket code>. /status — your place in the queue, /stop — unsubscribe.",
    ]);
    const subs = await chatSubscriptions(501);
    expect(subs.map((s) => s.stopped_at)).toEqual([clock.now]);
  });

  it("one instance polls at a time; a new holder goes on from the stored offset, handling nothing twice", async () => {
    await bot.stop(); // lets the lease go
    const a = poller();
    const b = poller();
    const first = await Promise.all([a.round(0), b.round(0)]);
    expect(first.map((r) => r.polled).sort()).toEqual([false, true]);
    const [holder, other] = first[0]!.polled ? [a, b] : [b, a];
    tg.message(503, "/status");
    expect(await other.round(0)).toEqual({ polled: false, handled: 0 });
    expect(await holder.round(0)).toEqual({ polled: true, handled: 1 });
    // The holder dies without letting go: once its lease runs out, the other takes over.
    tg.message(503, "/stop");
    clock.advance(59);
    expect(await other.round(0)).toEqual({ polled: false, handled: 0 });
    clock.advance(2);
    expect(await other.round(0)).toEqual({ polled: true, handled: 1 });
    expect(await holder.round(0)).toEqual({ polled: false, handled: 0 });
    expect(tg.textsTo(503)).toEqual([
      "Этот чат ни на что не подписан. Откройте ссылку со страницы талона или отправьте /start <код талона>.",
      "Этот чат и так ни на что не подписан.",
    ]);
    expect(tg.maxConcurrentPolls).toBe(1);
  });

  it("runs with the server: drops a stale webhook, polls, and lets the lease go when stopped", async () => {
    clock.advance(120); // the earlier pollers' leases run out
    const stop = startTelegramBot(ctx.app.deps, ctx.app.log);
    await expect.poll(() => tg.calls.some((c) => c.method === "deleteWebhook")).toBe(true);
    tg.message(504, "/stop", "en");
    await expect
      .poll(() => tg.textsTo(504), { timeout: 5000 })
      .toEqual(["This chat was not subscribed to anything."]);
    await stop();
    const lease = await ctx.database.db
      .selectFrom("server_state")
      .select("value")
      .where("name", "=", "telegram_poller")
      .executeTakeFirstOrThrow();
    expect(lease.value).not.toHaveProperty("holder");
  });

  it("gives the bot's link from getMe, and null while getMe fails", async () => {
    expect(await ctx.app.deps.visitorChannels.telegramLink("K7QM-4XPA")).toBe(
      "https://t.me/dq_test_bot?start=K7QM-4XPA",
    );
    tg.getMeFails = true;
    const fresh = createVisitorChannels(ctx.config, ctx.database.db);
    expect(await fresh.telegramLink("K7QM-4XPA")).toBeNull();
    tg.getMeFails = false;
    // Not asked again at once after a failure (no getMe storm), but the cached name is kept.
    const calls = tg.calls.filter((c) => c.method === "getMe").length;
    expect(await fresh.telegramLink("K7QM-4XPA")).toBeNull();
    expect(tg.calls.filter((c) => c.method === "getMe")).toHaveLength(calls);
    expect(await ctx.app.deps.visitorChannels.telegramLink("AB")).toBe("https://t.me/dq_test_bot?start=AB");
  });
});

describe("Telegram bot by webhook", () => {
  const secret = "webhook-secret-0123456789";
  let hooked: App;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    inject(hooked, "POST", "/api/v1/telegram/webhook", { body, headers });

  beforeAll(async () => {
    const config = {
      ...ctx.config,
      publicUrl: "https://queue.example.ru",
      visitors: { ...ctx.config.visitors, telegramWebhookSecret: secret },
    };
    hooked = await buildApp({ config, database: ctx.database, clock: clock.fn, logger: false });
    await hooked.ready();
  });
  afterAll(() => hooked.close());

  it("registers the webhook at start with the secret", async () => {
    const stop = startTelegramBot(hooked.deps, hooked.log);
    await expect.poll(() => tg.calls.find((c) => c.method === "setWebhook")).toBeTruthy();
    expect(tg.calls.find((c) => c.method === "setWebhook")!.params).toEqual({
      url: "https://queue.example.ru/api/v1/telegram/webhook",
      secret_token: secret,
      allowed_updates: ["message"],
    });
    await stop();
  });

  it("refuses a wrong or missing secret with 401, handles a right one once", async () => {
    const update = tg.updateBody(601, "/status", "en");
    expect((await post(update)).status).toBe(401);
    expect(
      (await post(update, { "x-telegram-bot-api-secret-token": "wrong-secret-0123456789" })).status,
    ).toBe(401);
    expect(tg.textsTo(601)).toEqual([]);
    const ok = await post(update, { "x-telegram-bot-api-secret-token": secret });
    expect(ok).toMatchObject({ status: 200, body: { ok: true } });
    // Telegram retrying the same update (our answer lost) is not handled again.
    expect((await post(update, { "x-telegram-bot-api-secret-token": secret })).status).toBe(200);
    expect(tg.textsTo(601)).toEqual([
      "This chat is not subscribed to anything. Open the link on your ticket's page or send /start <ticket code>.",
    ]);
  });

  it("answers 404 where no webhook secret is set", async () => {
    const res = await inject(ctx.app, "POST", "/api/v1/telegram/webhook", {
      body: tg.updateBody(602, "/status"),
      headers: { "x-telegram-bot-api-secret-token": secret },
    });
    expect(res.status).toBe(404);
  });
});
