import { expect, test } from "@playwright/test";
import { ADMIN, signInCookie } from "./support/office.ts";

/** The devices page shows times in the office's timezone, whatever the browser's is. */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";

test("a device's «last seen» is in office time when the browser is in another timezone", async ({
  browser,
  request,
}) => {
  const headers = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  const { timezone } = await (await request.get("/api/v1/branch", { headers })).json();
  const browserZone = timezone === "America/Los_Angeles" ? "Asia/Tokyo" : "America/Los_Angeles";
  const device = await (
    await request.post("/api/v1/devices", { headers, data: { kind: "kiosk", name: "Киоск время" } })
  ).json();
  // The kiosk asks for its menu: the server notes when it last saw the device.
  const seen = await request.get("/api/v1/kiosk", { headers: { authorization: `Bearer ${device.token}` } });
  expect(seen.status()).toBe(200);
  const { lastSeenAt } = await (await request.get(`/api/v1/devices/${device.id}`, { headers })).json();
  expect(lastSeenAt).not.toBeNull();

  const context = await browser.newContext({
    timezoneId: browserZone,
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Логин").fill(ADMIN.login);
  await page.getByLabel("Пароль").fill(ADMIN.password);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/admin/devices");
  const format = ([at, timeZone]: (string | undefined)[]) =>
    new Intl.DateTimeFormat("ru", { dateStyle: "short", timeStyle: "short", timeZone }).format(new Date(at!));
  const office = await page.evaluate(format, [lastSeenAt, timezone]);
  const local = await page.evaluate(format, [lastSeenAt, undefined]);
  expect(local).not.toBe(office);
  const row = page.getByTestId("device-row").filter({ hasText: "Киоск время" });
  await expect(row).toContainText(office);
  await expect(row).not.toContainText(local);
  await page.screenshot({ path: `${shots}/admin-devices-ru.png` });
  await context.close();
});
