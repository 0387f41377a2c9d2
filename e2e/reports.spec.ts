import { readFileSync } from "node:fs";
import { expect, type Page, request as playwrightRequest, test } from "@playwright/test";
import { ADMIN, signInCookie, signInPage } from "./support/office.ts";
import { startServer } from "./support/server.ts";

/**
 * Reports in the browser, on the demo office with a week of history made by the engine: the pages
 * show exactly what the API computes, filters live in the address, the ticket history downloads
 * whole, supervisors may read them. Screenshots of every tab in both languages.
 */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";
const TZ = "Europe/Moscow";
const day = (daysAgo: number) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: TZ,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date(Date.now() - daysAgo * 86_400_000));
const FROM = day(8);
const TO = day(0);
const FULL_HD = { width: 1920, height: 1080 };
const ru = (n: number) => new Intl.NumberFormat("ru").format(n);
const percent = (lang: string, share: number) =>
  new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 1 }).format(share);

/** The API's figures, read with the page's own session. */
async function report(page: Page, name: string, query: string) {
  const res = await page.request.get(`/api/v1/reports/${name}?${query}`);
  expect(res.status()).toBe(200);
  return res.json();
}

const kpi = (page: Page, key: string) => page.getByTestId(`kpi-${key}`).getByTestId("kpi-value");

test("reports show the engine's history as the API computes it, filtered, paged and downloadable", async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const server = await startServer(18_494, { demo: true, historyDays: 7 });
  try {
    const out = server.output();
    const staffPassword = out.match(/password: (\S+)/)![1]!;
    // A supervisor reads reports: the menu leads there.
    const page = await signInPage(browser, "smirnova", staffPassword, {
      viewport: FULL_HD,
      baseURL: server.base,
    });
    await page.getByRole("link", { name: "Отчёты" }).click();
    await expect(page).toHaveURL(/\/admin\/reports/);
    await expect(page.getByRole("heading", { name: "Отчёты" })).toBeVisible();

    const period = `from=${FROM}&to=${TO}`;
    await page.goto(`/admin/reports?${period}`);
    const summary = await report(page, "summary", period);
    expect(summary.issued).toBeGreaterThan(300);
    await expect(kpi(page, "issued")).toHaveText(ru(summary.issued));
    await expect(kpi(page, "served")).toHaveText(ru(summary.served));
    await expect(kpi(page, "noShow")).toHaveText(ru(summary.noShow));
    await expect(kpi(page, "serviceLevel")).toHaveText(
      new Intl.NumberFormat("ru", { style: "percent", maximumFractionDigits: 1 }).format(
        summary.serviceLevel,
      ),
    );
    await expect(page.getByTestId("report-service-row")).toHaveCount(summary.byService.length);
    await expect(page.getByTestId("chart-daily").locator(".recharts-bar-rectangle").first()).toBeVisible();
    await page.screenshot({ path: `${shots}/reports-overview-ru.png`, fullPage: true });

    // A filter goes into the address and into every figure.
    await page.getByTestId("report-filter-serviceId").click();
    await page.getByRole("option", { name: "Купить билет" }).click();
    await expect(page).toHaveURL(/serviceId=\d+/);
    const serviceId = new URL(page.url()).searchParams.get("serviceId")!;
    const filtered = `${period}&serviceId=${serviceId}`;
    const buy = await report(page, "summary", filtered);
    expect(buy.issued).toBeLessThan(summary.issued);
    await expect(kpi(page, "issued")).toHaveText(ru(buy.issued));
    // …and survives a reload, as a link sent to a colleague would.
    await page.reload();
    await expect(kpi(page, "issued")).toHaveText(ru(buy.issued));
    await page.getByRole("button", { name: "Сбросить фильтры" }).click();
    await expect(kpi(page, "issued")).toHaveText(ru(summary.issued));

    await page.getByRole("tab", { name: "По часам" }).click();
    await expect(page).toHaveURL(/tab=hourly/);
    const heatmap = page.getByTestId("chart-heatmap");
    await expect(heatmap.locator("tbody tr")).toHaveCount(7);
    await expect(heatmap.locator("tbody tr").first().locator("th")).toHaveText("Пн");
    await expect(page.getByTestId("chart-hourly").locator(".recharts-bar-rectangle").first()).toBeVisible();
    await page.screenshot({ path: `${shots}/reports-hourly-ru.png`, fullPage: true });

    await page.getByRole("tab", { name: "Сотрудники" }).click();
    const operators = (await report(page, "operators", period)).items as { name: string; served: number }[];
    const rows = page.getByTestId("report-operator-row");
    await expect(rows).toHaveCount(operators.length);
    for (const [i, o] of operators.entries()) {
      await expect(rows.nth(i).locator("td").nth(0)).toHaveText(o.name);
      await expect(rows.nth(i).locator("td").nth(1)).toHaveText(ru(o.served));
    }
    await page.screenshot({ path: `${shots}/reports-operators-ru.png` });

    await page.getByRole("tab", { name: "Рабочие места" }).click();
    const workstations = (await report(page, "workstations", period)).items;
    await expect(page.getByTestId("report-workstation-row")).toHaveCount(workstations.length);

    await page.getByRole("tab", { name: "Талоны" }).click();
    const history = await report(page, "tickets", `${period}&limit=1`);
    await expect(page.getByTestId("report-ticket-total")).toHaveText(`Всего строк: ${ru(history.total)}`);
    await expect(page.getByTestId("report-ticket-row")).toHaveCount(50);
    await page.screenshot({ path: `${shots}/reports-tickets-ru.png` });
    // Searching by number: the first ticket of «Купить билет» on each day.
    await page.getByTestId("report-ticket-search").fill("А001");
    const found = await report(page, "tickets", `${period}&q=А001`);
    await expect(page.getByTestId("report-ticket-total")).toHaveText(`Всего строк: ${ru(found.total)}`);
    await expect(page.getByTestId("report-ticket-row")).toHaveCount(found.total);

    // The download is the whole filtered history: a header and one line per row.
    const download = page.waitForEvent("download");
    await page.getByTestId("export-csv").click();
    const csv = readFileSync(await (await download).path(), "utf8");
    const lines = csv.split(/\r?\n/).filter((l) => l.length > 0);
    expect(lines.length).toBe(history.total + 1);
    expect(lines[0]).toContain("Талон");

    // The estimate audit: the promises made at issue against the waits that followed.
    await page.getByRole("tab", { name: "Точность прогнозов" }).click();
    await expect(page).toHaveURL(/tab=estimates/);
    const estimates = await report(page, "estimates", period);
    expect(estimates.count).toBeGreaterThan(0);
    const estimate = (key: string) => page.getByTestId(`estimate-${key}`).getByTestId("kpi-value");
    await expect(estimate("count")).toHaveText(ru(estimates.count));
    await expect(estimate("coverage")).toHaveText(percent("ru", estimates.coverage));
    await expect(estimate("coverage")).toHaveText(/^\d+(,\d)?\u00a0%$/);
    await expect(estimate("under")).toHaveText(percent("ru", estimates.underShare));
    await expect(page.getByTestId("estimate-coverage")).toContainText("обещали 80");
    await expect(page.getByTestId("estimates-service-row")).toHaveCount(estimates.byService.length);
    await page.screenshot({ path: `${shots}/admin-estimates-ru.png`, fullPage: true });

    // A nonsense address falls back to the last week rather than failing.
    await page.goto("/admin/reports?from=yesterday&to=2026-13-45&tab=nope");
    await expect(page.getByRole("button", { name: "7 дней" })).toHaveAttribute("data-variant", "filled");
    await expect(page.getByTestId("report-error")).toHaveCount(0);

    // English, and a phone.
    const en = await signInPage(browser, ADMIN.login, ADMIN.password, {
      lang: "en",
      viewport: FULL_HD,
      baseURL: server.base,
    });
    await en.goto(`/admin/reports?${period}`);
    await expect(en.getByRole("heading", { name: "Reports" })).toBeVisible();
    await expect(en.getByTestId("kpi-issued")).toContainText("Tickets issued");
    await expect(kpi(en, "issued")).toHaveText(new Intl.NumberFormat("en").format(summary.issued));
    await en.screenshot({ path: `${shots}/reports-overview-en.png`, fullPage: true });
    await en.goto(`/admin/reports?${period}&tab=hourly`);
    await expect(en.getByTestId("chart-heatmap").locator("tbody tr").first().locator("th")).toHaveText("Mon");
    await en.screenshot({ path: `${shots}/reports-hourly-en.png`, fullPage: true });
    await en.goto(`/admin/reports?${period}&tab=operators`);
    await expect(en.getByTestId("report-operator-row")).toHaveCount(operators.length);
    await en.screenshot({ path: `${shots}/reports-operators-en.png` });
    await en.goto(`/admin/reports?${period}&tab=estimates`);
    await expect(en.getByRole("tab", { name: "Estimate accuracy" })).toHaveAttribute("aria-selected", "true");
    await expect(en.getByTestId("estimate-count").getByTestId("kpi-value")).toHaveText(
      new Intl.NumberFormat("en").format(estimates.count),
    );
    await expect(en.getByTestId("estimate-coverage").getByTestId("kpi-value")).toHaveText(
      percent("en", estimates.coverage),
    );
    await expect(en.getByTestId("estimate-coverage")).toContainText("80% promised");
    await en.screenshot({ path: `${shots}/admin-estimates-en.png`, fullPage: true });
    await en.goto(`/admin/reports?${period}&tab=tickets`);
    await expect(en.getByTestId("report-ticket-row")).toHaveCount(50);
    await en.screenshot({ path: `${shots}/reports-tickets-en.png` });
    await en.setViewportSize({ width: 390, height: 844 });
    await en.goto(`/admin/reports?${period}`);
    await expect(kpi(en, "issued")).toBeVisible();
    await en.screenshot({ path: `${shots}/reports-phone-en.png`, fullPage: true });

    // Operators do not read reports.
    const api = await playwrightRequest.newContext({ baseURL: server.base });
    const operator = await signInCookie(api, "ivanova", staffPassword);
    const refused = await api.get(`/api/v1/reports/summary?${period}`, { headers: { cookie: operator } });
    expect(refused.status()).toBe(403);
    await api.dispose();
  } finally {
    await server.stop();
  }
});
