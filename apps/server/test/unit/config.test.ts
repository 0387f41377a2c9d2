import { describe, expect, it } from "vitest";
import { redactUrl } from "../../src/app.ts";
import { loadConfig } from "../../src/core/config.ts";

describe("DQ_TRUST_PROXY", () => {
  it("is off by default; 1 trusts a proxy on this host or a private network, never every hop", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ DQ_TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(loadConfig({ DQ_TRUST_PROXY: "1" }).trustProxy).toEqual(["loopback", "uniquelocal"]);
    expect(loadConfig({ DQ_TRUST_PROXY: "true" }).trustProxy).toEqual(["loopback", "uniquelocal"]);
  });

  it("takes the proxies' addresses, and names a bad value", () => {
    expect(loadConfig({ DQ_TRUST_PROXY: "10.0.0.5, 192.168.1.0/24" }).trustProxy).toEqual([
      "10.0.0.5",
      "192.168.1.0/24",
    ]);
    expect(() => loadConfig({ DQ_TRUST_PROXY: "everything!" })).toThrow(/DQ_TRUST_PROXY/);
  });
});

describe("logged URLs", () => {
  it("mask device tokens, wherever they are in the query", () => {
    expect(redactUrl("/api/v1/events?channel=board&token=dqd_secret123&lastEventId=5")).toBe(
      "/api/v1/events?channel=board&token=[redacted]&lastEventId=5",
    );
    expect(redactUrl("/board?token=dqd_x")).toBe("/board?token=[redacted]");
    expect(redactUrl("/api/v1/board")).toBe("/api/v1/board");
  });
});

describe("alert channels", () => {
  it("are off until configured; every 15 s by default", () => {
    expect(loadConfig({}).alerts).toEqual({ intervalSeconds: 15, smtp: null, telegram: null });
  });

  it("take SMTP and the Telegram bot from the environment", () => {
    const alerts = loadConfig({
      DQ_ALERT_INTERVAL_SECONDS: "5",
      SMTP_URL: "smtps://user:pass@mail.example.org:465",
      SMTP_FROM: "Очередь <queue@example.org>",
      DQ_TELEGRAM_BOT_TOKEN: "123456:ABC-def_1",
      DQ_TELEGRAM_API_URL: "http://127.0.0.1:9000/",
    }).alerts;
    expect(alerts).toEqual({
      intervalSeconds: 5,
      smtp: { url: "smtps://user:pass@mail.example.org:465", from: "Очередь <queue@example.org>" },
      telegram: { token: "123456:ABC-def_1", apiUrl: "http://127.0.0.1:9000" },
    });
  });

  it("name a bad value without echoing it", () => {
    expect(() => loadConfig({ SMTP_URL: "mail.example.org" })).toThrow(/SMTP_URL: must be an smtp/);
    expect(() => loadConfig({ DQ_TELEGRAM_BOT_TOKEN: "secret-ish" })).toThrow(/DQ_TELEGRAM_BOT_TOKEN/);
    expect(() => loadConfig({ DQ_TELEGRAM_BOT_TOKEN: "secret-ish" })).not.toThrow(/secret-ish/);
    expect(() => loadConfig({ DQ_ALERT_INTERVAL_SECONDS: "0" })).toThrow(/DQ_ALERT_INTERVAL_SECONDS/);
  });
});
