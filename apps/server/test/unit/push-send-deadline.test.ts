import { createECDH } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, expect, it } from "vitest";
import webpush from "web-push";
import { sendWebPush } from "../../src/modules/notifications/push-send.ts";

/**
 * Found in review: a push endpoint is any public address an anonymous visitor names. One that
 * answered its status and then dripped the body a byte at a time held the send (and with it the
 * outbox's delivery loop, alerts included) for as long as it liked. The status is all we need.
 */
let server: http.Server | null = null;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

it("returns once the push service has answered its status, however slowly the body comes", async () => {
  const requests: string[] = [];
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(201, { "content-type": "text/plain" });
    const drip = setInterval(() => res.write("x"), 500);
    res.on("close", () => clearInterval(drip));
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const browser = createECDH("prime256v1");
  browser.generateKeys();
  const started = Date.now();
  await sendWebPush(
    {
      endpoint: `http://127.0.0.1:${port}/push/abc`,
      keys: {
        p256dh: browser.getPublicKey().toString("base64url"),
        auth: Buffer.alloc(16, 1).toString("base64url"),
      },
    },
    JSON.stringify({ title: "t", body: "b", url: "/" }),
    {
      config: {
        pushAllowedHosts: [`127.0.0.1:${port}`],
        vapidSubject: "mailto:queue@office.test",
        vapid: null,
        sms: null,
        telegramWebhookSecret: null,
      },
      vapidKeys: async () => webpush.generateVAPIDKeys(),
    },
  );
  expect(requests).toEqual(["POST /push/abc"]);
  expect(Date.now() - started).toBeLessThan(3_000);
});
