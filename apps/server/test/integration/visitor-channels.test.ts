import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSenders, DeliveryError } from "../../src/modules/alerts/senders.ts";
import { createVisitorChannels } from "../../src/modules/notifications/channels.ts";
import { loadVapidKeys } from "../../src/modules/notifications/vapid.ts";
import { PushReceiver } from "../helpers/push-receiver.ts";
import { HttpReceiver } from "../helpers/receivers.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

let ctx: TestContext;
let push: PushReceiver;
let sms: HttpReceiver;

beforeAll(async () => {
  [push, sms] = await Promise.all([PushReceiver.start(), HttpReceiver.start()]);
  ctx = await createTestContext();
});
afterAll(async () => {
  await ctx.close();
  await Promise.all([push.close(), sms.close()]);
});

const message = (body: string) => ({ deliveryId: "42", event: "called" as const, subject: "", body });

function sendersWith(visitors: Partial<TestContext["config"]["visitors"]>) {
  const config = { ...ctx.config.visitors, pushAllowedHosts: [push.hostPort], ...visitors };
  const channels = createVisitorChannels({ ...ctx.config, visitors: config }, ctx.database.db);
  return createSenders(ctx.config.alerts, { config, vapidKeys: () => channels.vapidKeys() });
}

async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe("VAPID keys", () => {
  it("are generated once and kept: concurrent first uses get the same pair", async () => {
    const config = { ...ctx.config.visitors, vapid: null };
    const pairs = await Promise.all([1, 2, 3, 4].map(() => loadVapidKeys(ctx.database.db, config)));
    expect(new Set(pairs.map((p) => p.publicKey)).size).toBe(1);
    expect(pairs[0]!.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(await ctx.app.deps.visitorChannels.webPushPublicKey()).toBe(pairs[0]!.publicKey);
    const rows = await ctx.database.db
      .selectFrom("server_state")
      .selectAll()
      .where("name", "=", "vapid_keys")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("come from the configuration when set", async () => {
    const vapid = { publicKey: "B".repeat(87), privateKey: "p".repeat(43) };
    expect(await loadVapidKeys(ctx.database.db, { ...ctx.config.visitors, vapid })).toEqual(vapid);
  });
});

describe("Web Push sender", () => {
  it("delivers the payload encrypted for the browser's keys, signed with VAPID", async () => {
    const subscription = push.subscription("one");
    const payload = JSON.stringify({
      title: "Талон A-012",
      body: "Вас приглашают в окно 2",
      url: "/t/K7QM4XPA",
    });
    await sendersWith({}).send({ type: "webpush", ...subscription }, message(payload));
    expect(push.payloads(subscription.endpoint)).toEqual([JSON.parse(payload)]);
    const [received] = push.received.slice(-1);
    const publicKey = await ctx.app.deps.visitorChannels.webPushPublicKey();
    expect(received!.headers).toMatchObject({
      "content-encoding": "aes128gcm",
      ttl: "14400",
      urgency: "high",
    });
    expect(received!.headers.authorization).toMatch(
      new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${publicKey}$`),
    );
  });

  it("a 404 or 410 is a permanent 'gone' failure; 429 and 5xx are retried", async () => {
    const subscription = push.subscription("gone");
    const senders = sendersWith({});
    push.script.push(410, 404, 429, 503, 400);
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(await failure(senders.send({ type: "webpush", ...subscription }, message("{}"))));
    expect(answers.map((e) => [e.message, e.permanent, e.gone])).toEqual([
      ["Web Push: HTTP 410", true, true],
      ["Web Push: HTTP 404", true, true],
      ["Web Push: HTTP 429", false, false],
      ["Web Push: HTTP 503", false, false],
      ["Web Push: HTTP 400", true, false],
    ]);
  });

  it("never sends to a non-public endpoint, even one that was stored", async () => {
    const keys = push.subscription("x").keys;
    const senders = sendersWith({ pushAllowedHosts: [] });
    const before = push.received.length;
    for (const endpoint of [
      push.subscription("y").endpoint,
      "https://127.0.0.1/push",
      "https://[::ffff:10.0.0.1]/p",
    ]) {
      const e = await failure(senders.send({ type: "webpush", endpoint, keys }, message("{}")));
      expect([e.message, e.permanent, e.gone]).toEqual([
        endpoint.startsWith("http:")
          ? "Web Push: endpoint refused (not an https URL)"
          : "Web Push: endpoint refused (resolves to a non-public address)",
        !endpoint.startsWith("http:"),
        // A non-public address ends the subscription; a malformed one was refused at subscribing.
        !endpoint.startsWith("http:"),
      ]);
    }
    expect(push.received.length).toBe(before);
  });
});

describe("SMS sender", () => {
  const gateway = (over: object) => ({
    url: `${sms.url}/send?key=SECRET-KEY&to={phone}&msg={text}`,
    method: "GET" as const,
    body: null,
    contentType: "application/json" as const,
    authorization: null,
    ...over,
  });

  it("GET: the phone and text URL-encoded into the URL", async () => {
    await sendersWith({ sms: gateway({}) }).send(
      { type: "sms", phone: "+79161234567" },
      message("Талон A-012: вас приглашают в окно 2 & «Касса»"),
    );
    const got = sms.received.at(-1)!;
    const url = new URL(`http://x${got.headers.path}`);
    expect(url.searchParams.get("to")).toBe("+79161234567");
    expect(url.searchParams.get("msg")).toBe("Талон A-012: вас приглашают в окно 2 & «Касса»");
    expect(url.searchParams.get("key")).toBe("SECRET-KEY");
    expect(got.body).toBe("");
  });

  it("POST JSON: the body template escaped as JSON, with the Authorization header", async () => {
    const senders = sendersWith({
      sms: gateway({
        url: `${sms.url}/api/sms`,
        method: "POST",
        body: '{"to":"{phone}","text":"{text}","from":"DQ"}',
        authorization: "Bearer sms-token-1",
      }),
    });
    const text = 'Талон A-012: "окно 2"\nоткрыто {phone}';
    await senders.send({ type: "sms", phone: "+79161234567" }, message(text));
    const got = sms.received.at(-1)!;
    expect(JSON.parse(got.body)).toEqual({ to: "+79161234567", text, from: "DQ" });
    expect(got.headers).toMatchObject({
      authorization: "Bearer sms-token-1",
      "content-type": "application/json",
    });
  });

  it("POST form: the body template form-encoded", async () => {
    const senders = sendersWith({
      sms: gateway({
        url: `${sms.url}/form`,
        method: "POST",
        body: "phone={phone}&message={text}",
        contentType: "application/x-www-form-urlencoded",
      }),
    });
    await senders.send({ type: "sms", phone: "+79161234567" }, message("A-012 & окно=2"));
    const form = new URLSearchParams(sms.received.at(-1)!.body);
    expect([...form.entries()]).toEqual([
      ["phone", "+79161234567"],
      ["message", "A-012 & окно=2"],
    ]);
  });

  it("a refusal is permanent except 408 and 429; errors never show the URL's key", async () => {
    const senders = sendersWith({ sms: gateway({}) });
    sms.script.push({ status: 402 }, { status: 429 }, { status: 408 }, { status: 502 });
    const errors = [];
    for (let i = 0; i < 4; i++)
      errors.push(await failure(senders.send({ type: "sms", phone: "+79161234567" }, message("x"))));
    expect(errors.map((e) => [e.message, e.permanent])).toEqual([
      ["SMS gateway: HTTP 402", true],
      ["SMS gateway: HTTP 429", false],
      ["SMS gateway: HTTP 408", false],
      ["SMS gateway: HTTP 502", false],
    ]);
    const closed = await HttpReceiver.start();
    await closed.close();
    const down = sendersWith({ sms: gateway({ url: `${closed.url}/send?key=SECRET-KEY&to={phone}` }) });
    const e = await failure(down.send({ type: "sms", phone: "+79161234567" }, message("x")));
    expect(e.message).toBe("SMS gateway: ECONNREFUSED");
    expect(sendersWith({ sms: null }).available).toMatchObject({ sms: false, webpush: true });
  });
});
