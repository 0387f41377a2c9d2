/** What every benchmark needs: a real server process on a fresh PostgreSQL database, and its API. */
import { type ChildProcess, spawn } from "node:child_process";
import { resolve } from "node:path";
import pg from "pg";

const adminUrl = process.env.DQ_TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
export const ADMIN = { login: "admin", password: "bench-admin-1" };

async function sql(query: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(query);
  await c.end();
}

export interface BenchServer {
  base: string;
  /** The server's database, for a benchmark that prepares data with SQL or the command line. */
  databaseUrl: string;
  process: ChildProcess;
  api: (
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<{ status: number; body: any; cookie: string | undefined }>;
  /** The administrator's session cookie. */
  admin: string;
  stop: () => Promise<void>;
}

/** `DQ_BENCH_KEEP=1` keeps the database after the run, to study its queries by hand. */
const keep = process.env.DQ_BENCH_KEEP === "1";

export async function startBenchServer(
  port: number,
  env: Record<string, string> = {},
  /** A database kept by an earlier run (DQ_BENCH_KEEP=1), used as it is and kept again. */
  reuse?: string,
): Promise<BenchServer> {
  const dbName = reuse ?? `dq_bench_${Date.now()}`;
  const dbUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
  const base = `http://127.0.0.1:${port}`;
  if (!reuse) await sql(`create database "${dbName}"`);
  const child = spawn(process.execPath, ["apps/server/src/cli.ts", "serve"], {
    cwd: resolve(import.meta.dirname, ".."),
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      DQ_ADMIN_PASSWORD: ADMIN.password,
      DQ_DEMO: "0",
      LOG_LEVEL: "warn",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const api: BenchServer["api"] = async (method, path, body, headers = {}) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body ? { "content-type": "application/json" } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? JSON.parse(text) : null,
      cookie: res.headers.get("set-cookie")?.split(";")[0],
    };
  };
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    if (keep || reuse) console.log(`kept the database: ${dbUrl}`);
    else await sql(`drop database if exists "${dbName}" with (force)`);
  };
  try {
    // A reused database may have migrations to run over a million tickets first.
    for (let i = 0; i < (reuse ? 3000 : 100) && child.exitCode === null; i++) {
      if ((await fetch(`${base}/readyz`).catch(() => null))?.ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const admin = (await api("POST", "/api/v1/auth/login", ADMIN)).cookie!;
    return { base, databaseUrl: dbUrl, process: child, api, admin, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
