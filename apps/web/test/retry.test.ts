import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../src/app/api.ts";
import { MAX_RETRY_DELAY_MS, retryDelay, staffRetry } from "../src/app/retry.ts";
import {
  ISSUE_GIVE_UP_MS,
  issueRetryDelayMs,
  sendRetrying,
  shouldRetryIssue,
} from "../src/features/kiosk/issue-retry.ts";

const middle = () => 0.5;
const unavailable = (retryAfter: number | null) =>
  new ApiError(503, "database_unavailable", "the database is not reachable", undefined, retryAfter);
const network = new ApiError(0, "network", "network error");
const proxy = new ApiError(502, "unknown", "Bad Gateway");
const busy = new ApiError(409, "operator_busy", "finish first");

describe("retryDelay", () => {
  it("doubles from 1 s and stops at 15 s", () => {
    expect(MAX_RETRY_DELAY_MS).toBe(15_000);
    expect([0, 1, 2, 3, 4, 5, 50, 2000].map((n) => retryDelay(n, network, middle))).toEqual([
      1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000,
    ]);
  });

  it("spreads each wait by ±20 %", () => {
    expect(retryDelay(0, network, () => 0)).toBe(800);
    expect(retryDelay(0, network, () => 0.999)).toBe(1200);
    expect(retryDelay(2, proxy, () => 0)).toBe(3200);
    expect(retryDelay(3, proxy, () => 0.75)).toBe(8800);
  });

  it("never tries sooner than the server's Retry-After, nor waits longer than 15 s for it", () => {
    expect(retryDelay(0, unavailable(2), middle)).toBe(2000);
    expect(retryDelay(0, unavailable(2), () => 0)).toBe(2000);
    expect(retryDelay(2, unavailable(2), middle)).toBe(4000);
    expect(retryDelay(0, unavailable(60), middle)).toBe(15_000);
    expect(retryDelay(1, unavailable(null), middle)).toBe(2000);
    // Only an unreachable server's Retry-After counts (a 429 has its own rules).
    expect(retryDelay(0, new ApiError(429, "rate_limited", "slow down", undefined, 60), middle)).toBe(1000);
  });
});

describe("staffRetry", () => {
  it("waits for an unreachable server for ever, and tries other errors three more times", () => {
    for (const error of [network, proxy, unavailable(2)]) {
      expect([0, 3, 100, 10_000].map((n) => staffRetry(n, error))).toEqual([true, true, true, true]);
    }
    expect([0, 1, 2, 3, 4].map((n) => staffRetry(n, busy))).toEqual([true, true, true, false, false]);
    expect([2, 3].map((n) => staffRetry(n, new ApiError(500, "unknown", "Internal Server Error")))).toEqual([
      true,
      false,
    ]);
  });
});

describe("the kiosk issuing a ticket", () => {
  it("sends the same request again while the server is unreachable or still busy with it, for 30 s", () => {
    expect(ISSUE_GIVE_UP_MS).toBe(30_000);
    expect(shouldRetryIssue(unavailable(2), 0)).toBe(true);
    expect(shouldRetryIssue(network, 29_999)).toBe(true);
    expect(shouldRetryIssue(proxy, 10_000)).toBe(true);
    expect(shouldRetryIssue(new ApiError(409, "idempotency_key_in_use", "in progress"), 1000)).toBe(true);
    expect(shouldRetryIssue(network, 30_000)).toBe(false);
    expect(shouldRetryIssue(new ApiError(422, "service_closed", "closed"), 0)).toBe(false);
    expect(shouldRetryIssue(new ApiError(500, "unknown", "Internal Server Error"), 0)).toBe(false);
    expect(shouldRetryIssue(new Error("boom"), 0)).toBe(false);
  });

  it("waits the server's Retry-After within 1–5 s, else 2 s", () => {
    expect(issueRetryDelayMs(unavailable(1))).toBe(1000);
    expect(issueRetryDelayMs(unavailable(2))).toBe(2000);
    expect(issueRetryDelayMs(unavailable(0))).toBe(1000);
    expect(issueRetryDelayMs(unavailable(30))).toBe(5000);
    expect(issueRetryDelayMs(network)).toBe(2000);
    expect(issueRetryDelayMs(new Error("boom"))).toBe(2000);
  });
});

describe("sendRetrying", () => {
  it("sends again while the server is unreachable, and answers the first success", async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const sent = sendRetrying(async () => {
        calls++;
        if (calls < 3) throw unavailable(1);
        return "ticket";
      });
      await vi.advanceTimersByTimeAsync(2000);
      await expect(sent).resolves.toBe("ticket");
      expect(calls).toBe(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it("throws a refusal at once, without sending again", async () => {
    let calls = 0;
    await expect(
      sendRetrying(async () => {
        calls++;
        throw busy;
      }),
    ).rejects.toBe(busy);
    expect(calls).toBe(1);
  });
});
