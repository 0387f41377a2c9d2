import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type APIRequestContext, expect, request, test } from "@playwright/test";

/**
 * The README's first command on an empty data folder: `npm start` answers /readyz within 60 s (the
 * demo history is made after it listens), the printed administrator signs in, the reports say the
 * history is being prepared and show its past days once it is made. Its own server, port and data
 * folder: the shared e2e server is not touched.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const READY_WITHIN_MS = 60_000;
/** The history of a demo office (the default 14 days) may take minutes on a busy machine. */
const HISTORY_WITHIN_MS = 240_000;

let child: ChildProcess | undefined;
let dataDir: string | undefined;
let output = "";

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function readyz(base: string): Promise<boolean> {
  try {
    return (await fetch(`${base}/readyz`)).status === 200;
  } catch {
    return false;
  }
}

test.afterAll(async () => {
  // npm, its shell and the server: the whole process group.
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {}
    await new Promise((r) => setTimeout(r, 3000));
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test("npm start on an empty data folder answers within 60 s and makes the history after", async ({
  browser,
}) => {
  test.setTimeout(READY_WITHIN_MS + HISTORY_WITHIN_MS + 60_000);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  dataDir = mkdtempSync(join(tmpdir(), "dq-first-start-"));
  const began = Date.now();
  child = spawn("npm", ["start"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DQ_DATA_DIR: dataDir, DATABASE_URL: "" },
  });
  child.stdout!.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr!.on("data", (chunk) => {
    output += chunk;
  });

  await expect
    .poll(() => readyz(base), { timeout: READY_WITHIN_MS, intervals: [250] })
    .toBe(true)
    .catch((error) => {
      throw new Error(`${error}\n--- npm start printed:\n${output}`);
    });
  const readyMs = Date.now() - began;
  console.log(`first start: /readyz 200 after ${(readyMs / 1000).toFixed(1)} s`);
  expect(readyMs).toBeLessThan(READY_WITHIN_MS);

  const password = /Administrator created: login "admin", password "([^"]+)"/.exec(output)?.[1];
  expect(password, output).toBeTruthy();

  // The printed administrator signs in, and the reports say the history is being prepared.
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Логин").fill("admin");
  await page.getByLabel("Пароль", { exact: true }).fill(password!);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const api: APIRequestContext = await request.newContext({
    baseURL: base,
    extraHTTPHeaders: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ") },
  });
  const status = async () => (await api.get("/api/v1/reports/history-status")).json();
  const first = await status();
  if (first.state === "preparing") {
    await page.goto("/admin/reports");
    await expect(page.getByTestId("history-banner")).toContainText("Готовим демонстрационную историю");
    await expect(page.getByTestId("history-banner")).toContainText(new RegExp(`из ${first.days} дн`));
    await page.screenshot({ path: "test-results/first-start-reports-preparing.png" });
  }

  // Once it is made, the reports have tickets on past days and the banner is gone.
  await expect
    .poll(async () => (await status()).state, { timeout: HISTORY_WITHIN_MS, intervals: [2000] })
    .toBe("ready");
  const done = await status();
  console.log(
    `first start: history ready (${done.daysDone} of ${done.days} days) after ${((Date.now() - began) / 1000).toFixed(1)} s`,
  );
  expect(done).toEqual({ state: "ready", daysDone: done.days, days: done.days });
  // Past days only: a month ending the day before yesterday (UTC), whatever the office's timezone.
  const dayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const period = `from=${dayAgo(30)}&to=${dayAgo(2)}`;
  const summary = await (await api.get(`/api/v1/reports/summary?${period}`)).json();
  expect(summary.issued, JSON.stringify(summary)).toBeGreaterThan(100);
  await page.goto(`/admin/reports?${period}`);
  await expect(page.getByTestId("reports")).toBeVisible();
  await expect(page.getByTestId("history-banner")).toHaveCount(0);
  await api.dispose();
  await context.close();
});
