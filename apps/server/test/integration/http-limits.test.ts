import { get as httpGet, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTTP_TIMEOUTS } from "../../src/http/server-options.ts";
import { createTestContext, type TestContext } from "../helpers/test-app.ts";

/**
 * What the server does about clients that hold on to it: too many event streams from one
 * address, and a client that sends its headers a line at a time. Real sockets, real timers.
 */
const CAP = 3;
let ctx: TestContext;
let port: number;

beforeAll(async () => {
  ctx = await createTestContext({ config: { sseMaxPerAddress: CAP } });
  await ctx.app.listen({ port: 0, host: "127.0.0.1" });
  port = (ctx.app.server.address() as AddressInfo).port;
});
afterAll(() => ctx.close());

/** Opens an event stream from `localAddress` and resolves with the response once its head arrives. */
function openStream(localAddress = "127.0.0.1") {
  return new Promise<IncomingMessage>((resolve, reject) => {
    httpGet({ host: "127.0.0.1", port, localAddress, path: "/api/v1/events?channel=board" }, resolve).on(
      "error",
      reject,
    );
  });
}

const readBody = (res: IncomingMessage) =>
  new Promise<any>((resolve) => {
    let text = "";
    res.on("data", (c) => {
      text += c;
    });
    res.on("end", () => resolve(JSON.parse(text)));
  });

async function until(condition: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("event streams per client address", () => {
  it("refuses a stream over the cap with 429 too_many_streams and Retry-After, per address", async () => {
    const open = await Promise.all(Array.from({ length: CAP }, () => openStream()));
    expect(open.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(ctx.app.deps.hub.streamsFrom("127.0.0.1")).toBe(CAP);

    const refused = await openStream();
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBe("10");
    expect(await readBody(refused)).toEqual({
      error: {
        code: "too_many_streams",
        message: "this address already has 3 event streams open; close some or try again later",
        details: { retryAfterSeconds: 10 },
      },
    });

    // Another address (a different kiosk behind no proxy) is not held back by this one.
    const other = await openStream("127.0.0.2");
    expect(other.statusCode).toBe(200);
    expect(ctx.app.deps.hub.streamsFrom("127.0.0.2")).toBe(1);

    // A closed stream frees its place.
    open[0]!.destroy();
    await until(() => ctx.app.deps.hub.streamsFrom("127.0.0.1") === CAP - 1);
    const again = await openStream();
    expect(again.statusCode).toBe(200);

    for (const res of [...open, other, again]) res.destroy();
    await until(() => ctx.app.deps.hub.streams === 0);
    expect(ctx.app.deps.hub.streamsFrom("127.0.0.1")).toBe(0);
  });
});

describe("timeouts", () => {
  it("cuts off clients that send their headers a line at a time, and keeps serving others", async () => {
    const SLOW = 20;
    const started = Date.now();
    const slow = Array.from({ length: SLOW }, () => {
      const socket: Socket = connect(port, "127.0.0.1");
      let received = "";
      socket.on("data", (c) => {
        received += c;
      });
      socket.on("error", () => {});
      socket.write("GET /api/v1/board HTTP/1.1\r\nHost: dq\r\n");
      const drip = setInterval(() => socket.writable && socket.write("X-Slow: 1\r\n"), 1000);
      const closed = new Promise<{ afterMs: number; received: string }>((resolve) =>
        socket.on("close", () => {
          clearInterval(drip);
          resolve({ afterMs: Date.now() - started, received });
        }),
      );
      return { socket, closed };
    });

    // Meanwhile an ordinary client is served at once.
    const ordinary = await ctx.request("GET", "/api/v1/board");
    expect(ordinary.status).toBe(200);

    const results = await Promise.all(slow.map((s) => s.closed));
    for (const { afterMs, received } of results) {
      // Cut off once the headers timeout has passed (checked every second), not kept for the 30 s
      // the issue saw, nor for as long as the client keeps dripping.
      expect(afterMs).toBeGreaterThanOrEqual(HTTP_TIMEOUTS.headersMs - 100);
      expect(afterMs).toBeLessThan(HTTP_TIMEOUTS.headersMs + 2 * HTTP_TIMEOUTS.checkIntervalMs + 1500);
      expect(received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
      expect(received).toContain("Connection: close");
      expect(JSON.parse(received.split("\r\n\r\n")[1]!)).toEqual({
        error: { code: "request_timeout", message: "the request did not arrive in time" },
      });
    }
  }, 30_000);

  it("tells keep-alive clients how long an idle connection is kept", async () => {
    const res = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet({ host: "127.0.0.1", port, path: "/healthz" }, resolve).on("error", reject),
    );
    res.resume();
    expect(res.statusCode).toBe(200);
    expect(res.headers["keep-alive"]).toBe(`timeout=${HTTP_TIMEOUTS.keepAliveMs / 1000}`);
  });
});
