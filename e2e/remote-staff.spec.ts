import { type APIRequestContext, expect, test } from "@playwright/test";
import { ADMIN, OPERATOR_PASSWORD, signInCookie, signInPage } from "./support/office.ts";

/**
 * The staff side of remote join (docs/remote-join.md): the office's «Удалённая очередь» settings,
 * the door poster, and a remote ticket's marks at the operator's window. The office's settings are
 * shared by every spec on this server, so the ones changed here are put back afterwards.
 */
const shots = process.env.DQ_SCREENSHOT_DIR ?? "test-results/screenshots";

interface Setup {
  cookie: string;
  remote: { id: string; name: string };
  officeOnly: { id: string; name: string };
  workstation: string;
  saved: { remoteJoin: Record<string, unknown>; visitorNotifications: Record<string, unknown> };
}

async function setUp(request: APIRequestContext): Promise<Setup> {
  const cookie = await signInCookie(request, ADMIN.login, ADMIN.password);
  const headers = { cookie };
  const list = async (url: string) => (await (await request.get(url, { headers })).json()).items as any[];
  const ensure = async (url: string, match: (x: any) => boolean, data: unknown) => {
    const found = (await list(url)).find(match);
    if (found) return found;
    const res = await request.post(url, { headers, data });
    expect(res.status(), await res.text()).toBe(201);
    return res.json();
  };
  const remote = await ensure("/api/v1/services", (x) => x.prefix === "RS", {
    name: "Паспорт RS",
    translations: { en: "Passport RS" },
    prefix: "RS",
  });
  const officeOnly = await ensure("/api/v1/services", (x) => x.prefix === "RN", {
    name: "Справки RN",
    prefix: "RN",
    remoteJoin: false,
  });
  const ws = await ensure("/api/v1/workstations", (x) => x.number === "210", {
    name: "Окно 210",
    number: "210",
    serviceIds: [remote.id],
  });
  await ensure("/api/v1/employees", (x) => x.login === "rs-operator", {
    login: "rs-operator",
    name: "Ольга RS",
    role: "operator",
    password: OPERATOR_PASSWORD,
    serviceIds: [remote.id],
  });
  const branch = await (await request.get("/api/v1/branch", { headers })).json();
  const { remoteJoin, visitorNotifications } = branch.settings;
  return { cookie, remote, officeOnly, workstation: ws.id, saved: { remoteJoin, visitorNotifications } };
}

const patchSettings = async (request: APIRequestContext, s: Setup, settings: unknown) => {
  const res = await request.patch("/api/v1/branch", { headers: { cookie: s.cookie }, data: { settings } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).settings;
};

let setup: Setup;
test.beforeAll(async ({ request }) => {
  setup = await setUp(request);
});
test.afterAll(async ({ request }) => {
  await patchSettings(request, setup, setup.saved);
});

test("office settings: the remote queue sends only what changed and names a field it refuses", async ({
  browser,
  request,
}) => {
  await patchSettings(request, setup, {
    remoteJoin: { perPhoneDaily: 2, arrivalCheckIn: false, geofence: null },
  });
  const page = await signInPage(browser, ADMIN.login, ADMIN.password);
  await page.goto("/admin/settings");
  const section = page.getByTestId("remote-join-settings");
  await section.getByLabel("Талонов на один телефон в день").fill("4");
  const sent = page.waitForRequest((r) => r.method() === "PATCH" && r.url().endsWith("/api/v1/branch"));
  await page.getByRole("button", { name: "Сохранить" }).click();
  const body = (await sent).postDataJSON();
  expect(body.settings.remoteJoin).toEqual({ perPhoneDaily: 4 });
  expect(body.settings).not.toHaveProperty("visitorNotifications");
  await expect(page.getByTestId("saved")).toBeVisible();
  const saved = (await (await request.get("/api/v1/branch", { headers: { cookie: setup.cookie } })).json())
    .settings;
  expect(saved.remoteJoin).toMatchObject({
    perPhoneDaily: 4,
    perBrowserDaily: setup.saved.remoteJoin.perBrowserDaily,
  });

  // Arrival check-in by the phone's position, with no point given: refused on the field, nothing sent.
  await section.getByRole("switch", { name: "Вызывать только после отметки «Я на месте»" }).check();
  await section.getByRole("switch", { name: "Принимать отметку по местоположению телефона" }).check();
  let patches = 0;
  page.on("request", (r) => r.method() === "PATCH" && patches++);
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(section.getByLabel("Широта")).toHaveAttribute("aria-invalid", "true");
  expect(patches).toBe(0);
  await section.getByLabel("Широта").fill("55.751244");
  await section.getByLabel("Долгота").fill("37.618423");
  await page.getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByTestId("saved")).toBeVisible();
  const after = (await (await request.get("/api/v1/branch", { headers: { cookie: setup.cookie } })).json())
    .settings;
  expect(after.remoteJoin).toMatchObject({
    perPhoneDaily: 4,
    arrivalCheckIn: true,
    geofence: { latitude: 55.751244, longitude: 37.618423, radiusMeters: 150 },
  });
  await section.screenshot({ path: `${shots}/admin-settings-remote-ru.png` });
  await page.context().close();
});

test("door poster: the /join code, a service's own, the door's code, and the services' links", async ({
  browser,
  request,
  baseURL,
}) => {
  await patchSettings(request, setup, { remoteJoin: { enabled: true, arrivalCheckIn: true } });
  const page = await signInPage(browser, ADMIN.login, ADMIN.password);
  await page.goto("/admin/poster");
  await expect(page.getByTestId("join-poster").getByTestId("qr")).toHaveAttribute(
    "aria-label",
    `${baseURL}/join`,
  );
  const door = await (
    await request.get("/api/v1/remote-join/door", { headers: { cookie: setup.cookie } })
  ).json();
  await expect(page.getByTestId("door-poster").getByTestId("qr")).toHaveAttribute(
    "aria-label",
    `${baseURL}/here?door=${door.doorKey}`,
  );
  const links = page.getByTestId("service-link");
  await expect(links.filter({ hasText: setup.officeOnly.name })).toContainText("не принимает удалённо");
  await links.filter({ hasText: setup.remote.name }).getByRole("button", { name: "На плакат" }).click();
  await expect(page.getByTestId("join-poster").getByTestId("qr")).toHaveAttribute(
    "aria-label",
    `${baseURL}/join?service=${setup.remote.id}`,
  );
  await expect(page.getByTestId("join-poster")).toContainText(setup.remote.name);
  await page.screenshot({ path: `${shots}/admin-poster-ru.png`, fullPage: true });
  await page.context().close();
});

test("operator: a remote ticket is marked, greyed until its visitor is here, his phone masked", async ({
  browser,
  request,
}) => {
  await patchSettings(request, setup, {
    remoteJoin: {
      enabled: true,
      arrivalCheckIn: true,
      refuseAfterClosing: false,
      perPhoneDaily: 50,
      maxSharePercent: 100,
    },
  });
  const headers = { cookie: setup.cookie };
  // Nothing left waiting from an earlier run of this test.
  const waiting = (await (await request.get("/api/v1/queue/tickets", { headers })).json()).items as any[];
  for (const t of waiting.filter((x) => x.serviceId === setup.remote.id)) {
    await request.post(`/api/v1/queue/tickets/${t.id}/cancel`, { headers });
  }
  const joined = await request.post("/api/v1/remote-tickets", {
    data: { serviceId: setup.remote.id, phone: "+79161234589", phoneConsent: true },
  });
  expect(joined.status(), await joined.text()).toBe(201);
  const ticket = await joined.json();

  const operatorCookie = await signInCookie(request, "rs-operator", OPERATOR_PASSWORD);
  await request.post(`/api/v1/queue/workstations/${setup.workstation}/release`, { headers });
  const took = await request.post("/api/v1/operator/workstation", {
    headers: { cookie: operatorCookie },
    data: { workstationId: setup.workstation },
  });
  expect(took.status(), await took.text()).toBe(200);
  const page = await signInPage(browser, "rs-operator", OPERATOR_PASSWORD);
  await page.goto("/operator");
  const row = page.locator(`[data-testid=waiting-ticket][data-label="${ticket.label}"]`);
  await expect(row.getByTestId("remote-badge")).toHaveText("Удалённо");
  await expect(row.getByTestId("awaiting-arrival")).toHaveText("ждём прихода");
  await expect(row).toHaveAttribute("data-awaiting", "true");
  await page.screenshot({ path: `${shots}/operator-remote-ru.png` });

  // Call next passes over it, and says why.
  await page.getByRole("button", { name: /Пригласить следующего/ }).click();
  await expect(page.getByTestId("awaiting-arrival-note")).toContainText(ticket.label);

  // The visitor scans the door's code: the mark goes without a reload.
  const door = await (await request.get("/api/v1/remote-join/door", { headers })).json();
  const arrived = await request.post(`/api/v1/tickets/${ticket.code}/arrival`, {
    data: { doorKey: door.doorKey },
  });
  expect(arrived.status(), await arrived.text()).toBe(200);
  await expect(row.getByTestId("awaiting-arrival")).toHaveCount(0);
  await expect(row).not.toHaveAttribute("data-awaiting", "true");

  await page.getByRole("button", { name: /Пригласить следующего/ }).click();
  await expect(page.getByTestId("current-label")).toHaveText(ticket.label);
  const current = page.getByTestId("current-ticket");
  await expect(current.getByTestId("remote-badge")).toHaveText("Удалённо");
  await expect(current.getByTestId("phone-masked")).toHaveText("+7 *** ***-**-89");
  await page.getByText("EN", { exact: true }).click();
  await expect(current.getByTestId("remote-badge")).toHaveText("Remote");
  await page.screenshot({ path: `${shots}/operator-remote-current-en.png` });
  await request.post(`/api/v1/queue/workstations/${setup.workstation}/release`, { headers });
  await page.context().close();
});
