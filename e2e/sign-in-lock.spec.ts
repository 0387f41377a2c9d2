import { expect, test } from "@playwright/test";
import { ADMIN, signInCookie, signInPage } from "./support/office.ts";

/** Too many wrong passwords: the sign-in page says how long, and an administrator lifts the lock. */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";
const LENA = { login: "lena-locked", password: "lena-password-1" };

test("a locked login: the page counts the real wait down, and an administrator unlocks it", async ({
  browser,
  request,
}) => {
  const headers = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  const created = await request.post("/api/v1/employees", {
    headers,
    data: { ...LENA, name: "Елена", role: "operator" },
  });
  expect(created.status(), await created.text()).toBe(201);
  const lena = await created.json();
  for (let i = 0; i < 10; i++) {
    const res = await request.post("/api/v1/auth/login", {
      data: { login: LENA.login, password: "wrong-one" },
    });
    expect(res.status(), `attempt ${i + 1}`).toBe(401);
  }

  // The lock lasts 15 minutes from the first failure: not «a minute».
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.clock.install();
  await page.goto("/login");
  await page.getByLabel("Логин").fill(LENA.login);
  await page.getByLabel("Пароль").fill(LENA.password);
  await page.getByRole("button", { name: "Войти" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Слишком много неудачных попыток. Повторите через 15 минут или попросите администратора снять блокировку.",
  );
  await page.screenshot({ path: `${shots}/login-locked-ru.png` });
  // It counts down: two minutes later, 13 are left.
  await page.clock.fastForward("02:00");
  await expect(page.getByRole("alert")).toContainText("Повторите через 13 минут");
  await page.getByText("EN", { exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Too many failed attempts. Try again in 13 minutes or ask an administrator to unlock your login.",
  );
  await page.screenshot({ path: `${shots}/login-locked-en.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/login-locked-phone-en.png` });

  // The employees page shows until when (office time) and offers to unlock.
  const { signInLockedUntil, timezone } = {
    ...(await (await request.get(`/api/v1/employees/${lena.id}`, { headers })).json()),
    ...(await (await request.get("/api/v1/branch", { headers })).json()),
  };
  const admin = await signInPage(browser, ADMIN.login, ADMIN.password);
  await admin.goto("/admin/employees");
  const row = admin.getByTestId("employee-row").filter({ hasText: LENA.login });
  const until = await admin.evaluate(
    ([at, timeZone]) => new Intl.DateTimeFormat("ru", { timeStyle: "short", timeZone }).format(new Date(at!)),
    [signInLockedUntil as string, timezone as string],
  );
  await expect(row.getByTestId("employee-locked")).toHaveText(`Вход заблокирован до ${until}`);
  await admin.screenshot({ path: `${shots}/admin-employee-locked-ru.png` });
  await admin.getByText("EN", { exact: true }).click();
  await expect(row.getByRole("button", { name: "Unlock" })).toBeVisible();
  await admin.screenshot({ path: `${shots}/admin-employee-locked-en.png` });
  await admin.getByText("RU", { exact: true }).click();
  await row.getByRole("button", { name: "Разблокировать" }).click();
  await expect(row.getByTestId("employee-locked")).toHaveCount(0);
  await expect(row.getByRole("button", { name: "Разблокировать" })).toHaveCount(0);
  await admin.context().close();

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await context.close();
});
