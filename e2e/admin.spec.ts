import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { ADMIN, signInCookie, signInPage } from "./support/office.ts";
import { startServer } from "./support/server.ts";

/** Administration in the browser: queue management, role limits, and (below) building an office. */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";
const PASSWORD = "staff-password-3";

interface QueueOffice {
  services: { a: string; b: string };
  category: string;
  workstation: string;
  operatorCookie: string;
  kiosk: string;
}

/** Services Ф and Х, a category, window 51 with an operator; created once per server. */
async function queueOffice(request: APIRequestContext): Promise<QueueOffice> {
  const headers = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  const list = async (url: string) => (await (await request.get(url, { headers })).json()).items as any[];
  const ensure = async (url: string, match: (x: any) => boolean, data: unknown) => {
    const found = (await list(url)).find(match);
    if (found) return found;
    const res = await request.post(url, { headers, data });
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  };
  const a = await ensure("/api/v1/services", (x) => x.prefix === "Ф", {
    name: "Пенсии",
    prefix: "Ф",
    translations: { en: "Pensions" },
  });
  const b = await ensure("/api/v1/services", (x) => x.prefix === "Х", {
    name: "Пособия",
    prefix: "Х",
    translations: { en: "Benefits" },
  });
  const category = await ensure("/api/v1/categories", (x) => x.name === "Многодетные", {
    name: "Многодетные",
    priority: 2,
    translations: { en: "Large families" },
  });
  const ws = await ensure("/api/v1/workstations", (x) => x.number === "51", {
    name: "Окно 51",
    number: "51",
    serviceIds: [a.id, b.id],
  });
  await ensure("/api/v1/employees", (x) => x.login === "roman", {
    login: "roman",
    name: "Роман",
    role: "operator",
    password: PASSWORD,
    serviceIds: [a.id, b.id],
  });
  await ensure("/api/v1/employees", (x) => x.login === "sveta", {
    login: "sveta",
    name: "Света",
    role: "supervisor",
    password: PASSWORD,
  });
  const operatorCookie = await signInCookie(request, "roman", PASSWORD);
  await request.post("/api/v1/operator/workstation", {
    headers: { cookie: operatorCookie },
    data: { workstationId: ws.id },
  });
  const kiosk = (
    await (
      await request.post("/api/v1/devices", { headers, data: { kind: "kiosk", name: "Киоск ФХ" } })
    ).json()
  ).token;
  return { services: { a: a.id, b: b.id }, category: category.id, workstation: ws.id, operatorCookie, kiosk };
}

async function issue(request: APIRequestContext, o: QueueOffice, serviceId: string) {
  const res = await request.post("/api/v1/tickets", {
    headers: { authorization: `Bearer ${o.kiosk}` },
    data: { serviceId },
  });
  expect(res.status()).toBe(201);
  return res.json() as Promise<{ id: string; code: string; label: string }>;
}
const ticketOf = async (request: APIRequestContext, code: string) =>
  (await request.get(`/api/v1/tickets/${code}`)).json();

test("queue management: change category, move, send to a window, cancel, stop issuing — as the API then shows", async ({
  browser,
  request,
}) => {
  const o = await queueOffice(request);
  const first = await issue(request, o, o.services.a);
  const second = await issue(request, o, o.services.a);
  const third = await issue(request, o, o.services.a);
  const page = await signInPage(browser, "sveta", PASSWORD);
  await expect(page).toHaveURL(/\/admin$/);
  await page.getByRole("navigation", { name: "Основная навигация" }).getByText("Управление очередью").click();
  await expect(page.getByRole("heading", { name: "Управление очередью" })).toBeVisible();
  const row = (label: string) => page.locator(`[data-testid=queue-ticket][data-label="${label}"]`);
  await expect(row(first.label)).toBeVisible();
  await page.screenshot({ path: `${shots}/admin-queue-ru.png` });

  const act = async (label: string, item: string) => {
    await row(label).getByRole("button", { name: "Действия" }).click();
    await page.getByRole("menuitem", { name: item }).click();
  };
  // Category.
  await act(second.label, "Категория");
  await page.getByRole("dialog").getByLabel("Категория").click();
  await page.getByRole("option", { name: "Многодетные" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Сохранить" }).click();
  await expect(row(second.label)).toContainText("Многодетные");
  expect(
    (
      await (
        await request.get(`/api/v1/queue/tickets/${second.id}`, {
          headers: { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) },
        })
      ).json()
    ).categoryId,
  ).toBe(o.category);

  // Move to the other service: same label, new service.
  await act(third.label, "Перевести в услугу");
  await page.getByRole("dialog").getByLabel("Перевести в услугу").click();
  await page.getByRole("option", { name: "Пособия" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Сохранить" }).click();
  await expect(row(third.label)).toContainText("Пособия");
  expect(await ticketOf(request, third.code)).toMatchObject({
    serviceId: o.services.b,
    label: third.label,
    status: "waiting",
  });

  // Send the first one to window 51 (Роман is free there).
  await act(first.label, "Пригласить к окну");
  await page.getByRole("dialog").getByLabel("К какому окну").click();
  await page.getByRole("option", { name: /Окно 51/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Сохранить" }).click();
  await expect(row(first.label)).toHaveCount(0);
  expect(await ticketOf(request, first.code)).toMatchObject({
    status: "called",
    workstation: { number: "51" },
  });

  // Cancel the third.
  page.once("dialog", (d) => void d.accept());
  await act(third.label, "Отменить");
  await expect(row(third.label)).toHaveCount(0);
  expect((await ticketOf(request, third.code)).status).toBe("cancelled");

  // Stop issuing for «Пособия», then resume.
  const toggle = page.getByTestId("queue-services").getByLabel(/^Пособия/);
  // The switch shows the server's state, so it flips once the change is saved.
  await toggle.click();
  await expect(page.getByTestId("queue-services")).toContainText("выдача остановлена");
  const refused = await request.post("/api/v1/tickets", {
    headers: { authorization: `Bearer ${o.kiosk}` },
    data: { serviceId: o.services.b },
  });
  expect(refused.status()).toBe(422);
  await page
    .getByTestId("queue-services")
    .getByLabel(/^Пособия/)
    .click();
  await expect(page.getByTestId("queue-services")).not.toContainText("выдача остановлена");

  // Close the day: after confirming, nothing is open.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Закрыть день" }).click();
  await expect(page.getByText(/День закрыт/)).toBeVisible();
  expect((await ticketOf(request, second.code)).status).toBe("cancelled");
  expect((await ticketOf(request, first.code)).status).toBe("no_show");

  await page.getByText("EN", { exact: true }).click();
  await expect(page.getByRole("heading", { name: "Queue management" })).toBeVisible();
  await page.screenshot({ path: `${shots}/admin-queue-en.png` });
  await page.context().close();
});

test("a supervisor cannot open the directories: the UI sends him back, the API refuses", async ({
  browser,
  request,
}) => {
  await queueOffice(request);
  const page = await signInPage(browser, "sveta", PASSWORD);
  const nav = page.getByRole("navigation", { name: "Основная навигация" });
  await expect(nav.getByText("Текущее состояние")).toBeVisible();
  await expect(nav.getByText("Услуги", { exact: true })).toHaveCount(0);
  await expect(nav.getByText("Сотрудники", { exact: true })).toHaveCount(0);
  for (const path of [
    "/admin/services",
    "/admin/employees",
    "/admin/devices",
    "/admin/settings",
    "/admin/audit",
  ]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/admin$/);
  }
  const cookie = await signInCookie(request, "sveta", PASSWORD);
  for (const [method, url] of [
    ["post", "/api/v1/services"],
    ["post", "/api/v1/employees"],
    ["post", "/api/v1/devices"],
    ["patch", "/api/v1/branch"],
    ["get", "/api/v1/audit-log"],
  ] as const) {
    const res = await request[method](url, {
      headers: { cookie },
      ...(method === "get" ? {} : { data: {} }),
    });
    expect(res.status(), `${method} ${url}`).toBe(403);
  }
  await page.context().close();
});

test("an administrator builds an office from nothing in the browser; a ticket from its kiosk appears on the dashboard live", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // A server of its own: "from nothing" means an empty database.
  const server = await startServer(18_493);
  try {
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      baseURL: server.base,
    });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Логин").fill(ADMIN.login);
    await page.getByLabel("Пароль", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "Войти" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    const dialog = page.getByRole("dialog");
    const save = () => dialog.getByRole("button", { name: "Сохранить" }).click();

    // A group with two services.
    await page.goto("/admin/services");
    await page.getByRole("button", { name: "Добавить группу" }).click();
    await dialog.getByRole("textbox", { name: "Название", exact: true }).fill("Документы");
    await save();
    await expect(page.getByTestId("service-row")).toHaveCount(1);
    for (const [name, prefix] of [
      ["Получить справку", "Д"],
      ["Сдать документы", "С"],
    ]) {
      await page.getByRole("button", { name: "Добавить услугу" }).click();
      await dialog.getByRole("textbox", { name: "Название", exact: true }).fill(name!);
      await dialog.getByRole("textbox", { name: "Префикс талона" }).fill(prefix!);
      await dialog.getByLabel("Входит в группу").click();
      await page.getByRole("option", { name: "Документы" }).click();
      await save();
      await expect(dialog).toHaveCount(0);
    }
    await expect(page.getByTestId("service-row")).toHaveCount(3);
    await page.screenshot({ path: `${shots}/admin-services-ru.png` });

    // Field errors in words, by their codes: the form's own check, then the server's (a taken prefix).
    await page.getByRole("button", { name: "Добавить услугу" }).click();
    await dialog.getByRole("textbox", { name: "Название", exact: true }).fill("Дубль");
    const prefixBox = dialog.getByRole("textbox", { name: "Префикс талона" });
    await prefixBox.fill("д1");
    await save();
    await expect(dialog).toContainText("1–3 заглавные буквы (латиница или кириллица)");
    await prefixBox.fill("Д");
    await save();
    await expect(dialog).toContainText("Такое значение уже используется");
    await page.screenshot({ path: `${shots}/admin-service-field-error-ru.png` });
    await dialog.getByRole("button", { name: "Отмена" }).click();
    await expect(dialog).toHaveCount(0);

    // A category.
    await page.goto("/admin/categories");
    await page.getByRole("button", { name: "Добавить" }).click();
    await dialog.getByRole("textbox", { name: "Название", exact: true }).fill("Ветеран");
    await dialog.getByLabel("Приоритет").fill("2");
    await save();
    await expect(page.getByTestId("categories")).toContainText("Ветеран");

    // Two workstations serving both services.
    await page.goto("/admin/workstations");
    for (const number of ["1", "2"]) {
      await page.getByRole("button", { name: "Добавить" }).click();
      await dialog.getByRole("textbox", { name: "Номер" }).fill(number);
      await dialog.getByRole("textbox", { name: "Название", exact: true }).fill(`Окно ${number}`);
      await dialog.getByLabel("Услуги").click();
      await page.getByRole("option", { name: /Получить справку/ }).click();
      await page.getByRole("option", { name: /Сдать документы/ }).click();
      await dialog.getByLabel("Номер").click(); // close the list
      await save();
      await expect(dialog).toHaveCount(0);
    }
    await page.screenshot({ path: `${shots}/admin-workstations-ru.png` });

    // An operator with competencies: rank 1 for one service, rank 2 for the other.
    await page.goto("/admin/employees");
    await page.getByRole("button", { name: "Добавить" }).click();
    await dialog.getByRole("textbox", { name: "Логин" }).fill("olesya");
    await dialog.getByRole("textbox", { name: "Имя", exact: true }).fill("Олеся");
    await dialog.locator("input[type=password]").fill("olesya-password-1");
    await dialog.getByLabel("Получить справку").selectOption("1");
    await dialog.getByLabel("Сдать документы").selectOption("2");
    await save();
    await expect(dialog).toHaveCount(0);
    await page.screenshot({ path: `${shots}/admin-employees-ru.png` });

    // A kiosk device: the address with its key is shown once.
    await page.goto("/admin/devices");
    await page.getByRole("button", { name: "Добавить" }).click();
    await dialog.getByRole("textbox", { name: "Название", exact: true }).fill("Киоск у входа");
    await save();
    const url = (await page.getByTestId("device-url").textContent())!;
    const token = url.match(/token=(\S+)/)![1]!;
    await page.screenshot({ path: `${shots}/admin-device-created-ru.png` });
    await page.getByRole("button", { name: "Готово, я сохранил адрес" }).click();

    // What was built, as the API sees it.
    const api = await playwrightRequest.newContext({ baseURL: server.base });
    const adminCookie = await signInCookie(api, ADMIN.login, ADMIN.password);
    const services = (await (await api.get("/api/v1/services", { headers: { cookie: adminCookie } })).json())
      .items;
    const group = services.find((s: { name: string }) => s.name === "Документы");
    const get = services.find((s: { name: string }) => s.name === "Получить справку");
    expect(get).toMatchObject({ prefix: "Д", parentId: group.id });
    const employees = (
      await (await api.get("/api/v1/employees", { headers: { cookie: adminCookie } })).json()
    ).items;
    expect(employees.find((e: { login: string }) => e.login === "olesya")).toMatchObject({
      role: "operator",
    });
    expect((await api.get("/api/v1/kiosk", { headers: { authorization: `Bearer ${token}` } })).status()).toBe(
      200,
    );

    // The dashboard, open, shows the new ticket without a reload.
    await page.goto("/admin");
    const row = page.locator(`[data-testid=dashboard-service][data-service="${get.id}"]`);
    await expect(row.getByTestId("waiting")).toHaveText("0");
    const ticket = await api.post("/api/v1/tickets", {
      headers: { authorization: `Bearer ${token}` },
      data: { serviceId: get.id },
    });
    expect(ticket.status()).toBe(201);
    await expect(row.getByTestId("waiting")).toHaveText("1", { timeout: 10_000 });
    await page.screenshot({ path: `${shots}/admin-dashboard-ru.png` });
    await page.getByText("EN", { exact: true }).click();
    await expect(page.getByRole("heading", { name: "Live dashboard" })).toBeVisible();
    await page.screenshot({ path: `${shots}/admin-dashboard-en.png` });
    for (const [path, name] of [
      ["/admin/services", "services"],
      ["/admin/employees", "employees"],
      ["/admin/devices", "devices"],
      ["/admin/settings", "settings"],
      ["/admin/audit", "audit"],
    ]) {
      await page.goto(path!);
      await page.waitForLoadState("networkidle");
      await page.screenshot({ path: `${shots}/admin-${name}-en.png` });
    }
    await page.goto("/admin/settings");
    await page.getByText("RU", { exact: true }).click();
    await page.waitForLoadState("networkidle");
    await page.screenshot({ path: `${shots}/admin-settings-ru.png` });
    await page.goto("/admin/audit");
    await expect(page.getByTestId("audit-log")).toContainText("Создана услуга");
    await page.screenshot({ path: `${shots}/admin-audit-ru.png` });
    await api.dispose();
    await context.close();
  } finally {
    await server.stop();
  }
});
