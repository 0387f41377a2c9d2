import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/**
 * A server of a test's own, on its own embedded database (the shared one must not be restarted
 * under other tests). `output` collects what it prints: the demo office's logins and device URLs.
 * A demo history is made before the server listens, so it is there once this returns.
 */
export async function startServer(port: number, options: { demo?: boolean; historyDays?: number } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), "dq-e2e-own-"));
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = "";
  const start = async () => {
    const c = spawn(process.execPath, ["apps/server/src/cli.ts", "serve"], {
      cwd: resolve(import.meta.dirname, "../.."),
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DQ_DATA_DIR: dataDir,
        DQ_ADMIN_PASSWORD: "e2e-admin-password",
        DQ_DEMO: options.demo ? "1" : "0",
        DQ_DEMO_HISTORY_DAYS: String(options.historyDays ?? 0),
        DATABASE_URL: "",
        LOG_LEVEL: "warn",
      },
    });
    c.stdout?.on("data", (d) => {
      output += String(d);
    });
    c.stderr?.on("data", () => {});
    child = c;
    for (let i = 0; i < 240; i++) {
      if ((await fetch(`${base}/readyz`).catch(() => null))?.ok) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error("the server did not start");
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGTERM");
    await exited;
  };
  await start();
  return {
    base,
    output: () => output,
    restart: async () => {
      await stop();
      await start();
    },
    stop: async () => {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
