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
      // Requests may name their client address (X-Forwarded-For): the per-address limits are not what is tested here.
      trustProxy: ["loopback"],
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
    expect(telegramTexts()[2]!.split("\n")[0]).toBe(`Талон ${mine.label}: вас приглашают в окно 1.`);
    await operatorAction(ctx, anna, `tickets/${mine.id}/recall`);
    await settle();
    expect(telegramTexts()[3]!.split("\n")[0]).toBe(`Талон ${mine.label}: вас приглашают повторно в окно 1.`);
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
      `Талон ${mine.label}: вас приглашают в окно 1.`,
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

describe("subscribing from the tracking page", () => {
  it("by e-mail: 201, joined by SMTP, the same address again 200, then one tap stops every message", async () => {
    const anna = office.operators.anna.cookie;
    await takeWorkstation(ctx, anna, office.workstations.w1);
    const first = await issue(ctx, office, office.services.buy);
    const mine = await issue(ctx, office, office.services.buy);
    const url = `/api/v1/tickets/${mine.code}/subscriptions`;
    const created = await ctx.request("POST", url, { body: { channel: "email", email: "Visitor@Mail.ru" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ channel: "email", recipient: "V***@Mail.ru" });
    const again = await ctx.request("POST", url, { body: { channel: "email", email: "visitor@mail.ru" } });
    expect(again).toMatchObject({ status: 200, body: { id: created.body.id } });
    const info = await ctx.request("GET", `/api/v1/tickets/${mine.code}/notifications`);
    expect(info.body).toMatchObject({ sms: false, email: true, subscriptions: [{ id: created.body.id }] });

    await settle();
    expect(rx.smtp.messages).toHaveLength(1);
    expect(rx.smtp.messages[0]).toMatchObject({ to: ["Visitor@mail.ru"], subject: `Офис · ${mine.label}` });
    const token = /\/u\/([A-Za-z0-9_-]+)/.exec(rx.smtp.messages[0]!.text)![1]!;

    const stopped = await ctx.request("POST", `/api/v1/unsubscribe/${token}`);
    expect(stopped).toMatchObject({
      status: 200,
      body: { channel: "email", recipient: "V***@Mail.ru", ticketCode: mine.code, ticketLabel: mine.label },
    });
    // One tap twice: the same answer.
    expect((await ctx.request("POST", `/api/v1/unsubscribe/${token}`)).body).toEqual(stopped.body);
    await operatorAction(ctx, anna, "call-next");
    await operatorAction(ctx, anna, `tickets/${first.id}/start`);
    await operatorAction(ctx, anna, `tickets/${first.id}/finish`);
    await operatorAction(ctx, anna, "call-next");
    await settle();
    expect(rx.smtp.messages).toHaveLength(1);
    expect(
      (await ctx.request("GET", `/api/v1/tickets/${mine.code}/notifications`)).body.subscriptions,
    ).toEqual([]);
  });

  it("refuses a channel the server cannot send, a finished ticket, a sixth recipient and an unknown token", async () => {
    const mine = await issue(ctx, office, office.services.buy);
    const url = `/api/v1/tickets/${mine.code}/subscriptions`;
    const sms = await ctx.request("POST", url, {
      body: { channel: "sms", phone: "+79161234567", consent: true },
    });
    expect(sms).toMatchObject({ status: 409, body: { error: { code: "channel_unavailable" } } });
    const push = await ctx.request("POST", url, {
      body: {
        channel: "webpush",
        subscription: {
          endpoint: "https://127.0.0.1/push/1",
          keys: { p256dh: "A".repeat(87), auth: "B".repeat(22) },
        },
      },
    });
    expect(push.status).toBe(400);
    expect(push.body.error.details[0]).toMatchObject({
      field: "subscription.endpoint",
      code: "pushEndpointNotPublic",
    });
    for (let i = 0; i < 5; i++)
      expect(
        (await ctx.request("POST", url, { body: { channel: "email", email: `v${i}@mail.ru` } })).status,
      ).toBe(201);
    const sixth = await ctx.request("POST", url, { body: { channel: "email", email: "v5@mail.ru" } });
    expect(sixth).toMatchObject({ status: 409, body: { error: { code: "too_many_subscriptions" } } });
    const one = (await ctx.request("GET", `/api/v1/tickets/${mine.code}/notifications`)).body
      .subscriptions[0];
    expect((await ctx.request("DELETE", `${url}/${one.id}`)).status).toBe(204);
    expect((await ctx.request("DELETE", `${url}/${one.id}`)).status).toBe(204);
    expect((await ctx.request("POST", url, { body: { channel: "email", email: "v5@mail.ru" } })).status).toBe(
      201,
    );

    await ctx.request("POST", `/api/v1/tickets/${mine.code}/cancel`);
    const late = await ctx.request("POST", url, { body: { channel: "email", email: "late@mail.ru" } });
    expect(late).toMatchObject({ status: 409, body: { error: { code: "ticket_finished" } } });
    const unknown = await ctx.request("POST", `/api/v1/unsubscribe/${"x".repeat(43)}`);
    expect(unknown.status).toBe(404);
  });

  it("caps the recipients a ticket ever has: subscribing and unsubscribing in turn cannot reach strangers without end", async () => {
    const mine = await issue(ctx, office, office.services.buy);
    const url = `/api/v1/tickets/${mine.code}/subscriptions`;
    let n = 0;
    const from = () => ({ "x-forwarded-for": `203.0.113.${++n}` });
    const email = (to: string) =>
      ctx.request("POST", url, { body: { channel: "email", email: to }, headers: from() });
    for (let i = 0; i < 10; i++) {
      const res = await email(`cycle${i}@mail.ru`);
      expect(res.status).toBe(201);
      // The abuser waits for "joined" to go out before unsubscribing.
      await deliverDue(ctx.app.deps, ctx.app.deps.senders, ctx.app.log);
      expect((await ctx.request("DELETE", `${url}/${res.body.id}`, { headers: from() })).status).toBe(204);
    }
    const eleventh = await email("cycle10@mail.ru");
    expect(eleventh).toMatchObject({ status: 409, body: { error: { code: "too_many_subscriptions" } } });
    // One it had before may come back.
    const again = await email("cycle3@mail.ru");
    expect(again.status).toBe(201);
    await deliverDue(ctx.app.deps, ctx.app.deps.senders, ctx.app.log);
    const strangers = new Set(rx.smtp.messages.flatMap((m) => m.to).filter((to) => to.startsWith("cycle")));
    expect(strangers.size).toBe(10);
  });
});

describe("a channel failing for a while", () => {
  it("does not hold back a newer message: the one still retrying is out of date and superseded", async () => {
    const anna = office.operators.anna.cookie;
    await takeWorkstation(ctx, anna, office.workstations.w1);
    const mine = await issue(ctx, office, office.services.buy);
    const { row } = await subscribeTelegram(mine.id, "888");
    rx.telegram.script.push({ status: 502 });
    await settle(); // "joined" fails: retried in 30 s
    expect(rx.telegram.received).toHaveLength(1);
    const called = await operatorAction(ctx, anna, "call-next");
    expect(called.id).toBe(mine.id);
    await settle(); // before the retry is due: "called" goes at once
    const texts = telegramTexts();
    expect(texts).toHaveLength(2);
    expect(texts[1]!.split("\n")[0]).toBe(`Талон ${mine.label}: вас приглашают в окно 1.`);
    const rows = await ctx.database.db
      .selectFrom("outbox")
      .select(["event", "status"])
      .where("subscription_id", "=", row.id)
      .orderBy("id")
      .execute();
    expect(rows.filter((r) => r.event === "joined" || r.event === "called")).toEqual([
      { event: "joined", status: "superseded" },
      { event: "called", status: "sent" },
    ]);
  });
});

describe("privacy", () => {
  it("stops subscriptions once the day is over and erases phones, hashes and addresses after retention", async () => {
    const mine = await issue(ctx, office, office.services.buy);
    await ctx.database.db
      .updateTable("tickets")
      .set({ phone: "+79161234567", phone_hash: "h1", browser_hash: "h2", phone_consent_at: clock.now })
      .where("id", "=", mine.id)
      .execute();
    const { row } = await subscribeTelegram(mine.id, "779");
    await settle();
    clock.advance(24 * 3600);
    expect((await settle()).stopped).toBeGreaterThanOrEqual(1);
    const stopped = await ctx.database.db
      .selectFrom("visitor_subscriptions")
      .select("stopped_at")
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(stopped.stopped_at).toEqual(clock.now);
    expect((await retentionRound(ctx.app.deps)).tickets).toBe(0);
    clock.advance(30 * 24 * 3600);
    const erased = await retentionRound(ctx.app.deps);
    expect(erased.subscriptions).toBeGreaterThanOrEqual(1);
    const t = await ctx.database.db
      .selectFrom("tickets")
      .select(["phone", "phone_hash", "browser_hash", "phone_consent_at"])
      .where("id", "=", mine.id)
      .executeTakeFirstOrThrow();
    expect(t).toEqual({ phone: null, phone_hash: null, browser_hash: null, phone_consent_at: null });
    const sub = await ctx.database.db
      .selectFrom("visitor_subscriptions")
      .select(["target", "target_key", "stopped_at"])
      .where("id", "=", row.id)
      .executeTakeFirstOrThrow();
    expect(sub).toMatchObject({ target: { erased: true }, target_key: "telegram:erased" });
    const messages = await ctx.database.db
      .selectFrom("outbox")
      .select("id")
      .where("subscription_id", "=", row.id)
      .execute();
    expect(messages).toEqual([]);
  });
});
