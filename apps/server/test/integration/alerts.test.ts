import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/app.ts";
import { alertRound } from "../../src/modules/alerts/job.ts";
import { webhookSignature } from "../../src/modules/alerts/senders.ts";
import { buildOffice, issue, type Office, takeWorkstation } from "../helpers/office.ts";
import { startReceivers } from "../helpers/receivers.ts";
import { SseClient } from "../helpers/sse.ts";
import { createTestContext, inject, TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * Alerts end to end on a real database, with a real SMTP server, a fake Telegram Bot API and
 * webhook receivers, all on loopback. The clock is moved by hand and each round is run by the test
 * (the server runs the same round every DQ_ALERT_INTERVAL_SECONDS).
 */
let ctx: TestContext;
let office: Office;
let rx: Awaited<ReturnType<typeof startReceivers>>;
const clock = new TestClock();
const BOT_TOKEN = "123456:TEST-token";
const SECRET = "s3cret-webhook-key";

beforeAll(async () => {
  rx = await startReceivers();
  ctx = await createTestContext({
    clock,
    config: {
      alerts: {
        intervalSeconds: 15,
        smtp: { url: rx.smtp.url, from: "DigitalQueue <dq@office.test>" },
        telegram: { token: BOT_TOKEN, apiUrl: rx.telegram.url },
      },
    },
  });
  office = await buildOffice(ctx);
});
afterAll(async () => {
  await ctx.close();
  await rx.close();
});

const admin = () => ({ cookie: ctx.adminCookie });
/** A round that found the office's rules and did nothing. */
const NOTHING = { branches: 1, opened: 0, resolved: 0, escalated: 0, queued: 0, failed: 0 };
const round = () => alertRound(ctx.app.deps, ctx.app.deps.senders, ctx.app.log);
const minutes = (m: number) => clock.advance(m * 60);

async function createRule(body: Record<string, unknown>) {
  const res = await ctx.request("POST", "/api/v1/alert-rules", { ...admin(), body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

async function alertEvents() {
  return ctx.database.db
    .selectFrom("events")
    .select(["type", "data"])
    .where("type", "like", "alert.%")
    .orderBy("id")
    .execute();
}

// Each test starts from an empty office: no rules, nobody waiting, nobody at a workstation.
afterEach(async () => {
  const rules = await ctx.request("GET", "/api/v1/alert-rules", admin());
  for (const r of rules.body.items) await ctx.request("DELETE", `/api/v1/alert-rules/${r.id}`, admin());
  await ctx.request("POST", "/api/v1/queue/close-day", admin());
  for (const op of Object.values(office.operators))
    await ctx.request("DELETE", "/api/v1/operator/workstation", { cookie: op.cookie });
  for (const r of [rx.telegram, rx.webhook, rx.boss]) {
    r.received.length = 0;
    r.arrivals = 0;
    r.script.length = 0;
  }
  rx.smtp.messages.length = 0;
  minutes(60);
});

describe("a ticket waiting too long", () => {
  it("opens one alert, tells every channel once per cooldown, escalates, and resolves when called", async () => {
    const rule = await createRule({
      name: "Касса: долгое ожидание",
      kind: "wait_time",
      serviceId: office.services.buy,
      threshold: 10,
      channels: [
        { type: "in_app" },
        { type: "email", to: "duty@office.test" },
        { type: "telegram", chatId: "-1001234" },
        { type: "webhook", url: `${rx.webhook.url}/hook`, secret: SECRET },
      ],
      cooldownMinutes: 15,
      escalation: { afterMinutes: 20, channels: [{ type: "webhook", url: `${rx.boss.url}/boss` }] },
    });
    expect(rule.channels[3]).toEqual({ type: "webhook", url: `${rx.webhook.url}/hook`, hasSecret: true });
    expect(JSON.stringify(rule)).not.toContain(SECRET);

    const ticket = await issue(ctx, office, office.services.buy);
    expect((await round()).evaluation).toEqual(NOTHING);
    minutes(10);
    // Exactly at the threshold is not "more than" it.
    expect((await round()).evaluation.opened).toBe(0);
    clock.advance(1);
    const opened = await round();
    expect(opened.evaluation).toEqual({ ...NOTHING, opened: 1, queued: 3 });
    expect(opened.delivery).toEqual({ sent: 3, retrying: 0, failed: 0 });

    const text = `Талон ${ticket.label} ждёт 10 мин 1 с (порог 10 мин), в очереди 1.`;
    expect(rx.smtp.messages).toHaveLength(1);
    expect(rx.smtp.messages[0]).toMatchObject({
      from: "dq@office.test",
      to: ["duty@office.test"],
      subject: "Долгое ожидание: «Купить билет»",
    });
    expect(rx.smtp.messages[0]!.text.trim()).toBe(`Офис\nДолгое ожидание: «Купить билет»\n${text}`);
    expect(rx.telegram.received).toHaveLength(1);
    expect(rx.telegram.received[0]!.headers.path).toBe(`/bot${BOT_TOKEN}/sendMessage`);
    expect(rx.telegram.json(0)).toMatchObject({ chat_id: "-1001234", text: expect.stringContaining(text) });
    expect(rx.webhook.received).toHaveLength(1);
    const hook = rx.webhook.received[0]!;
    expect(hook.headers["x-dq-event"]).toBe("alert.opened");
    expect(hook.headers["x-dq-signature"]).toBe(webhookSignature(SECRET, hook.body));
    expect(rx.webhook.json(0)).toMatchObject({
      event: "alert.opened",
      at: clock.now.toISOString(),
      alert: {
        kind: "wait_time",
        status: "open",
        serviceName: "Купить билет",
        threshold: 10,
        value: 601,
        details: { waiting: 1, ticketLabel: ticket.label },
      },
    });
    expect(rx.boss.received).toHaveLength(0);

    const list = await ctx.request("GET", "/api/v1/alerts?status=open", admin());
    expect(list.body.total).toBe(1);
    const alert = list.body.items[0];
    expect(alert).toMatchObject({
      ruleId: rule.id,
      ruleName: "Касса: долгое ожидание",
      inApp: true,
      serviceId: office.services.buy,
      value: 601,
      acknowledgedAt: null,
      message: `Долгое ожидание: «Купить билет». ${text}`,
    });
    expect((await alertEvents()).map((e) => [e.type, (e.data as any).id])).toEqual([
      ["alert.opened", alert.id],
    ]);

    // Within the cooldown (15 min from the first message) nothing is sent again.
    for (let i = 0; i < 14; i++) {
      minutes(1);
      const r = await round();
      expect(r.evaluation.opened + r.evaluation.queued).toBe(0);
    }
    expect([rx.smtp.messages.length, rx.telegram.received.length, rx.webhook.received.length]).toEqual([
      1, 1, 1,
    ]);
    expect((await ctx.request("GET", "/api/v1/alerts?status=all", admin())).body.total).toBe(1);

    // 15 min after the first message: one reminder on each channel.
    minutes(1);
    expect((await round()).evaluation.queued).toBe(3);
    expect(rx.smtp.messages[1]!.subject).toBe("Всё ещё: Долгое ожидание: «Купить билет»");
    expect(rx.telegram.json(1).text).toContain(`Талон ${ticket.label} ждёт 25 мин 1 с (порог 10 мин)`);
    expect(rx.webhook.json(1).event).toBe("alert.reminder");
    expect(rx.boss.received).toHaveLength(0);

    // 20 min after opening it escalates, to the escalation's channels only.
    minutes(5);
    const escalated = await round();
    expect(escalated.evaluation).toMatchObject({ escalated: 1, queued: 1 });
    expect(rx.boss.received).toHaveLength(1);
    expect(rx.boss.received[0]!.headers["x-dq-signature"]).toBeUndefined();
    expect(rx.boss.json(0)).toMatchObject({
      event: "alert.escalated",
      alert: { escalatedAt: clock.now.toISOString() },
    });
    expect(rx.boss.json(0).text).toContain("Не решено уже 20 мин.");
    expect([rx.smtp.messages.length, rx.telegram.received.length, rx.webhook.received.length]).toEqual([
      2, 2, 2,
    ]);

    // Called: the next round resolves it and tells everyone who heard of it, the escalation too.
    await takeWorkstation(ctx, office.operators.anna.cookie, office.workstations.w1);
    const call = await ctx.request("POST", "/api/v1/operator/call-next", {
      cookie: office.operators.anna.cookie,
    });
    expect(call.body.id).toBe(ticket.id);
    const resolved = await round();
    expect(resolved.evaluation).toMatchObject({ resolved: 1, queued: 4 });
    expect(rx.smtp.messages[2]!.subject).toBe("Решено: Долгое ожидание: «Купить билет»");
    expect(rx.smtp.messages[2]!.text).toContain("Длилось 20 мин; максимум — 30 мин 1 с ожидания.");
    expect(rx.telegram.json(2).text).toContain("Решено");
    expect(rx.webhook.json(2)).toMatchObject({ event: "alert.resolved", alert: { status: "resolved" } });
    expect(rx.boss.json(1).event).toBe("alert.resolved");

    const after = await ctx.request("GET", `/api/v1/alerts/${alert.id}`, admin());
    expect(after.body).toMatchObject({ status: "resolved", peakValue: 30 * 60 + 1 });
    expect(after.body.deliveries.map((d: any) => [d.event, d.channel.type, d.status, d.attempts])).toEqual([
      ["opened", "email", "sent", 1],
      ["opened", "telegram", "sent", 1],
      ["opened", "webhook", "sent", 1],
      ["reminder", "email", "sent", 1],
      ["reminder", "telegram", "sent", 1],
      ["reminder", "webhook", "sent", 1],
      ["escalated", "webhook", "sent", 1],
      ["resolved", "email", "sent", 1],
      ["resolved", "telegram", "sent", 1],
      ["resolved", "webhook", "sent", 1],
      ["resolved", "webhook", "sent", 1],
    ]);
    expect((await alertEvents()).map((e) => e.type)).toEqual([
      "alert.opened",
      "alert.escalated",
      "alert.resolved",
    ]);

    minutes(30);
    expect((await round()).evaluation).toEqual(NOTHING);
    expect(rx.smtp.messages).toHaveLength(3);
  });

  it("acknowledged: no reminders and no escalation, but the resolution is still sent", async () => {
    await createRule({
      kind: "wait_time",
      threshold: 5,
      channels: [{ type: "in_app" }, { type: "webhook", url: rx.webhook.url }],
      cooldownMinutes: 5,
      escalation: { afterMinutes: 10, channels: [{ type: "webhook", url: rx.boss.url }] },
    });
    await issue(ctx, office, office.services.refund);
    minutes(6);
    await round();
    const [alert] = (await ctx.request("GET", "/api/v1/alerts?status=open&acknowledged=false", admin())).body
      .items;
    expect(alert.serviceName).toBe("Возврат");
    // The banner's question: open, not acknowledged, shown in the app.
    const banner = await ctx.request(
      "GET",
      "/api/v1/alerts?status=open&acknowledged=false&inApp=true",
      admin(),
    );
    expect(banner.body.items.map((a: any) => a.id)).toEqual([alert.id]);

    const operator = await ctx.request("POST", `/api/v1/alerts/${alert.id}/ack`, {
      cookie: office.operators.anna.cookie,
    });
    expect(operator.status).toBe(403);
    const ack = await ctx.request("POST", `/api/v1/alerts/${alert.id}/ack`, {
      cookie: office.supervisor.cookie,
    });
    expect(ack.status).toBe(200);
    expect(ack.body.acknowledgedBy).toEqual({ id: office.supervisor.id, name: "sofia" });
    const firstAckAt = ack.body.acknowledgedAt;
    minutes(1);
    const again = await ctx.request("POST", `/api/v1/alerts/${alert.id}/ack`, admin());
    expect(again.status).toBe(200);
    expect(again.body.acknowledgedAt).toBe(firstAckAt);
    expect((await ctx.request("POST", "/api/v1/alerts/999999/ack", admin())).status).toBe(404);
    expect(
      (await ctx.request("GET", "/api/v1/alerts?status=open&acknowledged=false", admin())).body.total,
    ).toBe(0);

    for (let i = 0; i < 20; i++) {
      minutes(1);
      await round();
    }
    expect(rx.webhook.received).toHaveLength(1);
    expect(rx.boss.received).toHaveLength(0);
    await ctx.request("POST", "/api/v1/queue/close-day", admin());
    await round();
    expect(rx.webhook.received.map((r) => JSON.parse(r.body).event)).toEqual([
      "alert.opened",
      "alert.resolved",
    ]);
    expect((await alertEvents()).filter((e) => (e.data as any).id === alert.id).map((e) => e.type)).toEqual([
      "alert.opened",
      "alert.acknowledged",
      "alert.resolved",
    ]);
  });

  it("an alert that reopens within the cooldown waits for it before telling anyone again", async () => {
    const rule = await createRule({
      kind: "queue_length",
      serviceId: office.services.buy,
      threshold: 1,
      channels: [{ type: "in_app" }, { type: "email", to: "duty@office.test" }],
      cooldownMinutes: 10,
    });
    await issue(ctx, office, office.services.buy);
    await round();
    expect((await ctx.request("GET", `/api/v1/alerts?ruleId=${rule.id}`, admin())).body.total).toBe(0);
    await issue(ctx, office, office.services.buy);
    await round();
    expect(rx.smtp.messages.map((m) => m.subject)).toEqual(["Длинная очередь: «Купить билет»"]);
    expect(rx.smtp.messages[0]!.text).toContain("В очереди 2 (порог — больше 1).");

    await takeWorkstation(ctx, office.operators.anna.cookie, office.workstations.w1);
    await ctx.request("POST", "/api/v1/operator/call-next", { cookie: office.operators.anna.cookie });
    minutes(1);
    await round();
    expect(rx.smtp.messages).toHaveLength(2);
    expect(rx.smtp.messages[1]!.subject).toBe("Решено: Длинная очередь: «Купить билет»");

    // Back over the limit 2 minutes later: a new alert (shown in the app) but no message yet.
    minutes(1);
    await issue(ctx, office, office.services.buy);
    const reopened = await round();
    expect(reopened.evaluation).toMatchObject({ opened: 1, queued: 0 });
    expect((await ctx.request("GET", "/api/v1/alerts?status=open", admin())).body.total).toBe(1);
    minutes(7);
    expect((await round()).evaluation.queued).toBe(0);
    // 10 minutes after the last message, still open: now it is told.
    minutes(1);
    expect((await round()).evaluation.queued).toBe(1);
    expect(rx.smtp.messages.map((m) => m.subject)).toEqual([
      "Длинная очередь: «Купить билет»",
      "Решено: Длинная очередь: «Купить билет»",
      "Длинная очередь: «Купить билет»",
    ]);
  });
});

describe("the other conditions", () => {
  it("a long pause, and clients with nobody to serve them", async () => {
    await createRule({
      kind: "long_pause",
      threshold: 5,
      channels: [{ type: "webhook", url: rx.webhook.url }],
    });
    await createRule({
      kind: "no_operator",
      threshold: 0,
      channels: [{ type: "telegram", chatId: "@office_duty" }],
    });
    await takeWorkstation(ctx, office.operators.anna.cookie, office.workstations.w1);
    await ctx.request("POST", "/api/v1/operator/pause", {
      cookie: office.operators.anna.cookie,
      body: { reason: "Обед" },
    });
    await issue(ctx, office, office.services.corporate);
    const first = await round();
    // Corporate clients wait and vera is not here; buy has anna, but she is on pause (not waiting yet).
    expect(first.evaluation.opened).toBe(1);
    expect(rx.telegram.json(0)).toMatchObject({ chat_id: "@office_duty" });
    expect(rx.telegram.json(0).text).toContain("Некому обслуживать: «Корпоративные»");
    expect(rx.telegram.json(0).text).toContain("Ждут 1, дольше всех — 0 с; ни один оператор");

    minutes(5);
    expect((await round()).evaluation.opened).toBe(0);
    clock.advance(1);
    expect((await round()).evaluation.opened).toBe(1);
    expect(rx.webhook.json(0).alert).toMatchObject({
      kind: "long_pause",
      employeeId: office.operators.anna.id,
      employeeName: "anna",
      value: 301,
      details: { pauseReason: "Обед", workstation: "Окно 1" },
    });
    expect(rx.webhook.json(0).text).toContain(
      "anna (Окно 1) на перерыве «Обед» уже 5 мин 1 с (порог 5 мин).",
    );
    // Neither rule shows in the app.
    expect((await ctx.request("GET", "/api/v1/alerts?status=open&inApp=true", admin())).body.total).toBe(0);
    expect((await ctx.request("GET", "/api/v1/alerts?status=open&inApp=false", admin())).body.total).toBe(2);

    // vera arrives at window 3 (corporate) and anna resumes: both resolve.
    await takeWorkstation(ctx, office.operators.vera.cookie, office.workstations.w3);
    await ctx.request("POST", "/api/v1/operator/resume", { cookie: office.operators.anna.cookie });
    expect((await round()).evaluation).toMatchObject({ resolved: 2, queued: 2 });
    expect(rx.telegram.json(1).text).toContain("Решено: Некому обслуживать: «Корпоративные»");
    expect(rx.webhook.json(1).event).toBe("alert.resolved");
  });

  it("archiving a rule resolves its open alerts quietly", async () => {
    const rule = await createRule({
      kind: "queue_length",
      threshold: 0,
      channels: [{ type: "webhook", url: rx.webhook.url }],
    });
    await issue(ctx, office, office.services.refund);
    await round();
    expect(rx.webhook.received).toHaveLength(1);
    expect((await ctx.request("DELETE", `/api/v1/alert-rules/${rule.id}`, admin())).status).toBe(204);
    const log = await ctx.request("GET", `/api/v1/alerts?ruleId=${rule.id}`, admin());
    expect(log.body.items.map((a: any) => a.status)).toEqual(["resolved"]);
    await round();
    expect(rx.webhook.received).toHaveLength(1);
    expect((await ctx.request("GET", `/api/v1/alert-rules/${rule.id}`, admin())).status).toBe(404);
  });
});

describe("delivery failures", () => {
  it("a failing webhook is retried with backoff; a permanent Telegram error is not", async () => {
    rx.webhook.script.push({ status: 500 }, { status: 503 });
    rx.telegram.script.push({
      status: 400,
      body: '{"ok":false,"description":"Bad Request: chat not found"}',
    });
    await createRule({
      kind: "queue_length",
      threshold: 0,
      channels: [
        { type: "webhook", url: rx.webhook.url, secret: SECRET },
        { type: "telegram", chatId: "42" },
      ],
    });
    await issue(ctx, office, office.services.buy);
    expect((await round()).delivery).toEqual({ sent: 0, retrying: 1, failed: 1 });
    clock.advance(29);
    expect((await round()).delivery).toEqual({ sent: 0, retrying: 0, failed: 0 });
    clock.advance(1);
    expect((await round()).delivery).toEqual({ sent: 0, retrying: 1, failed: 0 });
    clock.advance(60);
    expect((await round()).delivery).toEqual({ sent: 1, retrying: 0, failed: 0 });

    // The same signed body and delivery id every time, so a receiver can drop duplicates.
    expect(rx.webhook.received).toHaveLength(3);
    expect(new Set(rx.webhook.received.map((r) => r.body)).size).toBe(1);
    expect(new Set(rx.webhook.received.map((r) => r.headers["x-dq-delivery"])).size).toBe(1);
    expect(rx.webhook.received[2]!.headers["x-dq-signature"]).toBe(
      webhookSignature(SECRET, rx.webhook.received[2]!.body),
    );
    expect(rx.telegram.received).toHaveLength(1);

    const [alert] = (await ctx.request("GET", "/api/v1/alerts?status=open", admin())).body.items;
    const detail = await ctx.request("GET", `/api/v1/alerts/${alert.id}`, admin());
    expect(
      detail.body.deliveries.map((d: any) => [d.channel.type, d.status, d.attempts, d.lastError]),
    ).toEqual([
      ["webhook", "sent", 3, "webhook: HTTP 503"],
      ["telegram", "failed", 1, "Telegram: HTTP 400 Bad Request: chat not found"],
    ]);
    // The bot token is never written down.
    expect(JSON.stringify(detail.body)).not.toContain(BOT_TOKEN);
  });

  it("a message not yet sent is replaced by a newer one, so the receiver never hears them out of order", async () => {
    rx.webhook.script.push({ status: 500 });
    await createRule({
      kind: "queue_length",
      threshold: 0,
      channels: [{ type: "webhook", url: rx.webhook.url }],
    });
    const ticket = await issue(ctx, office, office.services.buy);
    expect((await round()).delivery).toEqual({ sent: 0, retrying: 1, failed: 0 });
    // Cleared 10 s later, before the retry of "opened" is due.
    clock.advance(10);
    await ctx.request("POST", `/api/v1/queue/tickets/${ticket.id}/cancel`, admin());
    expect((await round()).delivery).toEqual({ sent: 1, retrying: 0, failed: 0 });
    clock.advance(60);
    expect((await round()).delivery).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(rx.webhook.received.map((r) => JSON.parse(r.body).event)).toEqual([
      "alert.opened",
      "alert.resolved",
    ]);
    const [alert] = (await ctx.request("GET", "/api/v1/alerts?limit=1", admin())).body.items;
    const detail = await ctx.request("GET", `/api/v1/alerts/${alert.id}`, admin());
    expect(detail.body.deliveries.map((d: any) => [d.event, d.status, d.attempts])).toEqual([
      ["opened", "superseded", 1],
      ["resolved", "sent", 1],
    ]);
  });

  it("a webhook that refuses (4xx) is not asked again", async () => {
    rx.webhook.script.push({ status: 404 });
    await createRule({
      kind: "queue_length",
      threshold: 0,
      channels: [{ type: "webhook", url: rx.webhook.url }],
      cooldownMinutes: 1440,
    });
    await issue(ctx, office, office.services.buy);
    expect((await round()).delivery).toEqual({ sent: 0, retrying: 0, failed: 1 });
    clock.advance(3600);
    expect((await round()).delivery).toEqual({ sent: 0, retrying: 0, failed: 0 });
    expect(rx.webhook.received).toHaveLength(1);
  });

  it("a webhook that answers slowly does not hold up issuing tickets", async () => {
    await createRule({
      kind: "queue_length",
      threshold: 0,
      channels: [{ type: "webhook", url: rx.webhook.url }],
    });
    rx.webhook.script.push({ status: 200, delayMs: 1500 });
    await issue(ctx, office, office.services.buy);
    let sent = false;
    const sending = round().then((r) => {
      sent = true;
      return r;
    });
    // Issue while the receiver sits on the message.
    while (rx.webhook.arrivals === 0) await new Promise((r) => setTimeout(r, 10));
    const started = Date.now();
    const ticket = await issue(ctx, office, office.services.refund);
    expect(ticket.status).toBe("waiting");
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sent).toBe(false);
    expect((await sending).delivery.sent).toBe(1);
  });
});

describe("rules: validation, secrets and access", () => {
  it("names the field that is wrong", async () => {
    const bad = async (body: Record<string, unknown>) => {
      const res = await ctx.request("POST", "/api/v1/alert-rules", { ...admin(), body });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return res.body.error.details.map((d: any) => d.field);
    };
    const inApp = [{ type: "in_app" }];
    expect(await bad({ kind: "queue_length", threshold: 2.5, channels: inApp })).toEqual(["threshold"]);
    expect(await bad({ kind: "wait_time", threshold: 0, channels: inApp })).toEqual(["threshold"]);
    expect(await bad({ kind: "long_pause", threshold: 2000, channels: inApp })).toEqual(["threshold"]);
    expect(await bad({ kind: "wait_time", threshold: 5, channels: [] })).toEqual(["channels"]);
    expect(
      await bad({ kind: "wait_time", threshold: 5, channels: [{ type: "webhook", url: "ftp://x.test/" }] }),
    ).toEqual(["channels.0.url"]);
    expect(
      await bad({ kind: "wait_time", threshold: 5, channels: [{ type: "email", to: "nobody" }] }),
    ).toEqual(["channels.0.to"]);
    expect(await bad({ kind: "wait_time", threshold: 5, channels: [{ type: "sms" }] })).toEqual([
      "channels.0.type",
    ]);
    const hookWithUser = [{ type: "webhook", url: "https://user:pass@hooks.example.org/x" }];
    expect(await bad({ kind: "wait_time", threshold: 5, channels: hookWithUser })).toEqual([
      "channels.0.url",
    ]);
    const twice = [
      { type: "email", to: "duty@office.test" },
      { type: "email", to: "Duty@office.test" },
    ];
    expect(await bad({ kind: "wait_time", threshold: 5, channels: twice })).toEqual(["channels"]);
    expect(
      await bad({ kind: "wait_time", threshold: 5, serviceId: office.services.group, channels: inApp }),
    ).toEqual(["serviceId"]);
    expect(await bad({ kind: "wait_time", threshold: 5, serviceId: "999999", channels: inApp })).toEqual([
      "serviceId",
    ]);

    const rule = await createRule({ kind: "wait_time", threshold: 5, channels: inApp });
    const patch = await ctx.request("PATCH", `/api/v1/alert-rules/${rule.id}`, {
      ...admin(),
      body: { kind: "queue_length", threshold: 0.5 },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details).toEqual([
      { field: "threshold", code: "wholeClients", message: "must be a whole number of clients" },
    ]);
  });

  it("keeps a webhook's secret out of responses and the audit log, and keeps it when not rewritten", async () => {
    const rule = await createRule({
      kind: "queue_length",
      threshold: 0,
      channels: [{ type: "webhook", url: rx.webhook.url, secret: SECRET }],
    });
    const renamed = await ctx.request("PATCH", `/api/v1/alert-rules/${rule.id}`, {
      ...admin(),
      body: { name: "Очередь", channels: [{ type: "webhook", url: rx.webhook.url }, { type: "in_app" }] },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.channels).toEqual([
      { type: "webhook", url: rx.webhook.url, hasSecret: true },
      { type: "in_app" },
    ]);

    const test = await ctx.request("POST", `/api/v1/alert-rules/${rule.id}/test`, admin());
    expect(test.body.results).toEqual([
      { channel: { type: "webhook", url: rx.webhook.url, hasSecret: true }, ok: true, error: null },
    ]);
    expect(rx.webhook.json(0)).toMatchObject({
      event: "alert.test",
      alert: null,
      text: "Офис\nПроверка уведомлений\nЭто проверочное сообщение: канал настроен верно.",
    });
    expect(rx.webhook.received[0]!.headers["x-dq-signature"]).toBe(
      webhookSignature(SECRET, rx.webhook.received[0]!.body),
    );

    const cleared = await ctx.request("PATCH", `/api/v1/alert-rules/${rule.id}`, {
      ...admin(),
      body: { channels: [{ type: "webhook", url: rx.webhook.url, secret: "" }] },
    });
    expect(cleared.body.channels).toEqual([{ type: "webhook", url: rx.webhook.url, hasSecret: false }]);
    const audit = await ctx.database.db
      .selectFrom("audit_log")
      .select("data")
      .where("entity", "=", "alert_rule")
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
  });

  it("lets supervisors read and acknowledge, only admins change rules, operators see none of it", async () => {
    const sup = { cookie: office.supervisor.cookie };
    const op = { cookie: office.operators.anna.cookie };
    const body = { kind: "wait_time", threshold: 5, channels: [{ type: "in_app" }] };
    expect((await ctx.request("POST", "/api/v1/alert-rules", { ...sup, body })).status).toBe(403);
    const rule = await createRule(body);
    expect((await ctx.request("GET", "/api/v1/alert-rules", sup)).body.items).toHaveLength(1);
    const hook = await createRule({
      kind: "queue_length",
      threshold: 5,
      channels: [{ type: "webhook", url: "https://hooks.example.org/services/T000/B000/XXXX?token=abc" }],
    });
    const seen = await ctx.request("GET", `/api/v1/alert-rules/${hook.id}`, sup);
    expect(seen.body.channels).toEqual([
      { type: "webhook", url: "https://hooks.example.org/…", hasSecret: false },
    ]);
    expect((await ctx.request("GET", `/api/v1/alert-rules/${hook.id}`, admin())).body.channels[0].url).toBe(
      "https://hooks.example.org/services/T000/B000/XXXX?token=abc",
    );
    expect(
      (await ctx.request("PATCH", `/api/v1/alert-rules/${rule.id}`, { ...sup, body: { threshold: 1 } }))
        .status,
    ).toBe(403);
    expect((await ctx.request("DELETE", `/api/v1/alert-rules/${rule.id}`, sup)).status).toBe(403);
    expect((await ctx.request("POST", `/api/v1/alert-rules/${rule.id}/test`, sup)).status).toBe(403);
    expect((await ctx.request("GET", "/api/v1/alerts", sup)).status).toBe(200);
    expect((await ctx.request("GET", "/api/v1/alerts", op)).status).toBe(403);
    expect((await ctx.request("GET", "/api/v1/alert-rules", op)).status).toBe(403);
    expect((await ctx.request("GET", "/api/v1/alerts")).status).toBe(401);
    expect((await ctx.request("GET", "/api/v1/alert-rules/channels", admin())).body).toEqual({
      email: true,
      telegram: true,
    });
  });

  it("refuses a channel this server cannot send to, naming the setting", async () => {
    const bare = await buildApp({
      config: { ...ctx.config, alerts: { intervalSeconds: 15, smtp: null, telegram: null } },
      database: ctx.database,
      clock: clock.fn,
      logger: false,
    });
    try {
      const cookie = { cookie: ctx.adminCookie };
      expect((await inject(bare, "GET", "/api/v1/alert-rules/channels", cookie)).body).toEqual({
        email: false,
        telegram: false,
      });
      const email = await inject(bare, "POST", "/api/v1/alert-rules", {
        ...cookie,
        body: { kind: "wait_time", threshold: 5, channels: [{ type: "email", to: "a@b.test" }] },
      });
      expect(email.status).toBe(422);
      expect(email.body.error).toEqual({
        code: "channel_not_configured",
        message: "e-mail is not configured on this server: set SMTP_URL",
      });
      const telegram = await inject(bare, "POST", "/api/v1/alert-rules", {
        ...cookie,
        body: {
          kind: "wait_time",
          threshold: 5,
          channels: [{ type: "in_app" }],
          escalation: { afterMinutes: 5, channels: [{ type: "telegram", chatId: "1" }] },
        },
      });
      expect(telegram.status).toBe(422);
      expect(telegram.body.error.message).toContain("DQ_TELEGRAM_BOT_TOKEN");
      // A rule made while e-mail was configured can still be renamed and switched off.
      const existing = await createRule({
        kind: "wait_time",
        threshold: 5,
        channels: [{ type: "email", to: "a@b.test" }],
      });
      const off = await inject(bare, "PATCH", `/api/v1/alert-rules/${existing.id}`, {
        ...cookie,
        body: { name: "Старое", active: false },
      });
      expect(off.status).toBe(200);
      expect(off.body).toMatchObject({ name: "Старое", active: false });
    } finally {
      await bare.close();
    }
  });
});

describe("live", () => {
  it("alert events reach supervisors on the staff channel, never operators", async () => {
    const base = await ctx.app.listen({ port: 0, host: "127.0.0.1" });
    const staff = (cookie: string) => SseClient.connect(`${base}/api/v1/events?channel=staff`, { cookie });
    const supervisor = await staff(office.supervisor.cookie);
    const operator = await staff(office.operators.boris.cookie);
    try {
      await createRule({ kind: "queue_length", threshold: 0, channels: [{ type: "in_app" }] });
      await issue(ctx, office, office.services.buy);
      await round();
      const marker = await issue(ctx, office, office.services.refund);
      await supervisor.waitFor((events) => events.some((e) => e.event === "alert.opened"));
      const opened = supervisor.events.find((e) => e.event === "alert.opened")!;
      expect(opened.data).toMatchObject({
        kind: "queue_length",
        inApp: true,
        status: "open",
        serviceName: "Купить билет",
      });
      // The operator got the ticket issued after the alert, and nothing about the alert.
      await operator.waitFor((events) => events.some((e) => (e.data as any).ticketId === marker.id));
      expect(operator.events.filter((e) => e.event.startsWith("alert."))).toEqual([]);

      // The rule loses its in-app channel: the open alert is announced again, no longer in the app.
      const [rule] = (await ctx.request("GET", "/api/v1/alert-rules", admin())).body.items;
      const patched = await ctx.request("PATCH", `/api/v1/alert-rules/${rule.id}`, {
        ...admin(),
        body: { channels: [{ type: "webhook", url: rx.webhook.url }] },
      });
      expect(patched.status).toBe(200);
      await supervisor.waitFor((events) => events.some((e) => e.event === "alert.updated"));
      const updated = supervisor.events.find((e) => e.event === "alert.updated")!;
      expect(updated.data).toMatchObject({ id: (opened.data as any).id, status: "open", inApp: false });
    } finally {
      await supervisor.close();
      await operator.close();
    }
  });
});
