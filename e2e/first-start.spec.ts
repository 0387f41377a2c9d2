import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type APIRequestContext, expect, request, test } from "@playwright/test";

/**
 * The README's first command on an empty data folder: `npm start` answers /readyz within 60 s with
 * the demo office and its history made, and everything works at once: a kiosk ticket taken then
 * stays in today's queue (a history made after listening once "served" it in the past), a demo
 * operator takes a window, the printed administrator reads the past days in the reports. Its own
 * server, port and data folder: the shared e2e server is not touched.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const READY_WITHIN_MS = 60_000;

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

test("npm start on an empty data folder answers within 60 s with the demo history made; a ticket and a window work at once", async ({
  browser,
}) => {
  test.setTimeout(READY_WITHIN_MS + 60_000);
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
  const staffPassword = /password: (\S+)\n/.exec(output.split("Demo office created")[1] ?? "")?.[1];
  const kioskToken = /\/kiosk\?token=(\S+)/.exec(output)?.[1];
  expect(staffPassword && kioskToken, output).toBeTruthy();

  // A visitor takes a ticket at once; a demo operator takes window 1 at once.
  const visitor = await request.newContext({ baseURL: base });
  const kiosk = { authorization: `Bearer ${kioskToken}` };
  const services = (await (await visitor.get("/api/v1/services", { headers: kiosk })).json()) as {
    items: { id: string; name: string }[];
  };
  const buy = services.items.find((x) => x.name === "Купить билет")!;
  const taken = await visitor.post("/api/v1/tickets", { headers: kiosk, data: { serviceId: buy.id } });
  expect(taken.status()).toBe(201);
  const ticket = await taken.json();
  const operator = await request.newContext({ baseURL: base });
  expect(
    (
      await operator.post("/api/v1/auth/login", { data: { login: "ivanova", password: staffPassword } })
    ).status(),
  ).toBe(200);
  const workstations = (await (await operator.get("/api/v1/operator/workstations")).json()).items as {
    id: string;
    number: string;
  }[];
  const seat = await operator.post("/api/v1/operator/workstation", {
    data: { workstationId: workstations.find((w) => w.number === "1")!.id },
  });
  expect(seat.status(), await seat.text()).toBe(200);
  const state = await (await operator.get("/api/v1/operator/state")).json();
  expect(state.ticket).toBeNull();
  await new Promise((r) => setTimeout(r, 3000));
  const later = await (await visitor.get(`/api/v1/tickets/${ticket.code}`)).json();
  expect(later).toMatchObject({ label: "А001", status: "waiting" });
  await operator.dispose();
  await visitor.dispose();

  // The printed administrator signs in; the history is there.
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
  const done = await (await api.get("/api/v1/reports/history-status")).json();
  expect(done).toEqual({ state: "ready", daysDone: 7, days: 7 });
  console.log(`first start: ${/Demo history ready: .*/.exec(output)?.[0]}`);
  // Past days only: a week ending the day before yesterday (UTC), whatever the office's timezone.
  const dayAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
  const period = `from=${dayAgo(9)}&to=${dayAgo(2)}`;
  const summary = await (await api.get(`/api/v1/reports/summary?${period}`)).json();
  expect(summary.issued, JSON.stringify(summary)).toBeGreaterThan(100);
  await page.goto(`/admin/reports?${period}`);
  await expect(page.getByTestId("reports")).toBeVisible();
  await expect(page.getByTestId("history-banner")).toHaveCount(0);
  await api.dispose();
  await context.close();
});
