import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";
import { ADMIN, signInCookie } from "./support/office.ts";

/**
 * A whole shift at the operator workplace, in the browser, with the ticket states checked through
 * the API after each step; and two operators calling at the same moment.
 */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";
const PASSWORD = "operator-password-2";

interface Setup {
  buy: string;
  refund: string;
  windows: { id: string; number: string }[];
  kiosk: string;
  logins: string[];
}

/** The office of these tests, created once (a retried worker finds it already there). */
async function setUp(request: APIRequestContext): Promise<Setup> {
  const headers = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  const list = async (url: string) => (await (await request.get(url, { headers })).json()).items as any[];
  const ensure = async (url: string, match: (x: any) => boolean, data: unknown) => {
    const found = (await list(url)).find(match);
    if (found) return found;
    const res = await request.post(url, { headers, data });
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  };
  const buy = await ensure("/api/v1/services", (x) => x.prefix === "Т", {
    name: "Оплата",
    translations: { en: "Payment" },
    prefix: "Т",
  });
  const refund = await ensure("/api/v1/services", (x) => x.prefix === "У", {
    name: "Справки",
    translations: { en: "Certificates" },
    prefix: "У",
  });
  await ensure("/api/v1/pause-reasons", (x) => x.name === "Обед", {
    name: "Обед",
    translations: { en: "Lunch" },
  });
  const windows = [];
  for (const number of ["41", "42"]) {
    const w = await ensure("/api/v1/workstations", (x) => x.number === number, {
      name: `Окно ${number}`,
      number,
      serviceIds: [buy.id, refund.id],
    });
    windows.push({ id: w.id, number });
  }
  for (const login of ["olga", "pavel"]) {
    await ensure("/api/v1/employees", (x) => x.login === login, {
      login,
      name: login === "olga" ? "Ольга" : "Павел",
      role: "operator",
      password: PASSWORD,
      serviceIds: [buy.id, refund.id],
    });
  }
  await ensure("/api/v1/employees", (x) => x.login === "svetlana", {
    login: "svetlana",
    name: "Светлана",
    role: "supervisor",
    password: PASSWORD,
  });
  const kiosk = (
    await request
      .post("/api/v1/devices", { headers, data: { kind: "kiosk", name: "Киоск Т" } })
      .then((r) => r.json())
  ).token as string;
  return { buy: buy.id, refund: refund.id, windows, kiosk, logins: ["olga", "pavel"] };
}

async function issue(request: APIRequestContext, s: Setup, serviceId: string) {
  const res = await request.post("/api/v1/tickets", {
    headers: { authorization: `Bearer ${s.kiosk}` },
    data: { serviceId },
  });
  expect(res.status()).toBe(201);
  return res.json() as Promise<{ id: string; code: string; label: string }>;
}

/** A shortcut, once its button is there and enabled (the previous action has finished). */
async function press(page: Page, key: string, button: RegExp) {
  await expect(page.getByRole("button", { name: button })).toBeEnabled();
  await page.keyboard.press(key);
}

/** Workstations free again and nothing waiting, whatever an earlier (failed) test left behind. */
async function reset(request: APIRequestContext, s: Setup) {
  const headers = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  for (const w of s.windows) await request.post(`/api/v1/queue/workstations/${w.id}/release`, { headers });
  const waiting = (await (await request.get("/api/v1/queue/tickets", { headers })).json()).items as {
    id: string;
  }[];
  for (const t of waiting) await request.post(`/api/v1/queue/tickets/${t.id}/cancel`, { headers });
}

const statusOf = async (request: APIRequestContext, code: string) =>
  (await (await request.get(`/api/v1/tickets/${code}`)).json()).status as string;

async function signIn(browser: Browser, login: string, lang: "ru" | "en" = "ru"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript((l) => localStorage.setItem("dq.lang", l), lang);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(lang === "ru" ? "Логин" : "Login").fill(login);
  await page.getByLabel(lang === "ru" ? "Пароль" : "Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: lang === "ru" ? "Войти" : "Sign in" }).click();
  await expect(page).toHaveURL(/\/operator$/);
  return page;
}

let setup: Setup;
test.beforeAll(async ({ request }) => {
  setup = await setUp(request);
});

test("a whole shift: take a workstation, call, recall, serve, no-show, redirect, call a given ticket, pause, leave", async ({
  browser,
  request,
}) => {
  await reset(request, setup);
  const first = await issue(request, setup, setup.buy);
  const second = await issue(request, setup, setup.buy);
  const third = await issue(request, setup, setup.refund);
  const fourth = await issue(request, setup, setup.buy);

  const page = await signIn(browser, "olga");
  await expect(page.getByRole("heading", { name: "Выберите рабочее место" })).toBeVisible();
  await page.screenshot({ path: `${shots}/operator-choose-ru.png` });
  await page.getByTestId("workstation-41").getByRole("button", { name: "Занять" }).click();
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  await expect(page.getByTestId("waiting-ticket")).toHaveCount(4);

  // Call by the button.
  await page.getByRole("button", { name: /Пригласить следующего/ }).click();
  await expect(page.getByTestId("current-label")).toHaveText(first.label);
  expect(await statusOf(request, first.code)).toBe("called");
  await expect(page.getByTestId("waiting-ticket")).toHaveCount(3);

  // Recall by its key, then the client came (key S).
  await press(page, "r", /Пригласить повторно/);
  await expect(page.getByText("Вызовов: 2")).toBeVisible();
  await page.screenshot({ path: `${shots}/operator-called-ru.png` });
  await press(page, "s", /Клиент пришёл/);
  await expect(page.getByTestId("operator-status")).toHaveText("Обслуживание");
  expect(await statusOf(request, first.code)).toBe("serving");
  await page.getByLabel("Итог обслуживания (необязательно)").fill("Оплачено картой");
  await page.screenshot({ path: `${shots}/operator-serving-ru.png` });
  await page.getByRole("button", { name: /Завершить/ }).click();
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  const served = await (await request.get(`/api/v1/tickets/${first.code}`)).json();
  expect(served.status).toBe("served");
  await expect(page.getByTestId("my-day")).toContainText("1Обслужено");

  // Call by the shortcut; the client does not come.
  await press(page, "c", /Пригласить следующего/);
  await expect(page.getByTestId("current-label")).toHaveText(second.label);
  await press(page, "x", /Клиент не пришёл/);
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  expect(await statusOf(request, second.code)).toBe("no_show");

  // Call a particular ticket from the list (the last one), serve, redirect it to another service.
  await page
    .locator(`[data-testid=waiting-ticket][data-label="${fourth.label}"]`)
    .getByRole("button", { name: "Пригласить" })
    .click();
  await expect(page.getByTestId("current-label")).toHaveText(fourth.label);
  await press(page, "s", /Клиент пришёл/);
  await expect(page.getByTestId("operator-status")).toHaveText("Обслуживание");
  await press(page, "d", /Перенаправить/);
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("В какую услугу").click();
  await page.getByRole("option", { name: "Справки" }).click();
  await dialog.getByLabel("Заметка для коллеги (необязательно)").fill("Нужна справка об оплате");
  await dialog.getByRole("button", { name: "Подтвердить" }).click();
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  const redirected = await (await request.get(`/api/v1/tickets/${fourth.code}`)).json();
  expect(redirected).toMatchObject({ status: "waiting", serviceId: setup.refund, label: fourth.label });

  // Return to the queue (key B) keeps the client's place.
  await press(page, "c", /Пригласить следующего/);
  await expect(page.getByTestId("current-label")).toHaveText(third.label);
  await press(page, "b", /Вернуть в очередь/);
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  expect(await statusOf(request, third.code)).toBe("waiting");

  // Pause with a reason from the list, then resume by the key.
  await press(page, "p", /^Перерыв/);
  await page.getByRole("dialog").getByLabel("Обед").check();
  await page.getByRole("dialog").getByRole("button", { name: "Подтвердить" }).click();
  await expect(page.getByTestId("operator-status")).toHaveText("Перерыв · Обед");
  await page.screenshot({ path: `${shots}/operator-paused-ru.png` });
  await page.keyboard.press("c"); // calling is not possible on a pause
  await expect(page.getByTestId("pause-screen")).toContainText("Обед");
  await expect(page.getByTestId("current-label")).toHaveCount(0);
  await press(page, "p", /Вернуться к работе/);
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");

  // In English, then leave the workstation.
  await page.getByText("EN", { exact: true }).click();
  await expect(page.getByRole("button", { name: /Call next/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/operator-free-en.png` });
  await page.getByRole("button", { name: "Leave the workstation" }).click();
  await expect(page.getByRole("heading", { name: "Choose your workstation" })).toBeVisible();
  await expect(page.getByText("You worked here last time")).toBeVisible();
  await page.screenshot({ path: `${shots}/operator-choose-en.png` });
  // Clean up what is still waiting for the next test.
  const admin = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  for (const t of [third, fourth])
    await request.post(`/api/v1/queue/tickets/${t.id}/cancel`, { headers: admin });
  await page.context().close();
});

test("two operators calling at the same moment get different tickets and see each other's call leave their lists", async ({
  browser,
  request,
}) => {
  await reset(request, setup);
  const tickets = [
    await issue(request, setup, setup.buy),
    await issue(request, setup, setup.buy),
    await issue(request, setup, setup.refund),
  ];
  const olga = await signIn(browser, "olga");
  await olga.getByTestId("workstation-41").getByRole("button", { name: "Занять" }).click();
  const pavel = await signIn(browser, "pavel", "en");
  await pavel.getByTestId("workstation-42").getByRole("button", { name: "Take" }).click();
  for (const p of [olga, pavel]) await expect(p.getByTestId("waiting-ticket")).toHaveCount(3);

  await Promise.all([olga.keyboard.press("c"), pavel.keyboard.press("c")]);
  const a = await olga
    .getByTestId("current-label")
    .textContent({ timeout: 5000 })
    .then(async () => {
      await expect(olga.getByTestId("current-label")).toBeVisible();
      return olga.getByTestId("current-label").textContent();
    });
  await expect(pavel.getByTestId("current-label")).toBeVisible();
  const b = await pavel.getByTestId("current-label").textContent();
  expect(a).not.toBe(b);
  expect(new Set([a, b])).toEqual(new Set([tickets[0]!.label, tickets[1]!.label]));
  // Each list now shows only the one ticket nobody has called, on both screens, live.
  for (const p of [olga, pavel]) {
    await expect(p.getByTestId("waiting-ticket")).toHaveCount(1);
    await expect(p.getByTestId("waiting-ticket")).toHaveAttribute("data-label", tickets[2]!.label);
  }
  await pavel.screenshot({ path: `${shots}/operator-called-en.png` });

  // A supervisor watches Olga's workstation: the same ticket, no buttons to act with.
  const supervisor = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const watch = await supervisor.newPage();
  await watch.goto("/login");
  await watch.getByLabel("Логин").fill("svetlana");
  await watch.getByLabel("Пароль", { exact: true }).fill(PASSWORD);
  await watch.getByRole("button", { name: "Войти" }).click();
  await expect(watch).toHaveURL(/\/admin$/);
  await watch.goto(`/operator?workstation=${setup.windows[0]!.id}`);
  await expect(watch.getByTestId("read-only")).toContainText("Окно 41");
  await expect(watch.getByTestId("current-label")).toHaveText(a!);
  await expect(watch.getByRole("button", { name: /Клиент пришёл|Пригласить/ })).toHaveCount(0);
  await watch.keyboard.press("x");
  expect(await statusOf(request, tickets.find((t) => t.label === a)!.code)).toBe("called");
  await watch.screenshot({ path: `${shots}/operator-watch-ru.png` });
  await supervisor.close();
  const states = await Promise.all(tickets.map((t) => statusOf(request, t.code)));
  expect(states).toEqual(["called", "called", "waiting"]);
  await olga.context().close();
  await pavel.context().close();
});

/** "0:07" → 7, "1:02:05" → 3725. */
const secondsOf = (text: string | null) =>
  (text ?? "").split(":").reduce((total, part) => total * 60 + Number(part), 0);

/** Olga at window 41 with two clients of «Оплата» waiting; returns the page and the first ticket. */
async function olgaAtWindow(browser: Browser, request: APIRequestContext) {
  await reset(request, setup);
  const first = await issue(request, setup, setup.buy);
  await issue(request, setup, setup.buy);
  const page = await signIn(browser, "olga");
  await page.getByTestId("workstation-41").getByRole("button", { name: "Занять" }).click();
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  return { page, first };
}

test("«Дольше всех» counts on by itself, with no new data from the server", async ({ browser, request }) => {
  const { page } = await olgaAtWindow(browser, request);
  const longest = page
    .getByTestId("my-queues")
    .getByRole("row", { name: /Оплата/ })
    .getByRole("cell")
    .nth(2);
  await expect(longest).toHaveText(/^\d+:\d\d$/);
  const before = secondsOf(await longest.textContent());
  await expect
    .poll(async () => secondsOf(await longest.textContent()), { timeout: 6000 })
    .toBeGreaterThanOrEqual(before + 3);
  await page.getByRole("button", { name: "Покинуть рабочее место" }).click();
  await page.context().close();
});

test("the shortcuts work while the focus stays on the language switch", async ({ browser, request }) => {
  const { page, first } = await olgaAtWindow(browser, request);
  await page.getByText("EN", { exact: true }).click();
  await expect(page.getByRole("button", { name: /Call next/ })).toBeVisible();
  await page.keyboard.press("c");
  await expect(page.getByTestId("current-label")).toHaveText(first.label);
  await page.getByText("RU", { exact: true }).click();
  await press(page, "s", /Клиент пришёл/);
  await expect(page.getByTestId("operator-status")).toHaveText("Обслуживание");
  // Not while typing: the outcome field takes the letters ("f" would finish).
  await page.getByLabel("Итог обслуживания (необязательно)").click();
  await page.keyboard.type("fd");
  await expect(page.getByLabel("Итог обслуживания (необязательно)")).toHaveValue("fd");
  await expect(page.getByTestId("operator-status")).toHaveText("Обслуживание");
  await page.getByText("EN", { exact: true }).click();
  await press(page, "f", /Finish/);
  await expect(page.getByTestId("operator-status")).toHaveText("Free");
  expect(await statusOf(request, first.code)).toBe("served");
  await page.getByRole("button", { name: "Leave the workstation" }).click();
  await page.context().close();
});
test("a no-show can be undone for 10 seconds by the operator who marked it", async ({ browser, request }) => {
  const { page, first } = await olgaAtWindow(browser, request);
  await page.getByText("EN", { exact: true }).click();
  await page.getByRole("button", { name: /Call next/ }).click();
  await expect(page.getByTestId("current-label")).toHaveText(first.label);
  // Olga's no-shows today so far (an earlier test had one).
  const noShows = async () =>
    Number(/(\d+)No-shows/.exec((await page.getByTestId("my-day").textContent()) ?? "")?.[1]);
  const before = await noShows();

  await press(page, "x", /Client did not come/);
  await expect(page.getByTestId("operator-status")).toHaveText("Free");
  expect(await statusOf(request, first.code)).toBe("no_show");
  const undo = page.getByRole("button", { name: /Undo/ });
  await expect(page.getByTestId("undo-no-show")).toContainText(first.label);
  await page.screenshot({ path: `${shots}/operator-undo-en.png` });
  await undo.click();
  await expect(page.getByTestId("current-label")).toHaveText(first.label);
  await expect(page.getByTestId("operator-status")).toHaveText("Calling a client");
  expect(await statusOf(request, first.code)).toBe("called");
  await expect.poll(noShows).toBe(before);
  // Once more, and let the 10 seconds pass: the offer goes, the no-show stays.
  await press(page, "x", /Client did not come/);
  await expect(undo).toBeVisible();
  await page.getByText("RU", { exact: true }).click();
  await expect(page.getByRole("button", { name: /Отменить \(\d+ с\)/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/operator-undo-ru.png` });
  await page.getByText("EN", { exact: true }).click();
  await expect(page.getByTestId("undo-no-show")).toBeHidden({ timeout: 12_000 });
  expect(await statusOf(request, first.code)).toBe("no_show");
  await expect.poll(noShows).toBe(before + 1);

  await page.getByRole("button", { name: "Leave the workstation" }).click();
  await page.context().close();
});

test("the pause screen shows the reason and how long the pause has lasted", async ({ browser, request }) => {
  const { page } = await olgaAtWindow(browser, request);
  await page.getByText("EN", { exact: true }).click();
  // A pause shows its reason and how long it has lasted, not "call the next client".
  await press(page, "p", /^Pause/);
  await page.getByRole("dialog").getByLabel("Lunch").check();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  const screen = page.getByTestId("pause-screen");
  await expect(screen).toContainText("On a pause");
  await expect(screen).toContainText("Lunch");
  await expect(page.getByTestId("operator-status")).toHaveText("On a pause · Lunch");
  await expect(page.getByTestId("current-ticket")).toHaveCount(0);
  await expect(page.getByTestId("pause-timer")).toHaveText("0:02", { timeout: 5000 });
  await page.screenshot({ path: `${shots}/operator-pause-en.png` });
  await page.getByText("RU", { exact: true }).click();
  await expect(screen).toContainText("Перерыв");
  await expect(screen).toContainText("Обед");
  await expect(screen).not.toContainText("Пригласите следующего клиента");
  await page.screenshot({ path: `${shots}/operator-pause-ru.png` });
  // On a phone: the page as it opens there (not the desktop layout mid-way through collapsing).
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId("pause-timer")).toBeVisible();
  await page.screenshot({ path: `${shots}/operator-pause-phone-ru.png`, fullPage: true });
  await page.keyboard.press("p");
  await expect(page.getByTestId("operator-status")).toHaveText("Свободно");
  await page.getByRole("button", { name: "Покинуть рабочее место" }).click();
  await page.context().close();
});
