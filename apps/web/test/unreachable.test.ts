import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, isServerUnreachable, parseRetryAfter } from "../src/app/api.ts";
import { connectivity } from "../src/app/connection.ts";

const DATABASE_UNAVAILABLE = {
  error: {
    code: "database_unavailable",
    message: "the database is not reachable; try again in a few seconds",
  },
};

describe("isServerUnreachable", () => {
  it("is true for no connection, the app's 503 database_unavailable and a proxy's 502/503/504", () => {
    expect(isServerUnreachable(new ApiError(0, "network", "network error"))).toBe(true);
    expect(isServerUnreachable(new ApiError(503, "database_unavailable", "…", undefined, 2))).toBe(true);
    expect(isServerUnreachable(new ApiError(502, "unknown", "Bad Gateway"))).toBe(true);
    expect(isServerUnreachable(new ApiError(503, "unknown", "Service Unavailable"))).toBe(true);
    expect(isServerUnreachable(new ApiError(504, "unknown", "Gateway Timeout"))).toBe(true);
  });

  it("is false for the app's own answers, a server error, and anything that is not an ApiError", () => {
    expect(isServerUnreachable(new ApiError(503, "not_ready", "no branch is configured yet"))).toBe(false);
    expect(isServerUnreachable(new ApiError(500, "unknown", "Internal Server Error"))).toBe(false);
    expect(isServerUnreachable(new ApiError(500, "internal_error", "boom"))).toBe(false);
    expect(isServerUnreachable(new ApiError(409, "operator_busy", "…"))).toBe(false);
    expect(isServerUnreachable(new ApiError(401, "unauthenticated", "…"))).toBe(false);
    expect(isServerUnreachable(new ApiError(400, "database_unavailable", "…"))).toBe(false);
    expect(isServerUnreachable(new Error("network error"))).toBe(false);
    expect(isServerUnreachable(null)).toBe(false);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-03-02T10:00:00Z");
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2", now)).toBe(2);
    expect(parseRetryAfter(" 120 ", now)).toBe(120);
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("Mon, 02 Mar 2026 10:00:05 GMT", now)).toBe(5);
    expect(parseRetryAfter("Mon, 02 Mar 2026 09:59:00 GMT", now)).toBe(0);
  });
  it("is null when absent or not understood", () => {
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("", now)).toBeNull();
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("-3", now)).toBeNull();
    expect(parseRetryAfter("1.5", now)).toBeNull();
  });
});

describe("the API client's failures", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const answer = (response: Response | Error) =>
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => {
        if (response instanceof Error) throw response;
        return response;
      }),
    );
  const failure = async () => {
    try {
      await api.get("/api/v1/board", { parse: (x: unknown) => x } as never);
    } catch (error) {
      return error as ApiError;
    }
    throw new Error("the request did not fail");
  };

  it("a 503 database_unavailable carries its code and Retry-After, and says the server is unreachable", async () => {
    answer(
      new Response(JSON.stringify(DATABASE_UNAVAILABLE), {
        status: 503,
        headers: { "content-type": "application/json", "retry-after": "2" },
      }),
    );
    const error = await failure();
    expect(error).toBeInstanceOf(ApiError);
    expect([error.status, error.code, error.retryAfterSeconds]).toEqual([503, "database_unavailable", 2]);
    expect(error.message).toBe("the database is not reachable; try again in a few seconds");
    expect(isServerUnreachable(error)).toBe(true);
    expect(connectivity.snapshot().requestsFailing).toBe(true);
  });

  it("a proxy's HTML 502 has no error body: code unknown, no Retry-After, unreachable", async () => {
    answer(
      new Response("<html><body>502 Bad Gateway</body></html>", { status: 502, statusText: "Bad Gateway" }),
    );
    const error = await failure();
    expect([error.status, error.code, error.message, error.retryAfterSeconds]).toEqual([
      502,
      "unknown",
      "Bad Gateway",
      null,
    ]);
    expect(isServerUnreachable(error)).toBe(true);
  });

  it("a rejected fetch is status 0 `network`; the next answer from the server clears the failing state", async () => {
    answer(new TypeError("Failed to fetch"));
    const error = await failure();
    expect([error.status, error.code]).toEqual([0, "network"]);
    expect(connectivity.snapshot().requestsFailing).toBe(true);

    answer(new Response(JSON.stringify({ error: { code: "not_found", message: "no" } }), { status: 404 }));
    expect((await failure()).code).toBe("not_found");
    // A 404 is an answer: the server is there.
    expect(connectivity.snapshot().requestsFailing).toBe(false);
  });
});
