import { type APIRequestContext, type Browser, expect, type Page } from "@playwright/test";

export const ADMIN = { login: "admin", password: "e2e-admin-password" };
export const OPERATOR_PASSWORD = "operator-password-1";

/** Each test office: its two services' prefixes and its window, unique across the e2e run. */
const OFFICES: Record<string, { prefixes: [string, string]; window: string }> = {
  a: { prefixes: ["А", "Б"], window: "31" },
  b: { prefixes: ["В", "Г"], window: "32" },
  c: { prefixes: ["Д", "Е"], window: "33" },
  d: { prefixes: ["Ж", "З"], window: "34" },
  e: { prefixes: ["К", "Л"], window: "35" },
  f: { prefixes: ["Р", "С"], window: "36" },
  g: { prefixes: ["М", "Н"], window: "37" },
  h: { prefixes: ["П", "И"], window: "38" },
  i: { prefixes: ["Ш", "Ч"], window: "39" },
  j: { prefixes: ["Я", "Ц"], window: "40" },
  k: { prefixes: ["ВК", "ВЛ"], window: "45" },
};

export interface E2eOffice {
  services: { group: string; buy: string; refund: string };
  workstation: string;
  operatorCookie: string;
  kioskToken: string;
  boardToken: string;
}

async function ok<T = any>(res: Promise<import("@playwright/test").APIResponse>, status = 201): Promise<T> {
  const r = await res;
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

export async function signInCookie(
  request: APIRequestContext,
  login: string,
  password: string,
): Promise<string> {
  const res = await request.post("/api/v1/auth/login", { data: { login, password } });
  expect(res.status()).toBe(200);
  return res.headers()["set-cookie"]!.split(";")[0]!;
}

/** Signs in as the administrator; `create(url, body)` then POSTs as him and expects a 201. */
export async function adminCreator(request: APIRequestContext) {
  const headers = { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) };
  return (url: string, data: unknown) => ok(request.post(url, { headers, data }));
}

/** Signs in through the login page in a new browser context; the page is left where sign-in leads. */
export async function signInPage(
  browser: Browser,
  login: string,
  password: string,
  options: { lang?: "ru" | "en"; viewport?: { width: number; height: number }; baseURL?: string } = {},
): Promise<Page> {
  const lang = options.lang ?? "ru";
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    // Unset, the project's address applies (an explicit undefined would erase it).
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
  });
  await context.addInitScript((l) => localStorage.setItem("dq.lang", l), lang);
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel(lang === "ru" ? "Логин" : "Login").fill(login);
  await page.getByLabel(lang === "ru" ? "Пароль" : "Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: lang === "ru" ? "Войти" : "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/**
 * An office built through the API as an administrator would: a group with two services, window 3,
 * an operator there, a kiosk and a board. `suffix` keeps several tests' offices apart in one database.
 */
export async function buildOffice(request: APIRequestContext, suffix: string): Promise<E2eOffice> {
  const admin = { headers: { cookie: await signInCookie(request, ADMIN.login, ADMIN.password) } };
  const post = (url: string, data: unknown) => ok(request.post(url, { ...admin, data }));
  const group = await post("/api/v1/services", {
    name: `Билеты ${suffix}`,
    isGroup: true,
    translations: { en: `Tickets ${suffix}` },
  });
  const { prefixes, window: number } = OFFICES[suffix]!;
  const buy = await post("/api/v1/services", {
    name: "Купить билет",
    translations: { en: "Buy a ticket" },
    prefix: prefixes[0],
    parentId: group.id,
    color: "#1e88e5",
  });
  const refund = await post("/api/v1/services", {
    name: "Возврат билета",
    translations: { en: "Ticket refund" },
    prefix: prefixes[1],
    parentId: group.id,
    color: "#43a047",
  });
  const ws = await post("/api/v1/workstations", {
    name: `Окно ${number}`,
    number,
    spokenName: "",
    serviceIds: [buy.id, refund.id],
  });
  const login = `op-${suffix}-${number}`;
  await post("/api/v1/employees", {
    login,
    name: `Оператор ${suffix}`,
    role: "operator",
    password: OPERATOR_PASSWORD,
    serviceIds: [buy.id, refund.id],
  });
  const operatorCookie = await signInCookie(request, login, OPERATOR_PASSWORD);
  await ok(
    request.post("/api/v1/operator/workstation", {
      headers: { cookie: operatorCookie },
      data: { workstationId: ws.id },
    }),
    200,
  );
  const kiosk = await post("/api/v1/devices", {
    kind: "kiosk",
    name: `Киоск ${suffix}`,
    config: { serviceIds: [group.id] },
  });
  const board = await post("/api/v1/devices", {
    kind: "board",
    name: `Табло ${suffix}`,
    config: { workstationNumbers: [number] },
  });
  return {
    services: { group: group.id, buy: buy.id, refund: refund.id },
    workstation: number,
    operatorCookie,
    kioskToken: kiosk.token,
    boardToken: board.token,
  };
}

/** Records what the page asks speech synthesis to say, instead of saying it. */
export const SPEECH_STUB = () => {
  const spoken: string[] = [];
  (window as unknown as { __spoken: string[] }).__spoken = spoken;
  const synth = {
    speak(u: SpeechSynthesisUtterance) {
      spoken.push(u.text);
      setTimeout(() => u.onend?.(new Event("end") as SpeechSynthesisEvent), 20);
    },
    cancel() {},
    getVoices: () => [],
    speaking: false,
    pending: false,
    paused: false,
    addEventListener() {},
    removeEventListener() {},
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  // Printing opens no dialog in tests; count the requests instead.
  (window as unknown as { __printed: number }).__printed = 0;
  window.print = () => {
    (window as unknown as { __printed: number }).__printed++;
  };
};
