import { expect, type Page, test } from "@playwright/test";

const ADMIN = { login: "admin", password: "e2e-admin-password" };
// Screenshots go to test-results; `DQ_SCREENSHOT_DIR=docs/screenshots npm run test:e2e` refreshes the committed ones.
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";

async function signIn(page: Page, login: string, password: string) {
  await page.goto("/login");
  await page.getByLabel(/Логин|Login/).fill(login);
  await page.getByLabel(/Пароль|Password/).fill(password);
  await page.getByRole("button", { name: /Войти|Sign in/ }).click();
}

test.describe("web shell", () => {
  test("sign-in page: Russian by default, plain-words error, English kept after reload", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByText("Вход для сотрудников")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await page.screenshot({ path: `${shots}/login-ru.png` });

    await page.getByLabel("Логин").fill(ADMIN.login);
    await page.getByLabel("Пароль").fill("wrong-password");
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page.getByRole("alert")).toHaveText("Неверный логин или пароль.");

    await page.getByText("EN", { exact: true }).click();
    await expect(page.getByText("Staff sign-in")).toBeVisible();
    await page.reload();
    await expect(page.getByText("Staff sign-in")).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.screenshot({ path: `${shots}/login-en.png` });
  });

  test("an administrator lands on the dashboard with the full navigation, and signs out", async ({
    page,
  }) => {
    await signIn(page, ADMIN.login, ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    const nav = page.getByRole("navigation", { name: "Основная навигация" });
    for (const item of [
      "Текущее состояние",
      "Управление очередью",
      "Услуги",
      "Сотрудники",
      "Устройства",
      "Отчёты",
    ]) {
      await expect(nav.getByText(item, { exact: true })).toBeVisible();
    }
    await expect(page.getByTestId("current-user")).toHaveText("Администратор · admin");
    await page.screenshot({ path: `${shots}/admin-shell-ru.png` });

    await nav.getByText("Услуги", { exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/services$/);
    await expect(page.getByRole("heading", { name: "Услуги", exact: true })).toBeVisible();

    await page.getByText("EN", { exact: true }).click();
    // The navigation's name is translated too.
    const navEn = page.getByRole("navigation", { name: "Main navigation" });
    await expect(navEn.getByText("Services", { exact: true })).toBeVisible();
    await page.screenshot({ path: `${shots}/admin-shell-en.png` });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/login\?next=%2Fadmin$/);
  });

  test("an operator gets only the workplace; admin pages send him back", async ({ page }) => {
    await signIn(page, ADMIN.login, ADMIN.password);
    await expect(page).toHaveURL(/\/admin$/);
    const created = await page.request.post("/api/v1/employees", {
      data: {
        login: "e2e-operator",
        name: "Ольга Операторова",
        role: "operator",
        password: "operator-pass-1",
      },
    });
    expect(created.status()).toBe(201);
    await page.getByRole("button", { name: "Выйти" }).click();
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, "e2e-operator", "operator-pass-1");
    await expect(page).toHaveURL(/\/operator$/);
    const nav = page.getByRole("navigation", { name: "Основная навигация" });
    await expect(nav.getByText("Рабочее место оператора")).toBeVisible();
    await expect(nav.getByText("Услуги")).toHaveCount(0);
    await page.goto("/admin/services");
    await expect(page).toHaveURL(/\/operator$/);
  });

  test("device screens keep their token and drop it from the address", async ({ page }) => {
    await page.goto("/kiosk?token=dqd_example");
    await expect(page).toHaveURL(/\/kiosk$/);
    expect(await page.evaluate(() => localStorage.getItem("dq.deviceToken.kiosk"))).toBe("dqd_example");
    // Not a token the server knows: the kiosk says how to set it up instead of failing.
    await expect(page.getByRole("heading", { name: "Это устройство не подключено" })).toBeVisible();
    await page.goto("/no/such/page");
    await expect(page.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();
  });

  test("layouts hold on a phone", async ({ browser }) => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto("/login");
    await expect(phone.getByText("Вход для сотрудников")).toBeVisible();
    await phone.screenshot({ path: `${shots}/login-phone-ru.png` });
    await signIn(phone, ADMIN.login, ADMIN.password);
    await expect(phone).toHaveURL(/\/admin$/);
    await phone.getByRole("button", { name: "Меню" }).click();
    await expect(phone.getByText("Сотрудники", { exact: true })).toBeVisible();
    await phone.screenshot({ path: `${shots}/admin-menu-phone-ru.png` });
    await phone.close();
  });

  test("the API documentation and the OpenAPI document are served", async ({ page, request }) => {
    const doc = await request.get("/api/openapi.json");
    expect(doc.status()).toBe(200);
    const json = await doc.json();
    expect(Object.keys(json.paths)).toEqual(
      expect.arrayContaining(["/api/v1/tickets", "/api/v1/operator/call-next", "/api/v1/events"]),
    );
    await page.goto("/api/docs");
    // Swagger UI renders the whole document (every operation with every answer it can give) in
    // the browser: seconds, more on a busy machine.
    await expect(page.getByText("DigitalQueue API").first()).toBeVisible({ timeout: 20_000 });
  });
});
