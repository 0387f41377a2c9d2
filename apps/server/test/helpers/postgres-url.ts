import { randomBytes } from "node:crypto";

/** Where integration tests find PostgreSQL; defaults to the local trust-auth server. */
export function adminUrl(): string {
  return process.env.DQ_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

/**
 * A name for a test database: `dq_test_<unix seconds>_<purpose>_<random>`. The time lets a later
 * run drop leftovers of an interrupted one without touching databases of a run still going on.
 */
export function testDatabaseName(purpose: string): string {
  return `dq_test_${Math.floor(Date.now() / 1000)}_${purpose}_${randomBytes(4).toString("hex")}`;
}

/** Leftovers older than this are from runs that were killed; nothing runs that long. */
export const STALE_AFTER_SECONDS = 3 * 3600;

export function withDatabase(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}
