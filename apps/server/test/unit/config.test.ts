import { describe, expect, it } from "vitest";
import { redactUrl } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";

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
