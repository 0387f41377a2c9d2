import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ADMIN, adminCreator, OPERATOR_PASSWORD, SPEECH_STUB, signInCookie } from "./support/office.ts";

/**
 * Issue 15 on the kiosk, in Debian's Chromium against the real server: tiles that fill the screen
 * in both orientations with long Russian names inside them, the language switch on every step,
 * «нет ожидающих», no wait promised for a service nobody serves, the tracking code as text (found
 * again on /queue by typing it), and a service change reaching an open kiosk without a reload.
 * Prefixes KQ, KR, KS (and KQA, KQB, KRA, KRB), EW, EX and windows 100, 180 are this spec's own.
 */
const shots = "test-results/screenshots";
/** The closing warning's screenshot is committed with the others (`DQ_SCREENSHOT_DIR=docs/screenshots`). */
const docsShots = process.env.DQ_SCREENSHOT_DIR ?? shots;

interface FieldOffice {
  passport: string;
  registration: string;
  certificate: string;
  documents: string;
  advice: string;
  group: string;
  inGroup: string;
  mobility: string;
  kioskToken: string;
  adminCookie: string;
}

let office: FieldOffice | undefined;

/** Built once for the file: five services and a group at the top level, window 100 with an operator. */
async function fieldOffice(request: APIRequestContext): Promise<FieldOffice> {
  if (office) return office;
  const create = await adminCreator(request);
  const service = (name: string, en: string, prefix: string, parentId: string | null = null) =>
    create("/api/v1/services", { name, translations: { en }, prefix, parentId });
  const passport = await service(
    "Оформление загранпаспорта нового образца",
    "Passport of the new type",
    "KQ",
  );
  const registration = await service("Регистрация по месту жительства", "Residence registration", "KR");
  // Nobody at any window serves this one.
  const certificate = await service("Справка об отсутствии судимости", "Police certificate", "KS");
  const documents = await service("Выдача готовых документов", "Collecting documents", "KQA");
  const advice = await service("Консультация", "Advice", "KQB");
  const group = await create("/api/v1/services", {
    name: "Прочие услуги",
    translations: { en: "Other services" },
    isGroup: true,
  });
  const inGroup = await service("Справка о составе семьи", "Family certificate", "KRA", group.id);
  const mobility = await create("/api/v1/categories", {
    name: "Маломобильный посетитель",
    translations: { en: "Visitor with reduced mobility" },
    priority: 5,
  });
  const served = [passport.id, registration.id, documents.id, advice.id, inGroup.id];
  const ws = await create("/api/v1/workstations", { name: "Окно 100", number: "100", serviceIds: served });
  await create("/api/v1/employees", {
    login: "op-kq-100",
    name: "Оператор КQ",
    role: "operator",
    password: OPERATOR_PASSWORD,
    serviceIds: served,
  });
  const cookie = await signInCookie(request, "op-kq-100", OPERATOR_PASSWORD);
  const taken = await request.post("/api/v1/operator/workstation", {
    headers: { cookie },
    data: { workstationId: ws.id },
  });
  expect(taken.status()).toBe(200);
  const kiosk = await create("/api/v1/devices", {
    kind: "kiosk",
    name: "Киоск KQ",
    config: {
      serviceIds: [passport.id, registration.id, certificate.id, documents.id, advice.id, group.id],
      showCategories: true,
    },
  });
  office = {
    passport: passport.id,
    registration: registration.id,
    certificate: certificate.id,
    documents: documents.id,
    advice: advice.id,
    group: group.id,
    inGroup: inGroup.id,
    mobility: mobility.id,
    kioskToken: kiosk.token,
    adminCookie: await signInCookie(request, ADMIN.login, ADMIN.password),
  };
  return office;
}

async function issue(request: APIRequestContext, o: FieldOffice, serviceId: string) {
  const res = await request.post("/api/v1/tickets", {
    headers: { authorization: `Bearer ${o.kioskToken}` },
    data: { serviceId },
  });
  expect(res.status()).toBe(201);
  return res.json();
}

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 1 &&
  inner.y >= outer.y - 1 &&
  inner.x + inner.width <= outer.x + outer.width + 1 &&
  inner.y + inner.height <= outer.y + outer.height + 1;

/**
 * Every tile's texts lie inside the tile, and the tiles together span at least 70 % of the
 * screen's width and of its height below the header.
 */
async function expectTilesFillTheScreen(page: Page, tiles: string, what: string) {
  const viewport = page.viewportSize()!;
  const header = (await page.locator("header").boundingBox())!;
  const boxes: Box[] = [];
  const cards = page.locator(tiles);
  const count = await cards.count();
  expect(count, what).toBeGreaterThan(1);
  for (let i = 0; i < count; i++) {
    const card = cards.nth(i);
    const box = (await card.boundingBox())!;
    boxes.push(box);
    const texts = card.locator("span");
    for (let j = 0; j < (await texts.count()); j++) {
      const text = texts.nth(j);
      const t = await text.boundingBox();
      if (!t || t.width === 0) continue;
      expect(
        inside(t, box),
        `${what}: «${await text.textContent()}» ${JSON.stringify(t)} in ${JSON.stringify(box)}`,
      ).toBe(true);
      // The text does not overflow its own box either (a word wider than the tile would).
      const [scroll, client] = await text.evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(scroll, `${what}: «${await text.textContent()}» overflows`).toBeLessThanOrEqual(client + 1);
    }
  }
  const left = Math.min(...boxes.map((b) => b.x));
  const right = Math.max(...boxes.map((b) => b.x + b.width));
  const top = Math.min(...boxes.map((b) => b.y));
  const bottom = Math.max(...boxes.map((b) => b.y + b.height));
  const below = viewport.height - (header.y + header.height);
  expect((right - left) / viewport.width, `${what}: width covered`).toBeGreaterThanOrEqual(0.7);
  expect((bottom - top) / below, `${what}: height covered`).toBeGreaterThanOrEqual(0.7);
}

const VIEWPORTS = [
  ["landscape", { width: 1920, height: 1080 }],
  ["portrait", { width: 1080, height: 1920 }],
  ["touch", { width: 1280, height: 800 }],
] as const;

test.describe("kiosk in the field", () => {
  // One office for the three tests (its prefixes are unique): made once, so the tests run in one worker.
  test.describe.configure({ mode: "serial" });
  test("the tiles fill the screen in landscape and portrait with long names inside them; «нет ожидающих»; nobody serving says so; the language switch stays on the category step", async ({
    browser,
    request,
  }) => {
    test.setTimeout(90_000);
    const o = await fieldOffice(request);
    await issue(request, o, o.passport);
    await issue(request, o, o.passport);
    for (const [name, viewport] of VIEWPORTS) {
      const page = await browser.newPage({ viewport });
      await page.addInitScript(SPEECH_STUB);
      await page.goto(`/kiosk?token=${o.kioskToken}`);
      await expect(page.getByRole("heading", { name: "Выберите услугу" })).toBeVisible();
      const meta = (id: string) => page.getByTestId(`service-${id}`).getByTestId("service-meta");
      // 2 waiting, one operator: a range in minutes (the forecast's figures are the server's tests').
      await expect(meta(o.passport)).toHaveText(
        /^ждут 2 · (~\d+\u2060–\u2060\d+\sмин|≈\d+\sмин|до\s\d+\sмин|меньше минуты)$/,
      );
      // Nobody waits for «Консультация», but its one operator has the two passport clients to call
      // first (equal ranks, earlier arrivals): a new ticket there waits too, and the tile says so.
      await expect(meta(o.advice)).toHaveText(
        /^нет ожидающих · (~\d+\u2060–\u2060\d+\sмин|≈\d+\sмин|до\s\d+\sмин)$/,
      );
      await expect(meta(o.certificate)).toHaveText("нет ожидающих · сейчас никто не обслуживает");
      await expect(page.getByTestId(`service-${o.certificate}`)).toBeEnabled();
      await expectTilesFillTheScreen(page, "main button[data-testid^='service-']", `${name} ru`);
      await page.screenshot({ path: `${shots}/kiosk-field-${name}-ru.png` });

      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByRole("heading", { name: "Choose a service" })).toBeVisible();
      await expect(meta(o.advice)).toHaveText(
        /^nobody waiting · (~\d+\u2060–\u2060\d+\smin|≈\d+\smin|up to\s\d+\smin)$/,
      );
      await expect(meta(o.certificate)).toHaveText("nobody waiting · no one serving right now");
      await expectTilesFillTheScreen(page, "main button[data-testid^='service-']", `${name} en`);
      await page.screenshot({ path: `${shots}/kiosk-field-${name}-en.png` });

      // The category step: the language switch is still there, the long category inside its tile.
      await page.getByRole("button", { name: "Русский" }).click();
      await page.getByTestId(`service-${o.passport}`).click();
      await expect(page.getByRole("heading", { name: "Вы относитесь к льготной категории?" })).toBeVisible();
      await expect(page.getByTestId(`category-${o.mobility}`)).toContainText("Маломобильный посетитель");
      await expectTilesFillTheScreen(
        page,
        "main button[data-testid^='category-'], main button:has-text('Нет, обычная очередь')",
        `${name} categories`,
      );
      await page.screenshot({ path: `${shots}/kiosk-field-${name}-category-ru.png` });
      await page.getByRole("button", { name: "English" }).click();
      await expect(page.getByRole("heading", { name: "Do you belong to a priority group?" })).toBeVisible();
      await expect(page.getByTestId(`category-${o.mobility}`)).toContainText("Visitor with reduced mobility");
      await page.screenshot({ path: `${shots}/kiosk-field-${name}-category-en.png` });
      await page.close();
    }
  });

  test("the ticket screen and the receipt show the tracking code as text; /queue finds the ticket by typing it", async ({
    browser,
    request,
  }) => {
    const o = await fieldOffice(request);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(SPEECH_STUB);
    await page.goto(`/kiosk?token=${o.kioskToken}`);
    // The service nobody serves: the ticket can be taken; no wait is promised.
    await page.getByTestId(`service-${o.certificate}`).click();
    await page.getByRole("button", { name: "Нет, обычная очередь" }).click();
    const label = page.getByTestId("ticket-label");
    await expect(label).toHaveText(/^KS\d{3}$/);
    await expect(page.getByTestId("ticket-wait")).toHaveText("Сейчас никто не обслуживает эту услугу");
    const code = page.getByTestId("ticket-code");
    await expect(code).toHaveText(/^[A-KM-NP-Z2-9]{4}-[A-KM-NP-Z2-9]{4}$/);
    // The first is on the screen, the second on the (hidden until printed) receipt.
    await expect(page.getByText("Код для отслеживания", { exact: true }).first()).toBeVisible();
    const printed = (await code.textContent())!;
    const ticketLabel = (await label.textContent())!;
    await page.screenshot({ path: `${shots}/kiosk-field-ticket-ru.png` });
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.getByText("Tracking code", { exact: true }).first()).toBeVisible();
    await expect(page.getByTestId("ticket-wait")).toHaveText("No one is serving this service right now");
    await page.screenshot({ path: `${shots}/kiosk-field-ticket-en.png` });
    await page.getByRole("button", { name: "Русский" }).click();
    // The same code on paper.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("receipt-code")).toHaveText(printed);
    await expect(page.getByTestId("receipt")).toContainText("Код для отслеживания");
    await page.screenshot({
      path: `${shots}/kiosk-field-receipt-80mm.png`,
      clip: { x: 0, y: 0, width: 320, height: 640 },
    });
    await page.close();

    // On a phone: typed in lower case with a space instead of the dash.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto("/queue");
    await expect(phone.getByTestId("find-code")).toHaveAttribute(
      "placeholder",
      "Код с талона, например K7QM-4XPA",
    );
    await phone.getByTestId("find-code").fill(printed.toLowerCase().replace("-", " "));
    await phone.getByRole("button", { name: "Найти" }).click();
    await expect(phone).toHaveURL(new RegExp(`/t/${printed.replace("-", "").toLowerCase()}$`));
    await expect(phone.getByTestId("track-label")).toHaveText(ticketLabel);
    // And the printed form straight in the address.
    await phone.goto(`/t/${printed}`);
    await expect(phone.getByTestId("track-label")).toHaveText(ticketLabel);
    await phone.close();
  });

  test("a service created, renamed or switched off through the API reaches an open kiosk within seconds, without a reload", async ({
    page,
    request,
  }) => {
    const o = await fieldOffice(request);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/kiosk?token=${o.kioskToken}`);
    await page.getByTestId(`service-${o.group}`).click();
    await expect(page.getByRole("heading", { name: "Прочие услуги" })).toBeVisible();
    await expect(page.getByTestId(`service-${o.inGroup}`)).toContainText("Справка о составе семьи");
    // Nothing reloads the page: a marker set now must survive.
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });
    const headers = { cookie: o.adminCookie };
    const created = await request.post("/api/v1/services", {
      headers,
      data: {
        name: "Выписка из домовой книги",
        translations: { en: "House register extract" },
        prefix: "KRB",
        parentId: o.group,
      },
    });
    expect(created.status()).toBe(201);
    const id = (await created.json()).id;
    // Well under the 30-second fallback refetch.
    await expect(page.getByTestId(`service-${id}`)).toContainText("Выписка из домовой книги", {
      timeout: 15_000,
    });
    const renamed = await request.patch(`/api/v1/services/${o.inGroup}`, {
      headers,
      data: { name: "Справка о составе семьи (новая форма)" },
    });
    expect(renamed.status()).toBe(200);
    await expect(page.getByTestId(`service-${o.inGroup}`)).toContainText("(новая форма)", {
      timeout: 15_000,
    });
    const off = await request.patch(`/api/v1/services/${id}`, { headers, data: { active: false } });
    expect(off.status()).toBe(200);
    await expect(page.getByTestId(`service-${id}`)).toHaveCount(0, { timeout: 15_000 });
    expect(
      await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument),
    ).toBe(true);
  });
});

/** The office's weekday ("mon"…) and wall-clock minutes now, in its timezone. */
function officeNow(timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date());
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return {
    weekday: part("weekday").toLowerCase().slice(0, 3),
    minutes: Number(part("hour")) * 60 + Number(part("minute")),
  };
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

type Wait = { minMinutes: number; maxMinutes: number };
/**
 * A wait's minutes as the surfaces write them: «12–18 мин» (word joiners keep the dash with its
 * figures), «≈5 мин», «до 3 мин», «меньше минуты».
 */
const minutes = ({ minMinutes: min, maxMinutes: max }: Wait, unit: string) =>
  max <= 1
    ? "меньше минуты"
    : min === max
      ? `≈${max} ${unit}`
      : min <= 0
        ? `до ${max} ${unit}`
        : `${min}\u2060–\u2060${max} ${unit}`;
/** A tile's «~12–18 мин» (the other forms as they are). */
const compact = (w: Wait, unit: string) =>
  w.maxMinutes > 1 && w.minMinutes > 0 && w.minMinutes !== w.maxMinutes
    ? `~${minutes(w, unit)}`
    : minutes(w, unit);

/** "14:35" of an ISO instant written with the office's offset, rounded to the minute, ± `shift` minutes. */
function clockOf(iso: string, shift = 0) {
  const local = iso.slice(0, 19); // the office's wall clock as the server wrote it
  const at = Math.round(Date.parse(`${local}Z`) / 60_000) + shift;
  return hhmm(((at % 1440) + 1440) % 1440);
}

test("a service that closes before the expected call says so on its tile and asks before the ticket; the ticket shows «около 14:35 (12–18 мин)»", async ({
  browser,
  request,
}) => {
  test.setTimeout(60_000);
  const create = await adminCreator(request);
  const headers = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  const { timezone } = await (await request.get("/api/v1/branch", { headers })).json();
  // «EW» stops taking tickets 20 minutes from now; each visit takes 30 minutes, so with two people
  // ahead the call is expected after closing. «EX» has no hours.
  const now = officeNow(timezone);
  const closes = Math.min(now.minutes + 20, 1440);
  const closing = await create("/api/v1/services", {
    name: "Выдача справок о заработной плате",
    translations: { en: "Salary certificates" },
    prefix: "EW",
    expectedServiceMinutes: 30,
    schedule: { [now.weekday]: [{ from: "00:00", to: hhmm(closes) }] },
  });
  const allDay = await create("/api/v1/services", {
    name: "Консультация по пособиям",
    translations: { en: "Benefits advice" },
    prefix: "EX",
    expectedServiceMinutes: 4,
  });
  const served = [closing.id, allDay.id];
  const ws = await create("/api/v1/workstations", { name: "Окно 180", number: "180", serviceIds: served });
  await create("/api/v1/employees", {
    login: "op-ew-180",
    name: "Оператор EW",
    role: "operator",
    password: OPERATOR_PASSWORD,
    serviceIds: served,
  });
  const cookie = await signInCookie(request, "op-ew-180", OPERATOR_PASSWORD);
  const taken = await request.post("/api/v1/operator/workstation", {
    headers: { cookie },
    data: { workstationId: ws.id },
  });
  expect(taken.status()).toBe(200);
  const kiosk = await create("/api/v1/devices", {
    kind: "kiosk",
    name: "Киоск EW",
    config: { serviceIds: served, showCategories: false, autoPrint: false },
  });
  for (let i = 0; i < 2; i++) {
    const res = await request.post("/api/v1/tickets", {
      headers: { authorization: `Bearer ${kiosk.token}` },
      data: { serviceId: closing.id },
    });
    expect(res.status()).toBe(201);
  }
  // The forecast is a simulation: each answer has figures of its own. The page is checked against
  // the very answers it read (its menu, the issued ticket); the figures themselves are the server's tests'.
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(SPEECH_STUB);
  const menuRead = page.waitForResponse((r) => r.url().includes("/api/v1/kiosk") && r.ok());
  await page.goto(`/kiosk?token=${kiosk.token}`);
  const menu = await (await menuRead).json();
  const ew = menu.services.find((s: { id: string }) => s.id === closing.id);
  // Two visits of 30 minutes ahead, one operator: the call is expected after closing.
  expect(ew.waiting).toBe(2);
  expect(Date.parse(ew.expectedCallAt)).toBeGreaterThan(Date.parse(ew.closesAt));
  const tile = page.getByTestId(`service-${closing.id}`);
  await expect(tile.getByTestId("service-closing")).toHaveText(
    `⚠ Закрывается в ${clockOf(ew.closesAt)}: могут не успеть принять`,
  );
  await expect(tile.getByTestId("service-meta")).toHaveText(`ждут 2 · ${compact(ew.estimatedWait, "мин")}`);
  await expect(page.getByTestId(`service-${allDay.id}`).getByTestId("service-closing")).toHaveCount(0);
  await expectTilesFillTheScreen(page, "main button[data-testid^='service-']", "closing ru");

  // The question comes before any ticket; «Назад» takes none.
  await tile.click();
  const text = page.getByTestId("late-text");
  await expect(page.getByRole("heading", { name: "Вас могут не успеть принять сегодня" })).toBeVisible();
  await expect(text).toHaveText(
    `Эта услуга принимает талоны до ${clockOf(ew.closesAt)}, а ваш вызов ожидается около ${clockOf(ew.expectedCallAt)}.`,
  );
  await page.screenshot({ path: `${docsShots}/kiosk-closing-warning-ru.png` });
  await page.getByRole("button", { name: "English" }).click();
  await expect(text).toHaveText(
    `This service takes tickets until ${clockOf(ew.closesAt)}, and your call is expected around ${clockOf(ew.expectedCallAt)}.`,
  );
  await page.getByRole("button", { name: "Back" }).click();
  await expect(page.getByRole("heading", { name: "Choose a service" })).toBeVisible();
  await expect(tile.getByTestId("service-meta")).toHaveText(/^2 waiting · /);

  // «Всё равно взять талон»: the ticket, with the call's time and range in office time.
  await page.getByRole("button", { name: "Русский" }).click();
  await tile.click();
  const issued = page.waitForResponse((r) => r.url().endsWith("/api/v1/tickets") && r.status() === 201);
  await page.getByRole("button", { name: "Всё равно взять талон" }).click();
  const ticket = await (await issued).json();
  await expect(page.getByTestId("ticket-label")).toHaveText(/^EW\d{3}$/);
  const line = `Ожидаемый вызов: около ${clockOf(ticket.expectedCallAt)} (${minutes(ticket.estimatedWait, "мин")})`;
  await expect(page.getByTestId("ticket-wait")).toHaveText(line);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("receipt-wait")).toHaveText(line);
  await page.close();
});
