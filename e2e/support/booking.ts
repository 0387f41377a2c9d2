import { type APIRequestContext, type Browser, expect, type Page, test } from "@playwright/test";

/** Open every day around the clock: the e2e server runs on the real clock, at any hour. */
export const ALL_WEEK = Object.fromEntries(
  ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, [{ from: "00:00", to: "24:00" }]]),
);

/** The office's wall clock, "HH:MM", of an instant written with the office's offset ("…T10:05:00+03:00"). */
export const wallClock = (iso: string) => iso.slice(11, 16);

/** The office's timezone, as the booking pages get it. */
export async function officeTimeZone(request: APIRequestContext): Promise<string> {
  const res = await request.get("/api/v1/booking/services");
  expect(res.status()).toBe(200);
  return (await res.json()).branch.timezone as string;
}

/**
 * In the last ten minutes of the office's day, waits for the next one: today's last slots may be
 * too close to book, and the check-in, the call and the day's list should fall on one day.
 */
export async function notAtMidnight(timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date());
  const part = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const secondsIntoDay = part("hour") * 3600 + part("minute") * 60 + part("second");
  const left = 24 * 3600 - secondsIntoDay;
  if (left > 600) return;
  test.setTimeout(test.info().timeout + (left + 5) * 1000);
  await new Promise((r) => setTimeout(r, (left + 5) * 1000));
}

/** A phone-sized page in the given language (the visitor's own phone). */
export async function phonePage(browser: Browser, lang: "ru" | "en" = "ru"): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
  await context.addInitScript((l) => localStorage.setItem("dq.lang", l), lang);
  return context.newPage();
}

/**
 * On `/book`'s time step: the first free time that starts at least `marginMs` from now (one about to
 * start could be gone by the time the form is sent); returns its start as the page has it.
 */
export async function firstFreeTime(page: Page, marginMs = 90_000): Promise<string> {
  const times = page.locator("button[data-start]:enabled");
  await expect(times.first()).toBeVisible();
  const starts = await times.evaluateAll((buttons) => buttons.map((b) => b.getAttribute("data-start")!));
  const start = starts.find((s) => Date.parse(s) - Date.now() >= marginMs);
  expect(start, `a free time ${marginMs / 1000} s ahead among ${starts.join(", ")}`).toBeDefined();
  return start!;
}

/** Books through the API, as another visitor (or a staff member, with the request's cookies) would. */
export async function bookThroughApi(
  request: APIRequestContext,
  body: { serviceId: string; start: string; name: string; phone: string },
) {
  const res = await request.post("/api/v1/appointments", { data: body });
  expect(res.status(), await res.text()).toBe(201);
  return res.json() as Promise<{ code: string; start: string }>;
}
