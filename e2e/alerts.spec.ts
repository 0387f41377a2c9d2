import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ADMIN, signInCookie, signInPage } from "./support/office.ts";

/**
 * Long-wait alerts in the browser (the e2e server checks them every second): an administrator
 * writes a rule in the editor, a client waits too long, the banner with its sound appears on the
 * supervisors' screens, is acknowledged, and the alert resolves itself when the client is called.
 */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";
const PASSWORD = "alerts-password-7";
const FULL_HD = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
/** Nothing listens here: the webhook's deliveries fail, and the details say why. */
const DEAD_WEBHOOK = "http://127.0.0.1:18479/alerts";
/** Where a webhook's address may be shown shortened (its path can hold a token). */
const DEAD_ORIGIN = "http://127.0.0.1:18479/";

interface AlertsOffice {
  service: string;
  kiosk: string;
  operatorCookie: string;
}

/** A service of its own (prefix Ю), window 61 with an operator, a supervisor and a kiosk. */
async function alertsOffice(request: APIRequestContext): Promise<AlertsOffice> {
  const headers = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  const post = async (url: string, data: unknown) => {
    const res = await request.post(url, { headers, data });
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  };
  const service = await post("/api/v1/services", {
    name: "Налоговый вычет",
    translations: { en: "Tax deduction" },
    prefix: "Ю",
  });
  const ws = await post("/api/v1/workstations", { name: "Окно 61", number: "61", serviceIds: [service.id] });
  for (const [login, name, role] of [
    ["lev", "Лев Операторов", "operator"],
    ["lena", "Елена Смирнова", "supervisor"],
  ]) {
    await post("/api/v1/employees", {
      login,
      name,
      role,
      password: PASSWORD,
      ...(role === "operator" ? { serviceIds: [service.id] } : {}),
    });
  }
  const operatorCookie = await signInCookie(request, "lev", PASSWORD);
  const seated = await request.post("/api/v1/operator/workstation", {
    headers: { cookie: operatorCookie },
    data: { workstationId: ws.id },
  });
  expect(seated.status()).toBe(200);
  const kiosk = await post("/api/v1/devices", { kind: "kiosk", name: "Киоск вычетов" });
  return { service: service.id, kiosk: kiosk.token, operatorCookie };
}

async function issue(request: APIRequestContext, office: AlertsOffice): Promise<string> {
  const res = await request.post("/api/v1/tickets", {
    headers: { authorization: `Bearer ${office.kiosk}` },
    data: { serviceId: office.service },
  });
  expect(res.status()).toBe(201);
  return (await res.json()).label;
}

/**
 * Web Audio that counts the beeps it is asked for instead of playing them. `suspended`: as a browser
 * keeps it before the page is touched — resumed only from a click or a key press; beeps asked for
 * meanwhile would be counted (and heard late), so none may be.
 */
const AUDIO_STUB = (initial: string) => {
  const w = window as unknown as { __beeps: number; AudioContext: unknown };
  w.__beeps = 0;
  const node = () => ({ connect: (next: unknown) => next });
  w.AudioContext = class {
    state = initial;
    currentTime = 0;
    destination = {};
    onstatechange: (() => void) | null = null;
    resume = () => {
      if (navigator.userActivation.isActive && this.state !== "running") {
        this.state = "running";
        this.onstatechange?.();
      }
      return Promise.resolve();
    };
    close = () => Promise.resolve();
    createOscillator = () => ({
      ...node(),
      type: "",
      frequency: { value: 0 },
      start: () => {
        w.__beeps++;
      },
      stop: () => {},
    });
    createGain = () => ({ ...node(), gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} } });
  };
};
const beeps = (page: Page) => page.evaluate(() => (window as unknown as { __beeps: number }).__beeps);

test("a long wait raises an alert: rule editor, banner with sound, acknowledgement, log, resolution", async ({
  browser,
  request,
}) => {
  test.setTimeout(120_000);
  const office = await alertsOffice(request);
  const page = await signInPage(browser, ADMIN.login, ADMIN.password, { viewport: FULL_HD });
  await page.context().addInitScript(AUDIO_STUB, "running");
  const supervisor = await signInPage(browser, "lena", PASSWORD, { viewport: PHONE });
  const operator = await signInPage(browser, "lev", PASSWORD);
  let ruleId: string | null = null;
  try {
    // The administrator writes the rule in the editor: a wait over 0.02 min (about a second) of
    // «Налоговый вычет», in the app and to a webhook nobody answers.
    await page.goto("/admin/alerts");
    await expect(page.getByRole("heading", { name: "Уведомления" })).toBeVisible();
    await page.getByRole("tab", { name: "Правила" }).click();
    await expect(page).toHaveURL(/tab=rules/);
    await page.getByTestId("rule-add").click();
    const form = page.getByTestId("rule-form");
    await expect(form.getByTestId("rule-kind")).toHaveValue("Долгое ожидание");
    // Until one is typed, the threshold follows the condition, each time it changes.
    for (const [kind, threshold] of [
      ["Длинная очередь", "10"],
      ["Долгий перерыв", "20"],
      ["Некому обслужить", "0"],
      ["Долгое ожидание", "10"],
    ]) {
      await form.getByTestId("rule-kind").click();
      await page.getByRole("option", { name: kind }).click();
      await expect(form.getByTestId("rule-threshold")).toHaveValue(threshold!);
    }
    await form.getByLabel("Название").fill("Долгое ожидание вычета");
    await form.getByTestId("rule-service").click();
    await page.getByRole("option", { name: "Налоговый вычет (Ю)" }).click();
    await expect(form.getByLabel("Порог, мин")).toBeVisible();
    await form.getByTestId("rule-threshold").fill("0.02");
    const rows = form.getByTestId("rule-channels").getByTestId("channel-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute("data-type", "in_app");
    await form.getByTestId("rule-channels").getByTestId("channel-add").click();
    await expect(rows).toHaveCount(2);
    await rows.nth(1).getByTestId("channel-type").click();
    await page.getByRole("option", { name: "Webhook" }).click();
    // Saving with the URL still empty: the form names the field, in Russian.
    await form.getByRole("button", { name: "Сохранить" }).click();
    await expect(rows.nth(1)).toContainText("Адрес вида http://… или https://…");
    await rows.nth(1).getByLabel("Адрес webhook").fill(DEAD_WEBHOOK);
    await rows.nth(1).getByLabel("Секрет для подписи").fill("webhook-secret-1");
    await page.screenshot({ path: `${shots}/alerts-rule-editor-ru.png` });
    const created = page.waitForResponse(
      (r) => r.url().endsWith("/api/v1/alert-rules") && r.request().method() === "POST",
    );
    await form.getByRole("button", { name: "Сохранить" }).click();
    const saved = await created;
    expect(saved.status()).toBe(201);
    const rule = await saved.json();
    ruleId = rule.id;
    expect(rule).toMatchObject({
      name: "Долгое ожидание вычета",
      kind: "wait_time",
      serviceId: office.service,
      threshold: 0.02,
      // The secret is never read back: the rule only says it has one.
      channels: [{ type: "in_app" }, { type: "webhook", url: DEAD_WEBHOOK, hasSecret: true }],
      escalation: null,
      active: true,
    });
    await expect(form).toHaveCount(0);
    const row = page.getByTestId("rule-row");
    await expect(row).toHaveCount(1);
    await expect(row).toContainText("Долгое ожидание вычета");
    await expect(row).toContainText("Налоговый вычет");
    await expect(row.getByTestId("rule-threshold")).toHaveText("1 с");
    await expect(row.getByTestId("rule-channel")).toHaveText(["В приложении", "Webhook"]);

    // A test message goes to the webhook now, and fails: nobody listens there.
    await row.getByTestId("rule-test").click();
    const result = page.getByTestId("rule-test-result");
    await expect(result).toHaveCount(1);
    await expect(result).toHaveAttribute("data-ok", "false");
    await expect(result).toContainText(`Webhook: ${DEAD_ORIGIN}`);
    await page.keyboard.press("Escape");

    // A client waits: within seconds the banner appears on both supervisors' screens, with a sound.
    const streams: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/api/v1/events?")) streams.push(r.url());
    });
    await page.goto("/admin");
    const supervisorBanner = supervisor.getByTestId("alert-banner");
    await expect(supervisor.getByTestId("alert-banner")).toHaveCount(0);
    const beepsBefore = await beeps(page);
    const label = await issue(request, office);
    const banner = page.getByTestId("alert-banner");
    await expect(banner).toBeVisible({ timeout: 10_000 });
    // A landmark region, no longer role="alert" (which re-read the whole banner at every change).
    await expect(page.getByRole("region", { name: "Требует внимания" })).toHaveAttribute(
      "data-testid",
      "alert-banner",
    );
    await expect(banner).not.toHaveAttribute("role", "alert");
    // Screen readers are told of the new alert once, from a live region of its own.
    const announcer = page.getByTestId("alert-announcer");
    await expect(announcer).toHaveAttribute("aria-live", "assertive");
    await expect(announcer).toContainText(`Новое уведомление: «Налоговый вычет»: талон ${label} ждёт`);
    // The banner and the dashboard under it share one event stream.
    expect(streams).toHaveLength(1);
    const item = banner.getByTestId("alert-banner-item");
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId("alert-banner-text")).toContainText("«Налоговый вычет»");
    await expect(item.getByTestId("alert-banner-text")).toContainText(`талон ${label} ждёт`);
    await expect(item).toContainText("правило «Долгое ожидание вычета»");
    await expect.poll(() => beeps(page)).toBeGreaterThan(beepsBefore);
    await expect(supervisorBanner).toBeVisible();
    await expect(supervisorBanner).toContainText("Налоговый вычет");
    await page.screenshot({ path: `${shots}/alerts-banner-ru.png` });
    await supervisor.screenshot({ path: `${shots}/alerts-banner-phone-ru.png` });

    // Operators are not alerted: their workplace has no banner.
    await expect(operator).toHaveURL(/\/operator$/);
    await operator.reload();
    await expect(operator.getByRole("navigation", { name: "Основная навигация" })).toBeVisible();
    await expect(supervisorBanner).toBeVisible();
    await expect(operator.getByTestId("alert-banner")).toHaveCount(0);

    // Acknowledged from the banner, with the keyboard: it disappears for everyone, live, and the
    // focus goes to the page's heading rather than being lost with the banner.
    const alertId = await item.getAttribute("data-alert-id");
    await item.getByRole("button", { name: "Подтвердить" }).focus();
    await page.keyboard.press("Enter");
    await expect(banner).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Текущее состояние" })).toBeFocused();
    await expect(supervisorBanner).toHaveCount(0);

    // The log says who acknowledged it; the details list the messages and the webhook's error.
    await page.goto("/admin/alerts");
    await expect(page.getByRole("tab", { name: "Журнал" })).toHaveAttribute("aria-selected", "true");
    const logRow = page.locator(`[data-testid=alert-row][data-alert-id="${alertId}"]`);
    await expect(logRow).toContainText("«Налоговый вычет»");
    await expect(logRow.getByTestId("alert-state")).toHaveText("Открыто");
    await expect(logRow.getByTestId("alert-ack-cell")).toContainText("Администратор");
    await logRow.click();
    const details = page.getByTestId("alert-details");
    await expect(details).toContainText("Долгое ожидание вычета");
    await expect(details.getByTestId("alert-details-ack")).toContainText("Администратор");
    const delivery = details.getByTestId("alert-delivery");
    await expect(delivery.first()).toContainText(`Webhook: ${DEAD_ORIGIN}`);
    await expect(delivery.first().getByTestId("alert-delivery-error")).toBeVisible({ timeout: 10_000 });
    await expect(details).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: `${shots}/alerts-details-ru.png`, animations: "disabled" });
    await page.keyboard.press("Escape");
    await expect(details).toHaveCount(0);

    // The client is called: the condition clears, and the alert resolves in the open log by itself.
    const call = await request.post("/api/v1/operator/call-next", {
      headers: { cookie: office.operatorCookie },
    });
    expect(call.status()).toBe(200);
    expect((await call.json()).label).toBe(label);
    await expect(logRow.getByTestId("alert-state")).toHaveText("Закрыто", { timeout: 10_000 });
    // Filters: nothing is open now, and the resolved one is there.
    await page.getByTestId("alert-log-status").getByText("Открытые").click();
    await expect(page).toHaveURL(/status=open/);
    await expect(page.getByTestId("alert-row")).toHaveCount(0);
    await expect(page.getByText("Уведомлений нет")).toBeVisible();
    await page.getByTestId("alert-log-status").getByText("Закрытые").click();
    await expect(logRow).toBeVisible();

    // A rule without the in-app channel tells only its webhook: its open alert stays out of the
    // banner, also when the screen loads the banner afresh.
    const adminHeaders = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
    const quietService = await request.post("/api/v1/services", {
      headers: adminHeaders,
      data: { name: "Справки", translations: { en: "Certificates" }, prefix: "Э" },
    });
    expect(quietService.status(), await quietService.text()).toBe(201);
    const serviceId = (await quietService.json()).id;
    const quietRule = await request.post("/api/v1/alert-rules", {
      headers: adminHeaders,
      data: {
        name: "Только webhook",
        kind: "queue_length",
        serviceId,
        threshold: 0,
        channels: [{ type: "webhook", url: DEAD_WEBHOOK }],
      },
    });
    expect(quietRule.status(), await quietRule.text()).toBe(201);
    const quietRuleId = (await quietRule.json()).id;
    try {
      const waiting = await request.post("/api/v1/tickets", {
        headers: { authorization: `Bearer ${office.kiosk}` },
        data: { serviceId },
      });
      expect(waiting.status()).toBe(201);
      const openOfRule = async () =>
        (
          await (
            await request.get(`/api/v1/alerts?status=open&ruleId=${quietRuleId}`, { headers: adminHeaders })
          ).json()
        ).total;
      await expect.poll(openOfRule, { timeout: 10_000 }).toBe(1);
      const bannerLoad = page.waitForResponse(
        (r) => r.url().includes("/api/v1/alerts?") && r.url().includes("inApp=true"),
      );
      await page.reload();
      expect(await (await bannerLoad).json()).toMatchObject({ items: [], total: 0 });
      await page.getByTestId("alert-log-status").getByText("Открытые").click();
      await expect(page.getByTestId("alert-row")).toHaveCount(1);
      await expect(page.getByTestId("alert-row")).toContainText("«Справки»: в очереди 1 клиент");
      await expect(banner).toHaveCount(0);

      // The client leaves and the service is archived. The rule names it so, and can still be
      // renamed: only the name is sent (the whole rule would be refused for its service).
      const cancelled = await request.post(`/api/v1/queue/tickets/${(await waiting.json()).id}/cancel`, {
        headers: adminHeaders,
      });
      expect(cancelled.status(), await cancelled.text()).toBe(200);
      await expect.poll(openOfRule, { timeout: 10_000 }).toBe(0);
      const archived = await request.delete(`/api/v1/services/${serviceId}`, { headers: adminHeaders });
      expect(archived.status(), await archived.text()).toBe(204);
      await page.goto("/admin/alerts?tab=rules");
      const quietRow = page.locator(`[data-testid=rule-row][data-rule-id="${quietRuleId}"]`);
      await expect(quietRow).toContainText("Услуга в архиве");
      await quietRow.getByTestId("rule-edit").click();
      await expect(form.getByTestId("rule-service")).toHaveValue("Услуга в архиве");
      await form.getByLabel("Название").fill("Только webhook (архив)");
      const renamed = page.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/alert-rules/${quietRuleId}`) && r.request().method() === "PATCH",
      );
      await form.getByRole("button", { name: "Сохранить" }).click();
      expect((await renamed).status()).toBe(200);
      expect((await renamed).request().postDataJSON()).toEqual({ name: "Только webhook (архив)" });
      await expect(form).toHaveCount(0);
      await expect(quietRow).toContainText("Только webhook (архив)");
      await page.goto("/admin/alerts?status=resolved");
    } finally {
      await request.delete(`/api/v1/alert-rules/${quietRuleId}`, { headers: adminHeaders });
    }
    await expect(logRow).toBeVisible();

    // A supervisor reads the log but not the rules.
    await supervisor.goto("/admin/alerts?tab=rules");
    await expect(supervisor.getByRole("heading", { name: "Уведомления" })).toBeVisible();
    await expect(supervisor.locator(`[data-testid=alert-row][data-alert-id="${alertId}"]`)).toBeVisible();
    await expect(supervisor.getByRole("tab", { name: "Правила" })).toHaveCount(0);
    await expect(supervisor.getByTestId("alert-rules")).toHaveCount(0);
    await supervisor.screenshot({ path: `${shots}/alerts-log-phone-ru.png` });
    const refused = await supervisor.request.post(`/api/v1/alert-rules/${ruleId}/test`);
    expect(refused.status()).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");

    // Another client waits too long: a second alert, open, next to the resolved ones in the live log.
    await page.getByTestId("alert-log-status").getByText("Все").click();
    const second = await issue(request, office);
    await expect(banner).toBeVisible({ timeout: 10_000 });
    // Newest first: this one, the webhook-only rule's, the first one.
    await expect(page.getByTestId("alert-row")).toHaveCount(3);
    const openRow = page.getByTestId("alert-row").first();
    await expect(openRow).toContainText(`талон ${second} ждёт`);
    await expect(openRow.getByTestId("alert-state")).toHaveText("Открыто");
    await expect(openRow.getByRole("button", { name: "Подтвердить" })).toBeVisible();
    await page.screenshot({ path: `${shots}/alerts-log-ru.png` });

    // English, on a screen of its own: the banner, the log, the details and the editor speak the
    // UI's language, with the service's English name.
    // Its audio is suspended until the page is clicked: the banner says so, and a click unlocks it.
    const en = await signInPage(browser, ADMIN.login, ADMIN.password, { lang: "en", viewport: FULL_HD });
    try {
      await en.context().addInitScript(AUDIO_STUB, "suspended");
      await en.goto("/admin");
      const enBanner = en.getByTestId("alert-banner");
      await expect(enBanner).toBeVisible();
      const sound = enBanner.getByTestId("alert-banner-sound");
      await expect(sound).toHaveText("Sound is off — click to enable");
      await expect(enBanner.getByTestId("alert-banner-text")).toContainText(
        `“Tax deduction”: ticket ${second} has waited`,
      );
      await expect(enBanner).toContainText("Needs attention");
      await expect(enBanner.getByRole("button", { name: "Acknowledge" })).toBeVisible();
      await en.screenshot({ path: `${shots}/alerts-banner-en.png` });
      await sound.click();
      await expect(sound).toHaveCount(0);
      // Nothing was queued while it was off, to sound all at once now.
      expect(await beeps(en)).toBe(0);
      await enBanner.getByTestId("alert-banner-log").click();
      await expect(en).toHaveURL(/\/admin\/alerts$/);
      await expect(en.getByRole("heading", { name: "Alerts" })).toBeVisible();
      await expect(en.getByRole("columnheader", { name: "What happened" })).toBeVisible();
      const enRow = en.locator(`[data-testid=alert-row][data-alert-id="${alertId}"]`);
      await expect(enRow).toContainText(`“Tax deduction”: ticket ${label} has waited`);
      await expect(enRow.getByTestId("alert-state")).toHaveText("Resolved");
      await en.screenshot({ path: `${shots}/alerts-log-en.png` });
      await enRow.click();
      const enDetails = en.getByTestId("alert-details");
      await expect(enDetails.getByTestId("alert-delivery").first()).toContainText("Opened");
      await expect(enDetails).toContainText("Acknowledged by");
      await expect(enDetails).toBeInViewport({ ratio: 1 });
      await en.screenshot({ path: `${shots}/alerts-details-en.png`, animations: "disabled" });
      await en.keyboard.press("Escape");
      await en.getByRole("tab", { name: "Rules" }).click();
      await en.getByTestId("rule-row").getByTestId("rule-edit").click();
      const enForm = en.getByTestId("rule-form");
      await expect(enForm.getByLabel("Threshold, min")).toHaveValue("0.02");
      const webhook = enForm.getByTestId("rule-channels").getByTestId("channel-row").nth(1);
      await expect(webhook.getByLabel("Signing secret")).toHaveAttribute(
        "placeholder",
        "stored; type a new one to replace it",
      );
      // A new address would leave the stored secret behind: the editor says so, until it is back.
      const secretLost = webhook.getByTestId("webhook-secret-lost");
      await expect(secretLost).toHaveCount(0);
      await webhook.getByLabel("Webhook URL").fill(`${DEAD_WEBHOOK}/moved`);
      await expect(secretLost).toHaveText(
        "The stored secret belongs to the old address — enter it again or the webhook will be unsigned.",
      );
      await webhook.getByLabel("Webhook URL").fill(DEAD_WEBHOOK);
      await expect(secretLost).toHaveCount(0);
      // Escalation: without SMTP on this server it starts with a webhook, and e-mail is offered disabled.
      await enForm.getByTestId("rule-escalate").click();
      const escalation = enForm.getByTestId("escalation-channels").getByTestId("channel-row");
      await expect(escalation).toHaveCount(1);
      await expect(escalation).toHaveAttribute("data-type", "webhook");
      await expect(enForm.getByTestId("channels-unavailable")).toContainText("SMTP_URL");
      await escalation.getByTestId("channel-type").click();
      await expect(en.getByRole("option", { name: "E-mail" })).toHaveAttribute(
        "data-combobox-disabled",
        "true",
      );
      await en.keyboard.press("Escape");
      await enForm.getByLabel("Minutes after opening").fill("5");
      await escalation.getByLabel("Webhook URL").fill(`${DEAD_WEBHOOK}/escalation`);
      await en.screenshot({ path: `${shots}/alerts-rule-editor-en.png` });
      const patched = en.waitForResponse(
        (r) => r.url().endsWith(`/api/v1/alert-rules/${ruleId}`) && r.request().method() === "PATCH",
      );
      await enForm.getByRole("button", { name: "Save" }).click();
      expect((await patched).status()).toBe(200);
      // Only what changed is sent: the channels (and their stored secret) are left as they are.
      expect((await patched).request().postDataJSON()).toEqual({
        escalation: { afterMinutes: 5, channels: [{ type: "webhook", url: `${DEAD_WEBHOOK}/escalation` }] },
      });
      // The stored secret stays with its webhook when the form sends none.
      expect(await (await patched).json()).toMatchObject({
        channels: [{ type: "in_app" }, { type: "webhook", url: DEAD_WEBHOOK, hasSecret: true }],
        escalation: {
          afterMinutes: 5,
          channels: [{ type: "webhook", url: `${DEAD_WEBHOOK}/escalation`, hasSecret: false }],
        },
      });
      await expect(enForm).toHaveCount(0);
      await expect(en.getByTestId("rule-row")).toContainText("after 5 min");

      // Archived, the rule resolves its open alert: the banner goes from every screen.
      en.once("dialog", (d) => void d.accept());
      await en.getByTestId("rule-row").getByRole("button", { name: "Archive" }).click();
      await expect(en.getByTestId("rule-row")).toHaveCount(0);
      ruleId = null;
      await expect(enBanner).toHaveCount(0);
      await expect(banner).toHaveCount(0);
      await expect(openRow.getByTestId("alert-state")).toHaveText("Закрыто");
    } finally {
      await en.context().close();
    }
  } finally {
    // Other specs share this server: leave no rule behind to alert on their screens.
    if (ruleId) {
      await request.delete(`/api/v1/alert-rules/${ruleId}`, {
        headers: { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) },
      });
    }
    for (const p of [page, supervisor, operator]) await p.context().close();
  }
});
