import { mkdirSync } from "node:fs";
import { type APIRequestContext, expect, type Page, type Route, test } from "@playwright/test";
import { buildOffice, type E2eOffice, OPERATOR_PASSWORD, SPEECH_STUB, signInPage } from "./support/office.ts";

/**
 * While the server's database is away, every API route answers 503 `database_unavailable` with a
 * Retry-After. The screens must say, calmly, that they are reconnecting (no error, no failure
 * screen), keep trying by themselves and carry on when the server is back. The outage is played by
 * the browser (page.route); the real 503 from a restarted PostgreSQL is covered by a server test.
 */
const shots = "/tmp/dq-shots";
mkdirSync(shots, { recursive: true });

const TEXTS = {
  ru: {
    reconnecting: "Нет связи с сервером. Переподключаемся…",
    staffHint: "Экран обновится сам, как только связь вернётся.",
    actionFailed: "Нет связи с сервером — повторите через несколько секунд.",
  },
  en: {
    reconnecting: "No connection to the server. Reconnecting…",
    staffHint: "The screen updates by itself once the connection is back.",
    actionFailed: "No connection to the server — try again in a moment.",
  },
};

const DATABASE_UNAVAILABLE = {
  status: 503,
  headers: { "retry-after": "1", "content-type": "application/json" },
  body: JSON.stringify({
    error: {
      code: "database_unavailable",
      message: "the database is not reachable; try again in a few seconds",
    },
  }),
};

interface Outage {
  /** Requests answered 503, by method and path ("GET /api/v1/board"). */
  answered: string[];
  /** The server answers again. */
  end: () => Promise<void>;
}

/**
 * From now on the page's API requests get the 503 of a server without its database. `passThrough`
 * lets a request reach the server first, as if the database went away just after it was served.
 */
async function databaseDown(page: Page, passThrough?: (route: Route) => boolean): Promise<Outage> {
  const answered: string[] = [];
  const handler = async (route: Route) => {
    const request = route.request();
    if (passThrough?.(route)) await route.fetch();
    answered.push(`${request.method()} ${new URL(request.url()).pathname}`);
    await route.fulfill(DATABASE_UNAVAILABLE);
  };
  await page.route("**/api/v1/**", handler);
  return { answered, end: () => page.unroute("**/api/v1/**", handler) };
}

async function issue(request: APIRequestContext, office: E2eOffice, serviceId = office.services.buy) {
  const res = await request.post("/api/v1/tickets", {
    headers: { authorization: `Bearer ${office.kioskToken}` },
    data: { serviceId },
  });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string; code: string; label: string };
}

async function operator(request: APIRequestContext, office: E2eOffice, path: string) {
  const res = await request.post(`/api/v1/operator/${path}`, { headers: { cookie: office.operatorCookie } });
  expect([200, 204], await res.text()).toContain(res.status());
}

async function waitingIn(request: APIRequestContext, serviceId: string): Promise<number> {
  const overview = await (await request.get("/api/v1/overview")).json();
  return overview.items.find((s: { serviceId: string }) => s.serviceId === serviceId).waiting;
}

const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);

/** Retries respect Retry-After (1 s) and back off to at most 15 s: the screen is back within that. */
const RECOVERY = { timeout: 16_000 };

test("kiosk: a ticket taken while the database is away is issued once when it is back, with no failure screen", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const office = await buildOffice(request, "g");
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.addInitScript(SPEECH_STUB);
  const keys: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.url().endsWith("/api/v1/tickets"))
      keys.push(r.headers()["idempotency-key"]!);
  });
  await page.goto(`/kiosk?token=${office.kioskToken}`);
  await expect(page.getByRole("heading", { name: "Выберите услугу" })).toBeVisible();
  const strip = page.getByTestId("reconnecting");
  await expect(strip).toHaveCount(0);

  for (const [lang, serviceId, label] of [
    ["ru", office.services.buy, "М001"],
    ["en", office.services.refund, "Н001"],
  ] as const) {
    keys.length = 0;
    // The first request reaches the server and issues the ticket, but its answer is lost: the
    // retries with the same Idempotency-Key must get that ticket, not a second one.
    let first = true;
    const outage = await databaseDown(page, (route) => {
      const issuing = route.request().method() === "POST" && first;
      if (issuing) first = false;
      return issuing;
    });
    await page.getByTestId(`service-${office.services.group}`).click();
    await page.getByTestId(`service-${serviceId}`).click();
    await expect(strip).toHaveText(TEXTS[lang].reconnecting);
    await expect(page.getByText(lang === "ru" ? "Печатаем талон…" : "Printing your ticket…")).toBeVisible();
    // A few quiet retries, Retry-After (1 s) apart; never the failure screen.
    await expect.poll(() => keys.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    await expect(
      page.getByRole("heading", { name: /Не удалось получить талон|Could not issue a ticket/ }),
    ).toHaveCount(0);
    await page.screenshot({ path: `${shots}/kiosk-reconnecting-${lang}.png` });

    await outage.end();
    await expect(page.getByTestId("ticket-label")).toHaveText(label, RECOVERY);
    await expect(strip).toHaveCount(0);
    expect(new Set(keys).size).toBe(1);
    expect(await waitingIn(request, serviceId)).toBe(1);
    await page.screenshot({ path: `${shots}/kiosk-recovered-${lang}.png` });

    await page.getByRole("button", { name: lang === "ru" ? "Готово" : "Done" }).click();
    if (lang === "ru") await page.getByRole("button", { name: "English" }).click();
  }
  await page.close();
});

test("board: says it is reconnecting while the database is away, then shows what happened meanwhile and announces the call", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const office = await buildOffice(request, "h");
  const first = await issue(request, office);
  // The ticket the board shows as waiting when it opens.
  let known = first;

  for (const lang of ["ru", "en"] as const) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await context.addInitScript((l) => localStorage.setItem("dq.lang", l), lang);
    await context.addInitScript(SPEECH_STUB);
    const page = await context.newPage();
    // The stream asks for the named heartbeat its watchdog listens to.
    const stream = page.waitForRequest(/\/api\/v1\/events\?.*heartbeat=event/);
    await page.goto(`/board?token=${office.boardToken}`);
    await stream;
    const waiting = page.getByRole("complementary");
    await expect(waiting).toContainText(known.label);
    const strip = page.getByTestId("reconnecting");
    await expect(strip).toHaveCount(0);

    const outage = await databaseDown(page);
    // A ticket issued elsewhere: the board hears of it (its stream stays open) but cannot read.
    const meanwhile = await issue(request, office);
    await expect(strip).toHaveText(TEXTS[lang].reconnecting);
    await expect
      .poll(() => outage.answered.filter((r) => r === "GET /api/v1/board").length)
      .toBeGreaterThan(1);
    // What it last knew stays on screen.
    await expect(waiting).toContainText(known.label);
    await expect(waiting).not.toContainText(meanwhile.label);
    await page.screenshot({ path: `${shots}/board-reconnecting-${lang}.png` });

    await outage.end();
    await expect(strip).toHaveCount(0, RECOVERY);
    await expect(waiting).toContainText(meanwhile.label);
    if (lang === "ru") {
      await operator(request, office, "call-next");
      await expect(page.getByTestId("board-call").first()).toContainText(first.label);
      await expect.poll(() => spoken(page)).toEqual([`Талон Пэ 1, окно номер ${office.workstation}`]);
    }
    await page.screenshot({ path: `${shots}/board-recovered-${lang}.png` });
    known = meanwhile;
    await context.close();
  }
});

test("operator workplace: a banner while the database is away, a failed action says so in words, and everything carries on by itself", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const office = await buildOffice(request, "i");
  const first = await issue(request, office);
  const page = await signInPage(browser, `op-i-${office.workstation}`, OPERATOR_PASSWORD, {
    viewport: { width: 1366, height: 768 },
  });
  await expect(page).toHaveURL(/\/operator$/);
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  await expect(page.getByTestId("waiting-ticket")).toHaveCount(1);
  const banner = page.getByTestId("reconnecting");
  const failed = page.getByTestId("action-error");
  await expect(banner).toHaveCount(0);

  // Russian: call next fails for want of the database.
  let outage = await databaseDown(page);
  await page.getByRole("button", { name: /Пригласить следующего/ }).click();
  await expect(failed).toHaveText(TEXTS.ru.actionFailed);
  await expect(banner).toContainText(TEXTS.ru.reconnecting);
  await expect(banner).toContainText(TEXTS.ru.staffHint);
  await expect(page.getByText(/Ошибка/)).toHaveCount(0);
  // The screen keeps what it knew, and hears of a ticket issued meanwhile (its stream is open).
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  const meanwhile = await issue(request, office, office.services.refund);
  await expect.poll(() => outage.answered.filter((r) => r.startsWith("GET ")).length).toBeGreaterThan(2);
  await page.screenshot({ path: `${shots}/operator-reconnecting-ru.png` });

  await outage.end();
  await expect(banner).toHaveCount(0, RECOVERY);
  await expect(failed).toHaveCount(0);
  await expect(page.getByTestId("waiting-ticket")).toHaveCount(2);
  await expect(page.getByTestId("waiting-ticket").filter({ hasText: meanwhile.label })).toHaveCount(1);
  await page.getByRole("button", { name: /Пригласить следующего/ }).click();
  await expect(page.getByTestId("current-label")).toHaveText(first.label);

  // English: "client came" fails the same way, and works once the server is back.
  await page.getByText("EN", { exact: true }).click();
  await expect(page.getByTestId("operator-status")).toHaveText("Calling a client");
  outage = await databaseDown(page);
  await page.getByRole("button", { name: /Client came/ }).click();
  await expect(failed).toHaveText(TEXTS.en.actionFailed);
  await expect(banner).toContainText(TEXTS.en.reconnecting);
  await expect(banner).toContainText(TEXTS.en.staffHint);
  await expect(page.getByText(/Error/)).toHaveCount(0);
  await page.screenshot({ path: `${shots}/operator-reconnecting-en.png` });

  await outage.end();
  await expect(banner).toHaveCount(0, RECOVERY);
  await expect(failed).toHaveCount(0);
  await page.getByRole("button", { name: /Client came/ }).click();
  await expect(page.getByTestId("operator-status")).toHaveText("Serving");
  await page.screenshot({ path: `${shots}/operator-recovered-en.png` });
  await page.context().close();
});

test("tracking page on a phone, counter display and public queue: reconnecting while the database is away, then what happened meanwhile", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const office = await buildOffice(request, "j");
  const mine = await issue(request, office);
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  // The page follows its ticket over the event stream, opened once the ticket is shown: the outage
  // begins only once it is open, or the stream itself would fail and the event go unheard.
  const following = page.waitForResponse((r) => new URL(r.url()).pathname === "/api/v1/events");
  await page.goto(`/t/${mine.code}`);
  await expect(page.getByTestId("track-status")).toHaveText("В очереди");
  await following;
  const strip = page.getByTestId("reconnecting");
  await expect(strip).toHaveCount(0);

  let outage = await databaseDown(page);
  // Someone else takes a ticket for the same service: the page hears of it and cannot read.
  await issue(request, office);
  await expect(strip).toHaveText(TEXTS.ru.reconnecting);
  await expect(page.getByTestId("track-status")).toHaveText("В очереди");
  await expect(page.getByText("Талон не найден")).toHaveCount(0);
  // Called while the page cannot read: it must say so once it can.
  await operator(request, office, "call-next");
  await expect.poll(() => outage.answered.length).toBeGreaterThan(1);
  await page.screenshot({ path: `${shots}/track-reconnecting-ru.png` });
  await outage.end();
  await expect(page.getByTestId("go-to-window")).toContainText(
    `Пройдите к окну ${office.workstation}`,
    RECOVERY,
  );
  await expect(strip).toHaveCount(0);

  await page.getByRole("button", { name: "English" }).click();
  outage = await databaseDown(page);
  await operator(request, office, `tickets/${mine.id}/recall`);
  await expect(strip).toHaveText(TEXTS.en.reconnecting);
  await expect(page.getByTestId("go-to-window")).toContainText(`Go to window ${office.workstation}`);
  await page.screenshot({ path: `${shots}/track-reconnecting-en.png` });
  await outage.end();
  await expect(page.getByText("You are being called again")).toBeVisible(RECOVERY);
  await expect(strip).toHaveCount(0);
  await page.close();

  // The counter display above the window and the public queue on a phone, in Russian.
  const counter = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await counter.goto(`/counter/${office.workstation}`);
  await expect(counter.getByTestId("counter-label")).toHaveText(mine.label);
  const queue = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await queue.goto("/queue");
  await expect(queue.getByTestId("queue-service").first()).toBeVisible();
  const outages = [await databaseDown(counter), await databaseDown(queue)];
  await operator(request, office, `tickets/${mine.id}/start`);
  for (const p of [counter, queue])
    await expect(p.getByTestId("reconnecting")).toHaveText(TEXTS.ru.reconnecting);
  await expect(counter.getByText("Приглашается")).toBeVisible();
  await counter.screenshot({ path: `${shots}/counter-reconnecting-ru.png` });
  await queue.screenshot({ path: `${shots}/queue-reconnecting-ru.png` });
  for (const o of outages) await o.end();
  await expect(counter.getByText("Обслуживается")).toBeVisible(RECOVERY);
  for (const p of [counter, queue]) await expect(p.getByTestId("reconnecting")).toHaveCount(0, RECOVERY);
  await counter.close();
  await queue.close();
});
