import { describe, expect, it } from "vitest";
import {
  isPublicAddress,
  pushEndpointIssue,
  type Resolver,
  resolvePushTarget,
} from "../../src/modules/notifications/push-guard.ts";

/** A resolver that answers from a table, as DNS would (unknown names fail like ENOTFOUND). */
const dns: Resolver = async (host) => {
  const table: Record<string, string[]> = {
    "push.example.com": ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
    "mixed.example.com": ["93.184.216.34", "10.0.0.5"],
    "inside.example.com": ["192.168.1.20"],
    "v6local.example.com": ["fd12:3456::1"],
    "mapped.example.com": ["::ffff:169.254.169.254"],
    "empty.example.com": [],
  };
  const found = table[host];
  if (!found) throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
  return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
};

describe("isPublicAddress", () => {
  it.each([
    "0.0.0.0",
    "10.1.2.3",
    "100.64.0.1",
    "100.127.255.254",
    "127.0.0.1",
    "127.255.255.255",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.0.0.8",
    "192.0.2.1",
    "192.168.0.1",
    "198.18.0.1",
    "198.51.100.7",
    "203.0.113.9",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "0:0:0:0:0:ffff:a00:1",
    "::ffff:192.168.1.1",
    "::127.0.0.1",
    "fc00::1",
    "fd00:abcd::1",
    "fe80::1",
    "fe80::1%eth0",
    "fec0::1",
    "ff02::1",
    "64:ff9b::7f00:1",
    "100::1",
    "2001::1",
    "2001:db8::1",
    "2002:7f00:1::1",
    "not an address",
  ])("%s is not public", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each([
    "8.8.8.8",
    "93.184.216.34",
    "100.63.255.255",
    "100.128.0.1",
    "172.15.255.255",
    "172.32.0.1",
    "192.169.0.1",
    "::ffff:8.8.8.8",
    "2606:4700:4700::1111",
    "2a00:1450:4010:c0e::5f",
  ])("%s is public", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("push endpoint check", () => {
  const allowed = ["127.0.0.1:4150", "localhost:4151"];
  const issue = (endpoint: string) => pushEndpointIssue(endpoint, allowed, dns);

  it.each([
    ["https://push.example.com/send/abc", null],
    ["https://93.184.216.34/send", null],
    ["https://[2606:4700:4700::1111]/send", null],
    // http is only for the allowed test hosts
    ["http://push.example.com/send", "pushEndpoint"],
    ["ftp://push.example.com/send", "pushEndpoint"],
    ["not a url", "pushEndpoint"],
    ["https://user:secret@push.example.com/send", "pushEndpoint"],
    ["https://unknown.example.com/send", "pushEndpointUnresolved"],
    ["https://empty.example.com/send", "pushEndpointUnresolved"],
    ["https://127.0.0.1/send", "pushEndpointNotPublic"],
    ["https://127.1/send", "pushEndpointNotPublic"],
    ["https://2130706433/send", "pushEndpointNotPublic"],
    ["https://0x7f000001/send", "pushEndpointNotPublic"],
    ["https://0177.0.0.1/send", "pushEndpointNotPublic"],
    ["https://[::1]/send", "pushEndpointNotPublic"],
    ["https://[::ffff:127.0.0.1]/send", "pushEndpointNotPublic"],
    ["https://[::ffff:a9fe:a9fe]/latest/meta-data", "pushEndpointNotPublic"],
    ["https://[fe80::1]/send", "pushEndpointNotPublic"],
    ["https://169.254.169.254/latest/meta-data", "pushEndpointNotPublic"],
    ["https://100.100.100.200/", "pushEndpointNotPublic"],
    ["https://mixed.example.com/send", "pushEndpointNotPublic"],
    ["https://inside.example.com/send", "pushEndpointNotPublic"],
    ["https://v6local.example.com/send", "pushEndpointNotPublic"],
    ["https://mapped.example.com/send", "pushEndpointNotPublic"],
    // an allowed pair may be http and loopback, and only on its own port
    ["http://127.0.0.1:4150/push/1", null],
    ["https://127.0.0.1:4150/push/1", null],
    ["http://LOCALHOST:4151/push/1", null],
    ["http://127.0.0.1:4152/push/1", "pushEndpoint"],
    ["https://127.0.0.1:4152/push/1", "pushEndpointNotPublic"],
  ])("%s → %s", async (endpoint, expected) => {
    expect(await issue(endpoint)).toBe(expected);
  });

  it("pins the send to the first checked address; allowed hosts are not resolved", async () => {
    const target = await resolvePushTarget("https://push.example.com/a", [], dns);
    expect(target).toMatchObject({ ok: true, address: { address: "93.184.216.34", family: 4 } });
    const local = await resolvePushTarget("http://127.0.0.1:4150/a", allowed, dns);
    expect(local).toMatchObject({ ok: true, address: null });
  });
});
