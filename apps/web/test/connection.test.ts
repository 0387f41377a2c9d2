import { describe, expect, it } from "vitest";
import { Connectivity, isReconnecting, msUntilStreamCounts, STREAM_GRACE_MS } from "../src/app/connection.ts";

describe("Connectivity", () => {
  it("follows the answer of the newest request, not of one that was answered late", () => {
    const c = new Connectivity();
    const older = c.requestStarted();
    const newer = c.requestStarted();
    c.requestAnswered(newer, false);
    expect(c.snapshot().requestsFailing).toBe(true);
    // Served before the outage began, answered after: says nothing about now.
    c.requestAnswered(older, true);
    expect(c.snapshot().requestsFailing).toBe(true);
    const next = c.requestStarted();
    c.requestAnswered(next, true);
    expect(c.snapshot().requestsFailing).toBe(false);
  });

  it("keeps the earliest time a stream still down went down, and tells listeners only of changes", () => {
    const c = new Connectivity();
    const a = {};
    const b = {};
    let calls = 0;
    c.subscribe(() => {
      calls += 1;
    });
    c.streamDown(a, 1000);
    c.streamDown(a, 5000); // still the same stretch
    c.streamDown(b, 3000); // the earliest is still 1000: nothing to tell
    expect(c.snapshot()).toEqual({ requestsFailing: false, streamDownSince: 1000 });
    c.streamUp(a);
    expect(c.snapshot().streamDownSince).toBe(3000);
    c.streamUp(b);
    c.streamUp(b);
    expect(c.snapshot().streamDownSince).toBeNull();
    c.requestAnswered(c.requestStarted(), true); // already reachable: no change
    // Down since 1000, since 3000, all up.
    expect(calls).toBe(3);
  });
});

describe("isReconnecting", () => {
  it("is true at once for failing requests, and for a broken stream only after the grace", () => {
    expect(STREAM_GRACE_MS).toBe(5000);
    const ok = { requestsFailing: false, streamDownSince: null };
    expect(isReconnecting(ok, 10_000)).toBe(false);
    expect(isReconnecting({ requestsFailing: true, streamDownSince: null }, 10_000)).toBe(true);
    const broken = { requestsFailing: false, streamDownSince: 10_000 };
    expect(isReconnecting(broken, 14_999)).toBe(false);
    expect(isReconnecting(broken, 15_000)).toBe(true);
    expect(isReconnecting(broken, 11_000, 1000)).toBe(true);
    expect(msUntilStreamCounts(ok, 10_000)).toBeNull();
    expect(msUntilStreamCounts(broken, 12_000)).toBe(3000);
    expect(msUntilStreamCounts(broken, 20_000)).toBe(0);
  });
});
