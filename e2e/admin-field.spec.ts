import { type Browser, expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { ADMIN } from "./support/office.ts";
import { startServer } from "./support/server.ts";

/**
 * The staff and admin UI as a new office meets it (issue 15, #13), on the demo office of a server of
 * its own, in a browser whose own locale is US English (as many office PCs are): the header names
 * the administrator's role once; date fields follow the UI's language, not the browser's; the
 * audit log reads without codes or ids; reports say «Не пришли», explain «Не завершено» and offer
 * 14 days; in English the office, its running text, alert rules and services are in English.
 * Service prefixes AD/AE are not used here (the demo office has its own server).
 */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";
const TZ = "Europe/Moscow";
const dayAgo = (n: number) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: TZ,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() - n * 86_400_000));
const ruDay = (iso: string) => iso.split("-").reverse().join(".");
const enDay = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
    .format(new Date(`${iso}T00:00:00Z`))
    .replace("Sept", "Sep");

async function adminPage(browser: Browser, base: string, lang: "ru" | "en"): Promise<Page> {
  const context = await browser.newContext({
    baseURL: base,
    locale: "en-US",
    timezoneId: "America/New_York",
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript((l) => localStorage.setItem("dq.lang", l), lang);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(lang === "ru" ? "Логин" : "Login").fill(ADMIN.login);
  await page.getByLabel(lang === "ru" ? "Пароль" : "Password", { exact: true }).fill(ADMIN.password);
  await page.getByRole("button", { name: lang === "ru" ? "Войти" : "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

test("the admin UI of a new office reads right in Russian and in English", async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await startServer(18_521, { demo: true });
  try {
    const page = await adminPage(browser, server.base, "ru");
    const api = page.request;
    // The header: the first administrator is called «Администратор»; the role is not said twice.
    await expect(page.getByTestId("current-user")).toHaveText("Администратор · admin");

    const services = (await (await api.get("/api/v1/services")).json()).items as {
      id: string;
      name: string;
    }[];
    const buy = services.find((s) => s.name === "Купить билет")!;
    const refund = services.find((s) => s.name === "Возврат билета")!;
    const workstations = (await (await api.get("/api/v1/workstations")).json()).items as {
      id: string;
      number: string;
    }[];
    const w4 = workstations.find((w) => w.number === "4")!;
    // Two changes of window 4: the second one's old values are the first one's new ones.
    for (const body of [
      { name: "Окно 4 (VIP)", serviceIds: [buy.id] },
      { name: "Окно 4", serviceIds: [buy.id, refund.id] },
    ]) {
      expect((await api.patch(`/api/v1/workstations/${w4.id}`, { data: body })).status()).toBe(200);
    }
    // A kiosk for two services (the Devices page names them) and a ticket still waiting today.
    const kiosk = await api.post("/api/v1/devices", {
      data: { kind: "kiosk", name: "Киоск AD", config: { serviceIds: [buy.id, refund.id] } },
    });
    expect(kiosk.status()).toBe(201);
    const kioskToken = (await kiosk.json()).token as string;
    const device = await playwrightRequest.newContext({ baseURL: server.base });
    const issued = await device.post("/api/v1/tickets", {
      headers: { authorization: `Bearer ${kioskToken}` },
      data: { serviceId: buy.id },
    });
    expect(issued.status()).toBe(201);
    await device.dispose();

    // The audit log: actions, objects and changes in words, with names for ids.
    await page.goto("/admin/audit");
    const newest = page.getByTestId("audit-row").first();
    await expect(newest).toContainText("Подключено устройство");
    await expect(newest).toContainText("Устройство «Киоск AD»");
    await expect(newest).toContainText("Администратор (admin)");
    const w4row = page.getByTestId("audit-row").nth(1);
    await expect(w4row).toContainText("Изменено рабочее место");
    await expect(w4row).toContainText("Рабочее место «Окно 4»");
    await expect(w4row).toContainText("Название: Окно 4 (VIP) → Окно 4");
    await expect(w4row).toContainText("Услуги: Купить билет → Купить билет, Возврат билета");
    await expect(page.getByTestId("audit-log")).not.toContainText("workstation.update");
    // Its day filter in Russian: a calendar with Russian month names, weeks from Monday.
    await page.getByLabel("С", { exact: true }).click();
    await expect(page.locator(".mantine-DatePickerInput-weekday").first()).toHaveText(/пн/i);
    await page.keyboard.press("Escape");
    await expect(page.locator(".mantine-DatePickerInput-weekday")).toHaveCount(0);
    await expect(newest).toContainText("Тип: киоск");
    await page.screenshot({ path: `${shots}/admin-audit-ru.png` });

    // Reports: days as ДД.ММ.ГГГГ inside a US-English browser; 14 days; one term; «Не завершено» explained.
    await page.goto(`/admin/reports?from=${dayAgo(6)}&to=${dayAgo(0)}`);
    await expect(page.getByTestId("report-from")).toHaveText(ruDay(dayAgo(6)));
    await expect(page.getByTestId("report-to")).toHaveText(ruDay(dayAgo(0)));
    await page.getByTestId("report-presets").getByRole("button", { name: "14 дней" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${dayAgo(13)}&to=${dayAgo(0)}`));
    await expect(page.getByTestId("report-from")).toHaveText(ruDay(dayAgo(13)));
    await expect(page.getByTestId("kpi-noShow")).toContainText("Не пришли");
    await expect(page.getByTestId("report-kpis")).not.toContainText("Не явились");
    const open = page.getByTestId("kpi-open");
    await expect(open).toContainText("Не завершено: 1");
    await open.hover();
    await expect(page.getByRole("tooltip")).toContainText("ещё ждут или находятся у окна");
    await page.screenshot({ path: `${shots}/admin-reports-open-hint-ru.png` });

    // In English: dates, the office, its running text, alert rules and services in English.
    const en = await adminPage(browser, server.base, "en");
    await expect(en.getByTestId("current-user")).toHaveText("Administrator · admin");
    await en.goto(`/admin/reports?from=${dayAgo(6)}&to=${dayAgo(0)}`);
    await expect(en.getByTestId("report-from")).toHaveText(enDay(dayAgo(6)));
    await expect(en.getByTestId("report-presets")).toContainText("14 days");
    await en.screenshot({ path: `${shots}/admin-reports-dates-en.png` });
    await en.goto("/admin/audit");
    const w4en = en.getByTestId("audit-row").filter({ hasText: "Workstation changed" }).first();
    await expect(w4en).toContainText("Services: Купить билет → Купить билет, Возврат билета");
    await expect(w4en).toContainText("Name: Окно 4 (VIP) → Окно 4");
    // Its time as in Britain, in the office's zone: never the US 12/5/2026, 1:02 AM.
    await expect(w4en.locator("td").first()).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}:\d{2}$/);
    await en.screenshot({ path: `${shots}/admin-audit-en.png` });
    await en.goto("/admin/workstations");
    await expect(en.getByRole("table")).toContainText("Buy a ticket");
    await expect(en.getByRole("table")).not.toContainText("Купить билет");
    await en.screenshot({ path: `${shots}/admin-workstations-en.png` });
    await en.goto("/admin/employees");
    await expect(en.getByRole("table")).toContainText("Buy a ticket · 1");
    await expect(en.getByRole("table")).not.toContainText("Купить билет");
    await en.goto("/admin/devices");
    await expect(en.getByRole("table")).toContainText("Buy a ticket, Ticket refund");
    await en.screenshot({ path: `${shots}/admin-devices-en.png` });
    await en.goto("/admin/alerts?tab=rules");
    await expect(en.getByTestId("alert-rules")).toContainText("Long wait");
    await expect(en.getByTestId("alert-rules")).not.toContainText(/[А-Яа-я]/);
    await en.screenshot({ path: `${shots}/admin-alert-rules-en.png` });
    await en.goto("/admin/settings");
    await expect(en.getByLabel("Office name in English")).toHaveValue("Central Station ticket office");
    await en.screenshot({ path: `${shots}/admin-settings-en.png`, fullPage: true });
    await en.goto("/board");
    await expect(en.getByText("Central Station ticket office")).toBeVisible();
    await expect(en.getByText(/^Welcome! Watch for your call/)).toBeVisible();
    // A 24-hour clock like the office's other screens, not the US "01:11 AM".
    await expect(en.getByTestId("board-clock")).toHaveText(/^\d{2}:\d{2}$/);
    await en.screenshot({ path: `${shots}/board-office-en.png` });
  } finally {
    await server.stop();
  }
});
