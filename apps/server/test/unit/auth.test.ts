import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/core/config.ts";
import { hashSecret, newSecret } from "../../src/core/secrets.ts";
import { hashPassword, verifyPassword } from "../../src/modules/auth/passwords.ts";

describe("passwords", () => {
  it("hashes with scrypt and a random salt, and verifies", async () => {
    const a = await hashPassword("correct horse");
    const b = await hashPassword("correct horse");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse", a)).toBe(true);
    expect(await verifyPassword("correct horsE", a)).toBe(false);
    expect(await verifyPassword("correct horse", "garbage")).toBe(false);
  });
});

describe("tokens", () => {
  it("are prefixed, random, and stored only as a hash", () => {
    const s = newSecret("dqd_");
    expect(s.token).toMatch(/^dqd_[\w-]{32}$/);
    expect(s.hash).toBe(hashSecret(s.token));
    expect(s.hash).not.toContain(s.token);
    expect(s.displayPrefix).toBe(s.token.slice(0, 10));
    expect(newSecret("dqd_").token).not.toBe(s.token);
  });
});

describe("configuration", () => {
  it("defaults to PGlite in ./data with the demo office", () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: "pglite", dataDir: "./data" });
    expect(c.demo).toBe(true);
    expect(c.port).toBe(8080);
    expect(c.host).toBe("0.0.0.0");
  });

  it("uses PostgreSQL with DATABASE_URL and then no demo unless asked", () => {
    const c = loadConfig({ DATABASE_URL: "postgres://u@h/db" });
    expect(c.database).toEqual({ kind: "postgres", url: "postgres://u@h/db" });
    expect(c.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: "postgres://u@h/db", DQ_DEMO: "1" }).demo).toBe(true);
  });

  it("fails fast naming the variable", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DQ_ADMIN_PASSWORD: "short" })).toThrow(/DQ_ADMIN_PASSWORD/);
    expect(() => loadConfig({ DQ_TZ: "Mars/Olympus" })).toThrow(/DQ_TZ/);
    expect(() => loadConfig({ DQ_DEMO: "maybe" })).toThrow(/DQ_DEMO/);
  });
});
