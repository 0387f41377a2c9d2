import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/http/types.ts";
import { deliverDue } from "../../src/modules/alerts/delivery.ts";
import { notifierRound } from "../../src/modules/notifications/notifier.ts";
import { TelegramPoller } from "../../src/modules/notifications/telegram-poller.ts";
import { FakeTelegram } from "../helpers/fake-telegram.ts";
import { buildOffice, issue, type Office, operatorAction, takeWorkstation } from "../helpers/office.ts";
import { PushReceiver } from "../helpers/push-receiver.ts";
import { HttpReceiver } from "../helpers/receivers.ts";
import { createTestContext, TestClock, type TestContext, testConfig } from "../helpers/test-app.ts";

/**
 * Issue 18's done-when, on PostgreSQL with two app instances on one database, both running the
 * notifier, the outbox delivery and the Telegram poller at the same time: a ticket's holder binds
 * Telegram with /start <code> (a fake Bot API), another subscribes by Web Push (a local push
 * service decrypting what it gets), a third by SMS (a local HTTP gateway). As the tickets ahead
 * are called one by one, each holder gets exactly one "approaching" (3 ahead) and one "called"
 * naming the window, each message once.
 */
let ctx: TestContext;
let office: Office;
let second: App;
let tg: FakeTelegram;
let push: PushReceiver;
let sms: HttpReceiver;
let pollers: TelegramPoller[];
const clock = new TestClock();
const CHAT = 4242;
const PHONE = "+79161234567";

beforeAll(async () => {
  [tg, push, sms] = await Promise.all([FakeTelegram.start(), PushReceiver.start(), HttpReceiver.start()]);
  ctx = await createTestContext({
    clock,
    config: {
      publicUrl: "https://queue.office.test",
      alerts: { intervalSeconds: 15, smtp: null, telegram: tg.config },
      visitors: {
        ...testConfig().visitors,
        pushAllowedHosts: [push.hostPort],
        sms: {
          url: `${sms.url}/sms`,
          method: "POST",
          body: '{"to":"{phone}","text":"{text}"}',
          contentType: "application/json",
          authorization: "Bearer gateway-key",
        },
      },
    },
  });
  office = await buildOffice(ctx);
  second = await ctx.secondInstance();
  pollers = [ctx.app, second].map((app) => new TelegramPoller(app.deps, tg.config, app.log));
  // "Approaching" by people ahead only: the estimate's minutes never come this near.
  const patch = await ctx.request("PATCH", "/api/v1/branch", {
    cookie: ctx.adminCookie,
    body: { settings: { visitorNotifications: { approachingMinutes: 1 } } },
  });
  expect(patch.status).toBe(200);
});
afterAll(async () => {
  await ctx.close();
  await Promise.all([tg.close(), push.close(), sms.close()]);
});

/** Both instances at once, twice each: the notifier decides, the outbox sends, the bot polls. */
async function bothInstancesRun() {
  const apps = [ctx.app, second, ctx.app, second];
  await Promise.all(apps.map((app) => notifierRound(app.deps)));
  await Promise.all(apps.map((app) => deliverDue(app.deps, app.deps.senders, app.log)));
  await Promise.all(pollers.map((p) => p.round(0)));
}

async function tokenOf(chatId: number) {
  const row = await ctx.database.db
    .selectFrom("visitor_subscriptions")
    .select("unsubscribe_token")
    .where("target_key", "=", `telegram:${chatId}`)
    .executeTakeFirstOrThrow();
  return row.unsubscribe_token;
}

const firstLines = (texts: string[]) => texts.map((t) => t.split("\n")[0]!);

describe("visitor notifications with two instances on one PostgreSQL", () => {
  it("Telegram, Web Push and SMS holders each get one 'approaching' and one 'called' with the window", async () => {
    const anna = office.operators.anna.cookie;
    await takeWorkstation(ctx, anna, office.workstations.w1);
    const ahead = [];
    for (let i = 0; i < 5; i++) ahead.push(await issue(ctx, office, office.services.buy));
    const byTelegram = await issue(ctx, office, office.services.buy);
    const byPush = await issue(ctx, office, office.services.buy);
    const bySms = await issue(ctx, office, office.services.buy);

    tg.message(CHAT, `/start ${byTelegram.code}`, "ru");
    const browser = push.subscription("holder");
    // Subscribing while both instances run their jobs.
    const [pushed, texted] = await Promise.all([
      ctx.request("POST", `/api/v1/tickets/${byPush.code}/subscriptions`, {
        body: { channel: "webpush", subscription: browser },
      }),
      ctx.request("POST", `/api/v1/tickets/${bySms.code}/subscriptions`, {
        body: { channel: "sms", phone: PHONE, consent: true },
      }),
      bothInstancesRun(),
    ]);
    expect([pushed.status, texted.status]).toEqual([201, 201]);
    await bothInstancesRun();

    for (const t of [...ahead, byTelegram, byPush, bySms]) {
      const called = await operatorAction(ctx, anna, "call-next");
      expect(called.id).toBe(t.id);
      await bothInstancesRun();
      await operatorAction(ctx, anna, `tickets/${called.id}/start`);
      await operatorAction(ctx, anna, `tickets/${called.id}/finish`);
      await bothInstancesRun();
    }

    const calledText = (label: string) => `Талон ${label}: вас приглашают в окно 1.`;
    const approachingText = (label: string) =>
      new RegExp(`^Талон ${label}: ваша очередь скоро\\. Перед вами 3 человека\\.`);

    // Telegram: the bot's answer to /start is "joined" itself, then the notifications, each once.
    const chat = tg.textsTo(CHAT);
    const [line, ...rest] = chat[0]!.split("\n");
    // (The wait is the forecast's: its numbers are not what this test is about.)
    expect(line).toMatch(
      new RegExp(
        `^Талон ${byTelegram.label}, «Купить билет»: уведомления включены\\. Перед вами 5 человек\\. Ожидание — \\d+–\\d+ мин\\.$`,
      ),
    );
    expect(rest).toEqual([
      "/status — где вы в очереди, /stop — отписаться.",
      `Следить за очередью: https://queue.office.test/t/${byTelegram.code}`,
      `Отписаться: https://queue.office.test/u/${await tokenOf(CHAT)}`,
    ]);
    const tgLines = firstLines(chat);
    expect(tgLines).toHaveLength(4);
    expect(tgLines[1]).toMatch(approachingText(byTelegram.label));
    expect(tgLines[2]).toBe(calledText(byTelegram.label));
    expect(tgLines[3]).toBe(`Талон ${byTelegram.label}: обслуживание завершено. Спасибо!`);

    // Web Push: what the browser decrypts.
    const payloads = push.payloads(browser.endpoint) as { title: string; body: string; url: string }[];
    const pushLines = firstLines(payloads.map((p) => p.body));
    expect(pushLines).toHaveLength(4);
    expect(pushLines[1]).toMatch(approachingText(byPush.label));
    expect(pushLines[2]).toBe(calledText(byPush.label));
    expect(payloads.every((p) => p.url === `https://queue.office.test/t/${byPush.code}`)).toBe(true);

    // SMS: what the gateway got.
    const smsBodies = sms.received.map((r) => JSON.parse(r.body) as { to: string; text: string });
    expect(smsBodies.every((b) => b.to === PHONE)).toBe(true);
    expect(sms.received.every((r) => r.headers.authorization === "Bearer gateway-key")).toBe(true);
    const smsLines = firstLines(smsBodies.map((b) => b.text));
    expect(smsLines).toHaveLength(4);
    expect(smsLines[1]).toMatch(approachingText(bySms.label));
    expect(smsLines[2]).toBe(calledText(bySms.label));

    // The outbox: every message once, all sent; the bot's update handled once by one poller.
    const rows = await ctx.database.db
      .selectFrom("outbox")
      .select(["subscription_id", "dedupe_key", "status"])
      .where("subscription_id", "is not", null)
      .orderBy("id")
      .execute();
    expect(rows).toHaveLength(12);
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    for (const keys of Object.values(Object.groupBy(rows, (r) => r.subscription_id!)))
      expect(keys!.map((r) => r.dedupe_key)).toEqual(["joined", "approaching:1", "called:1", "finished"]);
    expect(tg.maxConcurrentPolls).toBe(1);
  });

  it("a push service's 410 ends the Web Push subscription: nothing more is sent to it", async () => {
    await issue(ctx, office, office.services.buy);
    const mine = await issue(ctx, office, office.services.buy);
    const browser = push.subscription("withdrawn");
    const res = await ctx.request("POST", `/api/v1/tickets/${mine.code}/subscriptions`, {
      body: { channel: "webpush", subscription: browser },
    });
    expect(res.status).toBe(201);
    push.script.push(410);
    await bothInstancesRun();
    const sub = await ctx.database.db
      .selectFrom("visitor_subscriptions")
      .select(["id", "stopped_at"])
      .where("id", "=", res.body.id)
      .executeTakeFirstOrThrow();
    expect(sub.stopped_at).toEqual(clock.now);
    const called = await operatorAction(ctx, office.operators.anna.cookie, "call-next");
    await operatorAction(ctx, office.operators.anna.cookie, `tickets/${called.id}/start`);
    await operatorAction(ctx, office.operators.anna.cookie, `tickets/${called.id}/finish`);
    await bothInstancesRun();
    // Only the one refused push arrived; "approaching" (1 ahead now) was never sent.
    expect(push.received.filter((r) => r.path === new URL(browser.endpoint).pathname)).toHaveLength(1);
  });
});
