import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import {
  ALL_WEEK,
  bookThroughApi,
  firstFreeTime,
  notAtMidnight,
  officeTimeZone,
  phonePage,
  wallClock,
} from "./support/booking.ts";
import { ADMIN, adminCreator, OPERATOR_PASSWORD, SPEECH_STUB, signInPage } from "./support/office.ts";

/**
 * Issue 17 end to end, in Debian's Chromium against the real server: a visitor books on his phone,
 * sees his appointment, checks in at the kiosk by its code, is called at window 190 (the board shows
 * it) and the day's list shows him checked in with his ticket; a time taken by others while
 * the form was open; and a receptionist checking a visitor in from the day's list. Prefixes БР and БС and window 190 are this spec's own.
 */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";

interface BookingOffice {
  /** Bookable all week round the clock, slots of 5 minutes for two, check-in from 4 hours before. */
  notary: string;
  consult: string;
  operatorLogin: string;
  kioskToken: string;
  boardToken: string;
  timeZone: string;
}

let office: BookingOffice | undefined;

async function bookingOffice(request: APIRequestContext): Promise<BookingOffice> {
  if (office) return office;
  const create = await adminCreator(request);
  const booking = {
    enabled: true,
    slotMinutes: 5,
    capacityPerSlot: 2,
    earlyCheckInMinutes: 240,
    maxActivePerPhone: 5,
  };
  const service = (name: string, en: string, prefix: string) =>
    create("/api/v1/services", { name, translations: { en }, prefix, schedule: ALL_WEEK, booking });
  const notary = await service("Приём у нотариуса", "Notary", "БР");
  const consult = await service("Консультация юриста", "Legal advice", "БС");
  const served = [notary.id, consult.id];
  const ws = await create("/api/v1/workstations", { name: "Окно 190", number: "190", serviceIds: served });
  const operatorLogin = "op-br-190";
  await create("/api/v1/employees", {
    login: operatorLogin,
    name: "Оператор БР",
    role: "operator",
    password: OPERATOR_PASSWORD,
    serviceIds: served,
  });
  const kiosk = await create("/api/v1/devices", {
    kind: "kiosk",
    name: "Киоск БР",
    config: { serviceIds: served },
  });
  const board = await create("/api/v1/devices", {
    kind: "board",
    name: "Табло БР",
    config: { workstationNumbers: [ws.number] },
  });
  office = {
    notary: notary.id,
    consult: consult.id,
    operatorLogin,
    kioskToken: kiosk.token,
    boardToken: board.token,
    timeZone: await officeTimeZone(request),
  };
  return office;
}

/** `/book?service=…` on the first open day, at the first free time not about to start. */
async function openTimes(page: Page, serviceId: string, serviceName: string) {
  await page.goto(`/book?service=${serviceId}`);
  await expect(page.getByTestId("booking-chosen")).toContainText(serviceName);
  const firstDay = page.locator("button[data-day]").first();
  await firstDay.click();
  await expect(firstDay).toHaveAttribute("aria-pressed", "true");
  return { start: await firstFreeTime(page) };
}

async function typeContact(page: Page, name: string, phone: string) {
  await page.getByLabel("Имя").fill(name);
  await page.getByLabel("Телефон").fill(phone);
}

test("book on the phone, see it, check in at the kiosk, be called at the window, listed as come", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const o = await bookingOffice(request);
  await notAtMidnight(o.timeZone);

  // 1. The visitor books from his phone.
  const phone = await phonePage(browser);
  const { start } = await openTimes(phone, o.notary, "Приём у нотариуса");
  // Today (the day the appointments page opens on).
  await expect(phone.locator("button[data-day]").first()).toContainText("Сегодня");
  const time = wallClock(start);
  await phone.screenshot({ path: `${shots}/appointments-book-ru.png` });
  await phone.locator(`button[data-start="${start}"]`).click();
  await expect(phone.getByTestId("booking-chosen")).toContainText(time);
  await typeContact(phone, "Анна Смирнова", "+7 912 345-67-89");
  await phone.screenshot({ path: `${shots}/appointments-book-details-ru.png` });
  await phone.getByRole("button", { name: "Записаться" }).click();
  await expect(phone.getByTestId("booking-confirmation")).toBeVisible();
  const shownCode = (await phone.getByTestId("booking-code").textContent())!;
  expect(shownCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  const code = shownCode.replace("-", "").toLowerCase();
  await expect(phone.getByTestId("booking-when")).toContainText(time);
  await phone.screenshot({ path: `${shots}/appointments-book-confirmation-ru.png`, fullPage: true });

  // 2. His appointment's page.
  await phone.getByTestId("booking-manage").click();
  await expect(phone).toHaveURL(new RegExp(`/b/${code}$`));
  await expect(phone.getByTestId("appointment-status")).toHaveText("Запись активна");
  await expect(phone.getByTestId("appointment-when")).toContainText(time);
  await expect(phone.getByTestId("booking-code")).toHaveText(shownCode);
  await phone.screenshot({ path: `${shots}/appointments-view-ru.png`, fullPage: true });

  // The operator at window 190 and the board over it, before the visitor arrives.
  const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await board.addInitScript(SPEECH_STUB);
  await board.goto(`/board?token=${o.boardToken}`);
  await expect(board.getByText("Ожидайте вызова")).toBeVisible();
  const operator = await signInPage(browser, o.operatorLogin, OPERATOR_PASSWORD);
  await operator.getByTestId("workstation-190").getByRole("button", { name: "Занять" }).click();
  await expect(operator.getByTestId("operator-status")).toHaveText("Свободно");

  // 3. At the kiosk: «У меня запись», the code on the on-screen keys, the ticket with his time.
  const kiosk = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await kiosk.addInitScript(SPEECH_STUB);
  await kiosk.goto(`/kiosk?token=${o.kioskToken}`);
  await kiosk.getByTestId("kiosk-checkin").click();
  await expect(kiosk.getByRole("heading", { name: "Введите код записи" })).toBeVisible();
  const keys = kiosk.getByRole("group", { name: "Клавиатура" });
  for (const symbol of shownCode.replace("-", "")) {
    await keys.getByRole("button", { name: symbol, exact: true }).click();
  }
  await expect(kiosk.getByTestId("checkin-code")).toHaveText(shownCode);
  await kiosk.screenshot({ path: `${shots}/appointments-kiosk-code-ru.png` });
  await kiosk.getByRole("button", { name: "Отметиться" }).click();
  await expect(kiosk.getByTestId("ticket-appointment")).toHaveText(`Запись на ${time}`);
  const label = (await kiosk.getByTestId("ticket-label").textContent())!;
  expect(label).toMatch(/^БР\d{3}$/);
  // Called at his time: no wait quoted, and no «nobody serves» either (the window serves it).
  await expect(kiosk.getByTestId("ticket-wait")).toHaveCount(0);
  await kiosk.screenshot({ path: `${shots}/appointments-kiosk-ticket-ru.png` });
  const held = await (await request.get(`/api/v1/appointments/${code}`)).json();
  expect(held).toMatchObject({ status: "checked_in", late: false });
  const ticket = await (await request.get(`/api/v1/tickets/${held.ticketCode}`)).json();
  expect(ticket).toMatchObject({ label, status: "waiting" });
  // His tracking page (the phone he booked on) says when he will be called.
  await phone.goto(`/t/${held.ticketCode}`);
  await expect(phone.getByTestId("track-appointment")).toHaveText(
    `Вы записаны на ${time}: вас пригласят в это время`,
  );

  // 4. The operator calls him. His slot starts up to a few minutes from now, and a ticket checked in
  // early is not called by «Пригласить следующего» before its start (docs/appointments.md, calling
  // order): the operator calls him by hand from the list of those he may call, as he would a
  // visitor standing at the window early.
  const row = operator.locator(`[data-testid=waiting-ticket][data-label="${label}"]`);
  await expect(row.getByTestId("appointment-badge")).toHaveText(`Запись ${time}`);
  await operator.screenshot({ path: `${shots}/appointments-operator-waiting-ru.png` });
  if (Date.parse(start) - Date.now() > 10_000) {
    // Before his start, call next passes him by (204: nobody callable), in the operator's own session.
    const next = await operator.request.post("/api/v1/operator/call-next");
    expect(next.status(), await next.text()).toBe(204);
    // The button says so, and names the appointment that may be called by hand.
    await operator.getByRole("button", { name: "Пригласить следующего" }).click();
    await expect(operator.getByTestId("nobody-to-call")).toContainText("Сейчас некого пригласить.");
    await expect(operator.getByTestId("appointment-not-due")).toHaveText(
      `Ждёт запись на ${time} — её можно пригласить вручную.`,
    );
  }
  await row.getByRole("button", { name: "Пригласить" }).click();
  await expect(operator.getByTestId("current-label")).toHaveText(label);
  await expect(operator.getByTestId("current-ticket").getByTestId("appointment-badge")).toHaveText(
    `Запись ${time}`,
  );
  await expect(operator.getByTestId("appointment-name")).toHaveText("Посетитель: Анна Смирнова");
  await expect(row).toHaveCount(0);
  await operator.screenshot({ path: `${shots}/appointments-operator-ru.png` });
  await expect(board.getByTestId("board-call").first()).toContainText(label);
  await expect(board.getByTestId("board-call").first()).toContainText("190");
  expect((await (await request.get(`/api/v1/tickets/${held.ticketCode}`)).json()).status).toBe("called");

  // 5. The day's appointments: checked in, with his ticket.
  const admin = await signInPage(browser, ADMIN.login, ADMIN.password);
  await admin.goto("/admin/appointments");
  const listed = admin.locator(`[data-testid=appointment-row][data-code="${code}"]`);
  await expect(listed).toHaveAttribute("data-status", "checked_in");
  await expect(listed).toContainText("Анна Смирнова");
  await expect(listed).toContainText("Пришёл");
  await expect(listed).toContainText(label);
  await expect(listed).toContainText(`${time}–`);
  await admin.screenshot({ path: `${shots}/appointments-admin-ru.png` });

  for (const p of [phone, kiosk, board, operator, admin]) await p.context().close();
});

test("a time taken by others while the form is open: «Записаться» says so and the time shows taken", async ({
  browser,
  request,
}) => {
  const o = await bookingOffice(request);
  await notAtMidnight(o.timeZone);
  const phone = await phonePage(browser);
  const { start } = await openTimes(phone, o.consult, "Консультация юриста");
  await phone.locator(`button[data-start="${start}"]`).click();
  await typeContact(phone, "Пётр Иванов", "+7 913 000-11-22");

  // Two others book the same time (two places) while he is typing.
  for (const [name, number] of [
    ["Мария", "+79130001133"],
    ["Олег", "+79130001144"],
  ] as const) {
    await bookThroughApi(request, { serviceId: o.consult, start, name, phone: number });
  }
  await phone.getByRole("button", { name: "Записаться" }).click();
  await expect(phone.getByTestId("booking-notice")).toHaveText(
    "Это время только что заняли. Выберите другое.",
  );
  const taken = phone.locator(`button[data-start="${start}"]`);
  await expect(taken).toBeDisabled();
  await expect(taken).toContainText("занято");
  await phone.screenshot({ path: `${shots}/appointments-book-taken-ru.png` });
  await expect(phone.getByTestId("booking-confirmation")).toHaveCount(0);
  await phone.context().close();
});

test("a receptionist checks a booked visitor in from the day's list", async ({ browser, request }) => {
  const o = await bookingOffice(request);
  await notAtMidnight(o.timeZone);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: o.timeZone }).format(new Date());
  const slots: { start: string; free: number }[] = await (
    await request.get(`/api/v1/booking/slots?serviceId=${o.consult}&date=${today}`)
  ).json();
  const slot = slots.find((s) => s.free > 0 && Date.parse(s.start) - Date.now() >= 90_000);
  expect(slot, "a free time today").toBeDefined();
  const booked = await bookThroughApi(request, {
    serviceId: o.consult,
    start: slot!.start,
    name: "Ольга Сидорова",
    phone: "+79135550011",
  });
  const admin = await signInPage(browser, ADMIN.login, ADMIN.password);
  await admin.goto("/admin/appointments");
  const row = admin.locator(`[data-testid=appointment-row][data-code="${booked.code}"]`);
  await expect(row).toHaveAttribute("data-status", "booked");
  await row
    .getByRole("button", { name: `Отметить приход: Ольга Сидорова, ${wallClock(slot!.start)}` })
    .click();
  await expect(admin.getByTestId("appointments-result")).toHaveText(
    /^Ольга Сидорова отмечен\(а\): талон БС\d{3}\.$/,
  );
  await expect(row).toHaveAttribute("data-status", "checked_in");
  await admin.context().close();
});
