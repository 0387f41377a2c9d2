import type { InjectOptions } from "fastify";
import { buildApp } from "../../src/app.ts";
import { bootstrap } from "../../src/bootstrap.ts";
import { type Config, loadConfig } from "../../src/core/config.ts";
import type { Database } from "../../src/db/database.ts";
import type { App } from "../../src/http/types.ts";
import { contractOf } from "./openapi-contract.ts";
import { createTestDatabase, type TestDatabase } from "./test-database.ts";

export const ADMIN = { login: "admin", password: "admin-password-1" };

/** A clock the test moves by hand, so waits and service times are exact. */
export class TestClock {
  now: Date;
  constructor(start = new Date("2026-03-02T09:00:00Z")) {
    this.now = start;
  }
  advance(seconds: number) {
    this.now = new Date(this.now.getTime() + seconds * 1000);
  }
  readonly fn = () => this.now;
}

export interface Response<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | undefined>;
}

export interface RequestOptions {
  body?: unknown;
  cookie?: string;
  token?: string;
  headers?: Record<string, string>;
}

let anonymousAddress = 0;
/**
 * `options` from a new anonymous visitor: each call names a forwarded client address (X-Forwarded-For)
 * of its own, so per-address limits see different people. Needs `trustProxy: ["loopback"]`.
 */
export function anonymous(options: RequestOptions = {}): RequestOptions {
  anonymousAddress++;
  return {
    ...options,
    headers: {
      "x-forwarded-for": `198.51.${anonymousAddress >> 8}.${anonymousAddress & 255}`,
      ...options.headers,
    },
  };
}

export interface TestContext {
  app: App;
  database: Database;
  testDb: TestDatabase;
  clock: TestClock;
  config: Config;
  request<T = any>(
    method: InjectOptions["method"],
    url: string,
    options?: RequestOptions,
  ): Promise<Response<T>>;
  /** Signs in and returns the session cookie to pass as `cookie`. */
  login(login: string, password: string): Promise<string>;
  adminCookie: string;
  /** Another app instance on the same database (PostgreSQL only), like a second server behind a proxy. */
  secondInstance(): Promise<App>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({
      DQ_ADMIN_PASSWORD: ADMIN.password,
      DQ_DEMO: "0",
      LOG_LEVEL: "silent",
      DQ_TZ: "Europe/Moscow",
    }),
    ...overrides,
  };
}

export interface TestContextOptions {
  clock?: TestClock;
  realClock?: boolean;
  config?: Partial<Config>;
  dataDir?: string;
}

export async function createTestContext(options: TestContextOptions = {}): Promise<TestContext> {
  const testDb = await createTestDatabase(undefined, options.dataDir ?? null);
  const database = await testDb.open();
  const clock = options.clock ?? new TestClock();
  const config = testConfig(options.config);
  await bootstrap(database.db, config);
  const clockFn = options.realClock ? () => new Date() : clock.fn;
  const app = await buildApp({ config, database, clock: clockFn, logger: false });
  await app.ready();
  const extra: { app: App; database: Database }[] = [];

  async function request<T>(
    method: InjectOptions["method"],
    url: string,
    o: RequestOptions = {},
  ): Promise<Response<T>> {
    return inject<T>(app, method, url, o);
  }

  async function login(loginName: string, password: string) {
    const res = await request("POST", "/api/v1/auth/login", { body: { login: loginName, password } });
    if (res.status !== 200)
      throw new Error(`login ${loginName} failed: ${res.status} ${JSON.stringify(res.body)}`);
    const setCookie = res.headers["set-cookie"];
    const raw = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
    return raw.split(";")[0]!;
  }

  const adminCookie = await login(ADMIN.login, ADMIN.password);

  return {
    app,
    database,
    testDb,
    clock,
    config,
    request,
    login,
    adminCookie,
    async secondInstance() {
      if (testDb.kind !== "postgres") throw new Error("a second instance needs PostgreSQL");
      const db2 = await testDb.open();
      const app2 = await buildApp({ config, database: db2, clock: clockFn, logger: false });
      await app2.ready();
      extra.push({ app: app2, database: db2 });
      return app2;
    },
    async close() {
      for (const e of extra) {
        await e.app.close();
        await e.database.close();
      }
      await app.close();
      await database.close();
      await testDb.drop();
    },
  };
}

export async function inject<T = any>(
  app: App,
  method: InjectOptions["method"],
  url: string,
  o: RequestOptions = {},
): Promise<Response<T>> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.cookie) headers.cookie = o.cookie;
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const res = await app.inject({
    method,
    url,
    headers,
    ...(o.body !== undefined ? { payload: o.body as InjectOptions["payload"] } : {}),
  });
  let body: unknown = res.body;
  const contentType = res.headers["content-type"]?.toString() ?? "";
  if (contentType.includes("application/json") && res.body) body = JSON.parse(res.body);
  // Every answer the suite receives must be one the OpenAPI document describes.
  const problem = contractOf(app).violation(String(method), url, res.statusCode, contentType, body);
  if (problem) throw new Error(`OpenAPI contract: ${problem}`);
  return { status: res.statusCode, body: body as T, headers: res.headers as Response["headers"] };
}
