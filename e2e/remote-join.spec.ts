import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ADMIN, OPERATOR_PASSWORD, signInCookie } from "./support/office.ts";
import { startSmsReceiver } from "./support/sms-receiver.ts";

/**
 * Remote join on a phone (docs/remote-join.md): a visitor takes a ticket at /join, is subscribed by
 * SMS with the number he agreed to keep, is called by the operator and sees it on the tracking
 * page and in an SMS, then unsubscribes with the message's one-tap link.
 * Prefixes RJ/RL and window 200 are this spec's own on the shared e2e server.
 */
test.describe.configure({ mode: "serial" });

const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";
const PHONE_VIEWPORT = { width: 360, height: 740 };

async function ok<T = any>(res: Promise<import("@playwright/test").APIResponse>, status = 201): Promise<T> {
  const r = await res;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

/** A service taken remotely and one that is not, window 200 serving them, its operator signed in there. */
async function remoteOffice(request: APIRequestContext) {
  const admin = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  const post = (url: string, data: unknown) => ok(request.post(url, { headers: admin, data }));
  const remote = await post("/api/v1/services", {
    name: "Справка RJ",
    translations: { en: "Certificate RJ" },
    prefix: "RJ",
    color: "#7048e8",
  });
  const local = await post("/api/v1/services", {
    name: "Только в офисе RL",
    translations: { en: "Office only RL" },
    prefix: "RL",
    color: "#868e96",
    remoteJoin: false,
  });
  const ws = await post("/api/v1/workstations", {
    name: "Окно 200",
    number: "200",
    spokenName: "",
    serviceIds: [remote.id, local.id],
  });
  await post("/api/v1/employees", {
    login: "op-rj-200",
    name: "Оператор RJ",
    role: "operator",
    password: OPERATOR_PASSWORD,
    serviceIds: [remote.id, local.id],
  });
  const operator = { cookie: await signInCookie(request, "op-rj-200", OPERATOR_PASSWORD) };
  await ok(
    request.post("/api/v1/operator/workstation", { headers: operator, data: { workstationId: ws.id } }),
    200,
  );
  return { remote: remote.id as string, local: local.id as string, operator };
}

async function phonePage(browser: import("@playwright/test").Browser, lang: "ru" | "en"): Promise<Page> {
  const context = await browser.newContext({ viewport: PHONE_VIEWPORT, isMobile: true, hasTouch: true });
  await context.addInitScript((l) => localStorage.setItem("dq.lang", l), lang);
  return context.newPage();
}

test("a visitor joins from his phone, is told by SMS, is called, and unsubscribes in one tap", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const sms = await startSmsReceiver();
  try {
    const office = await remoteOffice(request);
    const info = await ok(request.get("/api/v1/remote-join"), 200);
    const localReason = info.services.find((s: { id: string }) => s.id === office.local).reason;
    expect(localReason?.ru).toBeTruthy();

    const phone = await phonePage(browser, "ru");
    await phone.goto("/join");
    // The office-only service is listed, closed, with the server's reason in the page's language.
    const closed = phone.getByTestId("join-service").filter({ hasText: "Только в офисе RL" });
    await expect(closed).toBeDisabled();
    await expect(closed.getByTestId("join-reason")).toHaveText(localReason.ru);
    const open = phone.getByTestId("join-service").filter({ hasText: "Справка RJ" });
    await expect(open).toBeEnabled();
    await phone.screenshot({ path: `${shots}/join-services-ru.png`, fullPage: true });

    await open.click();
    await expect(phone.getByTestId("join-chosen")).toContainText("Справка RJ");
    await phone.getByLabel("Телефон (необязательно)").fill("+7 900 200-00-01");
    await phone.getByLabel(/Сохранить номер для SMS-уведомлений/).check();
    await phone.screenshot({ path: `${shots}/join-form-ru.png`, fullPage: true });
    // A double tap is one attempt: one ticket.
    await phone.getByRole("button", { name: "Встать в очередь" }).dblclick();
    await expect(phone).toHaveURL(/\/t\/[A-Za-z0-9]+$/);
    const label = (await phone.getByTestId("track-label").textContent())!;
    expect(label).toMatch(/^RJ\d+$/);
    const queue = await ok(request.get("/api/v1/remote-join"), 200);
    expect(queue.services.find((s: { id: string }) => s.id === office.remote).waiting).toBe(1);

    // Subscribed by SMS with the number he agreed to keep: the list shows it masked, the gateway got «joined».
    const panel = phone.getByTestId("notify-panel");
    await expect(panel.getByTestId("notify-subscription")).toHaveText(/SMS\s*\+7 \*\*\* \*\*\*-\*\*-01/);
    const joined = await sms.next(
      "+79002000001",
      new RegExp(`^Талон ${label}, «Справка RJ»: уведомления включены`),
    );
    expect(joined.text).toContain("Вы следующий.");
    await expect(phone.getByTestId("track-position")).toHaveText("Вы первый в очереди");
    await phone.screenshot({ path: `${shots}/join-track-ru.png`, fullPage: true });

    const called = await ok(request.post("/api/v1/operator/call-next", { headers: office.operator }), 200);
    expect(called.label).toBe(label);
    await expect(phone.getByTestId("go-to-window")).toContainText("Пройдите к окну 200");
    await expect(phone.getByTestId("track-status")).toHaveText("Вас приглашают");
    const calledSms = await sms.next(
      "+79002000001",
      new RegExp(`^Талон ${label}: вас приглашают в окно 200`),
    );
    await phone.screenshot({ path: `${shots}/join-track-called-ru.png`, fullPage: true });

    // The message's one-tap link stops the SMS; the page says what was stopped.
    const link = calledSms.text.match(/Отписаться: (\S+)/)?.[1];
    expect(link, calledSms.text).toMatch(/\/u\/[A-Za-z0-9_-]{20,64}$/);
    await phone.goto(new URL(link!).pathname);
    await expect(phone.getByTestId("unsubscribe-result")).toHaveText("Уведомления отключены");
    await expect(phone.getByTestId("unsubscribe-channel")).toHaveText(
      "Больше не будем писать: +7 *** ***-**-01 (SMS)",
    );
    await phone.screenshot({ path: `${shots}/join-unsubscribed-ru.png`, fullPage: true });
    await phone.goBack();
    await expect(phone.getByTestId("notify-panel")).toBeVisible();
    await expect(phone.getByTestId("notify-subscription")).toHaveCount(0);
    await phone.context().close();
  } finally {
    await sms.close();
  }
});

/** A group with one service, for a poster's link to the group (prefix RG). */
async function documentsGroup(request: APIRequestContext) {
  const admin = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  const post = (url: string, data: unknown) => ok(request.post(url, { headers: admin, data }));
  const group = await post("/api/v1/services", {
    name: "Документы RG",
    translations: { en: "Documents RG" },
    isGroup: true,
  });
  await post("/api/v1/services", {
    name: "Паспорт RG",
    translations: { en: "Passport RG" },
    prefix: "RG",
    parentId: group.id,
  });
  return group as { id: string };
}

const remoteId = (info: { services: { id: string; name: string }[] }) =>
  info.services.find((s) => s.name === "Справка RJ")!.id;

test("in English: a service not joinable says why, «Move back» lets one person ahead, /here finds no ticket to check in, /join offers the ticket back and follows links to a group or to nothing", async ({
  browser,
  request,
}) => {
  const phone = await phonePage(browser, "en");
  const group = await documentsGroup(request);
  const info = await ok(request.get("/api/v1/remote-join"), 200);
  const local = info.services.find((s: { name: string }) => s.name === "Только в офисе RL");
  await phone.goto(`/join?service=${local.id}`);
  // Opened on a service that is not joinable: it says why, in English, and offers only a way back.
  await expect(phone.getByTestId("join-chosen")).toContainText("Office only RL");
  await expect(phone.getByTestId("join-chosen").getByTestId("join-reason")).toHaveText(local.reason.en);
  await expect(phone.getByRole("button", { name: "Join the queue" })).toHaveCount(0);
  await phone.screenshot({ path: `${shots}/join-closed-en.png`, fullPage: true });
  await phone.getByRole("button", { name: "Choose another service" }).click();
  await expect(phone.getByTestId("join-service").filter({ hasText: "Certificate RJ" })).toBeEnabled();

  // He joins without a phone; someone joins behind him, and he lets that one go first.
  await phone.getByTestId("join-service").filter({ hasText: "Certificate RJ" }).click();
  await phone.getByRole("button", { name: "Join the queue" }).click();
  await expect(phone).toHaveURL(/\/t\/[A-Za-z0-9]+$/);
  await expect(phone.getByTestId("track-position")).toHaveText("You are next");
  const label = (await phone.getByTestId("track-label").textContent())!;
  const behind = await ok(request.post("/api/v1/remote-tickets", { data: { serviceId: remoteId(info) } }));
  await phone.getByTestId("postpone-open").click();
  await phone.getByTestId("postpone-panel").getByRole("button", { name: "1", exact: true }).click();
  await phone.screenshot({ path: `${shots}/join-postpone-en.png`, fullPage: true });
  await phone.getByRole("button", { name: "Let 1 person go ahead" }).click();
  await expect(phone.getByTestId("postpone-message")).toHaveText("You moved back in the queue");
  await expect(phone.getByTestId("track-position")).toHaveText("1 person ahead");
  const queue = await ok(request.get("/api/v1/remote-join"), 200);
  expect(queue.services.find((s: { id: string }) => s.id === remoteId(info)).waiting).toBe(2);
  expect(behind.position).toBe(1);

  await phone.goto("/here?door=not-this-browsers-ticket");
  // This browser's ticket needs no arrival (the office does not ask for one): nothing to report.
  await expect(phone.getByTestId("here-result")).toHaveText("Your ticket needs no check-in now");
  const fresh = await phonePage(browser, "en");
  await fresh.goto("/here?door=not-this-browsers-ticket");
  await expect(fresh.getByTestId("here-result")).toHaveText("This browser has no ticket taken online");
  await fresh.context().close();

  // Back at /join, his live ticket is offered first; the services stay there to join another one.
  await phone.goto("/join");
  const mine = phone.getByTestId("join-mine-ticket");
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText(`You already have ticket ${label}`);
  // (Listed; closed now for the remote share: two remote tickets wait there.)
  await expect(phone.getByTestId("join-service").filter({ hasText: "Certificate RJ" })).toBeVisible();
  await phone.screenshot({ path: `${shots}/join-mine-en.png`, fullPage: true });
  await mine.getByRole("link", { name: "Open" }).click();
  await expect(phone.getByTestId("track-label")).toHaveText(label);

  // A link to a group lists that group's services; one to a service the office lacks says so.
  await phone.goto(`/join?service=${group.id}`);
  await expect(phone.getByTestId("join-group")).toHaveText("Documents RG");
  await expect(phone.getByTestId("join-service")).toHaveText([/^Passport RG/]);
  await phone.goto("/join?service=987654321");
  await expect(phone.getByTestId("join-link-unknown")).toHaveText(
    "The service in the link was not found: perhaps it was removed. Please choose one below.",
  );
  await expect(phone.getByTestId("join-service").filter({ hasText: "Passport RG" })).toBeEnabled();
  await phone.context().close();
});
