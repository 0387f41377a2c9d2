import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../../src/db/unavailable.ts";

/** What node-postgres and Node report while PostgreSQL restarts, crashes or cannot be reached. */
const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["connection exception (class 08)", withCode("08006")],
    ["connection refused by the server (08001)", withCode("08001")],
    [
      "admin shutdown (a fast restart)",
      withCode("57P01", "terminating connection due to administrator command"),
    ],
    ["crash shutdown", withCode("57P02")],
    ["the server is starting up", withCode("57P03", "the database system is starting up")],
    ["no connection slot left", withCode("53300")],
    ["a refused socket", withCode("ECONNREFUSED")],
    ["a reset socket", withCode("ECONNRESET")],
    ["a timed-out socket", withCode("ETIMEDOUT")],
    ["a lost connection (node-postgres, no code)", new Error("Connection terminated unexpectedly")],
    ["a pool that cannot connect in time", new Error("timeout exceeded when trying to connect")],
    [
      "refused on every address of a host",
      new AggregateError([withCode("ECONNREFUSED"), withCode("ECONNREFUSED")], "connect failed"),
    ],
    ["wrapped as the cause of another error", new Error("query failed", { cause: withCode("57P01") })],
  ])("is true for %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation", withCode("23505")],
    ["a syntax error", withCode("42601")],
    ["a serialization failure (retried elsewhere)", withCode("40001")],
    ["a query cancelled by statement_timeout", withCode("57014")],
    ["a plain error", new Error("something else")],
    ["a string", "ECONNREFUSED"],
    ["null", null],
  ])("is false for %s", (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("does not follow a cycle of causes without end", () => {
    const a: Error & { cause?: unknown } = new Error("a");
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
