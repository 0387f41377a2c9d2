import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { issue, type Office, operatorAction, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * The estimate audit on a scripted morning (Tuesday 3 March 2026, Moscow, from 08:00). Every ticket
 * is issued at 08:00; its quote at issue is set by SQL right after (the recorded promise is what the
 * report audits, whichever predictor made it). Minutes below are from 08:00.
 *
 *   ticket      quoted min–max (expected)  called  actual  error   where        width
 *   A1 buy      2–6   (4.0)                5       5       +1      inside        4
 *   A2 buy      5–10  (7.5)                10      10      +2.5    inside (= max) 5
 *   A3 buy      8–14  (11.0)               20      20      +9      above: under  6
 *   A4 buy      no quote                   3       —       excluded
 *   B1 refund   4–9   (6.5)                3       3       −3.5    below         5
 *   B2 refund   6–12  (9.0)                8       8       −1      inside        6  (then redirected to buy)
 *   B3 refund   10–16 (13.0)               never           excluded
 *
 * All five: MAE (1 + 2.5 + 9 + 3.5 + 1) / 5 = 3.4; bias (1 + 2.5 + 9 − 3.5 − 1) / 5 = 1.6;
 *   coverage 3/5 = 0.6; under 1/5 = 0.2; widths 4 5 5 6 6 → median 5.
 * Buy (A1–A3): MAE = bias = 12.5 / 3 = 4.1667 → 4.17; coverage 2/3 → 0.6667; under 1/3 → 0.3333;
 *   widths 4 5 6 → 5.
 * Refund (B1, B2; B2 counts here, the service its quote was about): MAE 4.5 / 2 = 2.25;
 *   bias −2.25; coverage 0.5; under 0; widths 5 6 → 5.5.
 */
let ctx: TestContext;
let office: Office;
const START = Date.parse("2026-03-03T05:00:00Z");
const clock = new TestClock(new Date(START));
const at = (minute: number) => {
  clock.now = new Date(START + minute * 60_000);
};
const DAY = "from=2026-03-03&to=2026-03-03";
const tickets: Record<string, { id: string; label: string }> = {};

type Quote = [min: number, max: number, expected: number] | null;

async function quote(ticketId: string, q: Quote) {
  await sql`
    update tickets set quoted_min_minutes = ${q?.[0] ?? null}, quoted_max_minutes = ${q?.[1] ?? null},
      quoted_expected_minutes = ${q?.[2] ?? null}
    where id = ${ticketId}
  `.execute(ctx.database.db);
}

setUpOffice({ clock }, async (c, o) => {
  ctx = c;
  office = o;
  const { anna, boris } = office.operators;
  const { buy, refund } = office.services;
  /** Called, started and finished at once by `cookie` (or only called and started: `finish` false). */
  const serve = async (cookie: string, name: string, finish = true) => {
    const id = tickets[name]!.id;
    await operatorAction(ctx, cookie, `tickets/${id}/call`);
    await operatorAction(ctx, cookie, `tickets/${id}/start`);
    if (finish) await operatorAction(ctx, cookie, `tickets/${id}/finish`);
  };

  at(0);
  await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
  await takeWorkstation(ctx, boris.cookie, office.workstations.w2);
  const quotes: [string, string, Quote][] = [
    ["A1", buy, [2, 6, 4]],
    ["A2", buy, [5, 10, 7.5]],
    ["A3", buy, [8, 14, 11]],
    ["A4", buy, null],
    ["B1", refund, [4, 9, 6.5]],
    ["B2", refund, [6, 12, 9]],
    ["B3", refund, [10, 16, 13]],
  ];
  for (const [name, serviceId, q] of quotes) {
    const t = await issue(ctx, office, serviceId);
    tickets[name] = { id: t.id, label: t.label };
    await quote(t.id, q);
  }
  at(3);
  await serve(anna.cookie, "A4");
  await serve(boris.cookie, "B1");
  at(5);
  await serve(anna.cookie, "A1");
  at(8);
  await serve(boris.cookie, "B2", false);
  at(9);
  await operatorAction(ctx, boris.cookie, `tickets/${tickets.B2!.id}/redirect`, { serviceId: buy });
  at(10);
  await serve(anna.cookie, "A2");
  at(20);
  await serve(boris.cookie, "A3");
  at(30);
});

const get = async (path: string) => {
  const res = await ctx.request("GET", path, { cookie: office.supervisor.cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe("the estimate audit", () => {
  it("gives the morning's figures exactly, overall and per service (sorted by name)", async () => {
    const r = await get(`/api/v1/reports/estimates?${DAY}`);
    expect(r).toEqual({
      count: 5,
      maeMinutes: 3.4,
      biasMinutes: 1.6,
      coverage: 0.6,
      underShare: 0.2,
      medianWidthMinutes: 5,
      byService: [
        {
          serviceId: office.services.refund,
          name: "Возврат",
          count: 2,
          maeMinutes: 2.25,
          biasMinutes: -2.25,
          coverage: 0.5,
          underShare: 0,
          medianWidthMinutes: 5.5,
        },
        {
          serviceId: office.services.buy,
          name: "Купить билет",
          count: 3,
          maeMinutes: 4.17,
          biasMinutes: 4.17,
          coverage: 0.6667,
          underShare: 0.3333,
          medianWidthMinutes: 5,
        },
      ],
    });
  });

  it("filters by service; an empty period gives nulls", async () => {
    const refund = await get(`/api/v1/reports/estimates?${DAY}&serviceId=${office.services.refund}`);
    expect(refund).toMatchObject({ count: 2, maeMinutes: 2.25, biasMinutes: -2.25, coverage: 0.5 });
    expect(refund.byService).toHaveLength(1);
    expect(await get("/api/v1/reports/estimates?from=2026-03-02&to=2026-03-02")).toEqual({
      count: 0,
      maeMinutes: null,
      biasMinutes: null,
      coverage: null,
      underShare: null,
      medianWidthMinutes: null,
      byService: [],
    });
  });

  it("answers 400 to a bad date and 403 to an operator", async () => {
    const bad = await ctx.request("GET", "/api/v1/reports/estimates?from=2026-03-32&to=2026-03-03", {
      cookie: office.supervisor.cookie,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe("query.from");
    const operator = await ctx.request("GET", `/api/v1/reports/estimates?${DAY}`, {
      cookie: office.operators.anna.cookie,
    });
    expect(operator.status).toBe(403);
  });
});

describe("the ticket history's quote columns", () => {
  const columns = (r: Record<string, unknown>) => ({
    label: r.label,
    segment: r.segment,
    quotedMinMinutes: r.quotedMinMinutes,
    quotedMaxMinutes: r.quotedMaxMinutes,
    quotedExpectedMinutes: r.quotedExpectedMinutes,
    actualWaitMinutes: r.actualWaitMinutes,
  });

  it("JSON: the quote at issue and the wait to the first call, on the first segment only", async () => {
    const items = (await get(`/api/v1/reports/tickets?${DAY}&limit=100`)).items;
    const row = (label: string, segment = 1) =>
      columns(
        items.find((r: { label: string; segment: number }) => r.label === label && r.segment === segment),
      );
    const { A1, A2, A4, B2, B3 } = tickets;
    expect(row(A1!.label)).toEqual(columns({ label: A1!.label, segment: 1, ...quoted(2, 6, 4, 5) }));
    expect(row(A2!.label)).toEqual(columns({ label: A2!.label, segment: 1, ...quoted(5, 10, 7.5, 10) }));
    expect(row(A4!.label)).toEqual(columns({ label: A4!.label, segment: 1, ...quoted(null, null, null, 3) }));
    expect(row(B3!.label)).toEqual(columns({ label: B3!.label, segment: 1, ...quoted(10, 16, 13, null) }));
    expect(row(B2!.label)).toEqual(columns({ label: B2!.label, segment: 1, ...quoted(6, 12, 9, 8) }));
    // After the redirect: no promise of its own, nothing counted twice.
    expect(row(B2!.label, 2)).toEqual(
      columns({ label: B2!.label, segment: 2, ...quoted(null, null, null, null) }),
    );
  });

  it("CSV: four headings at the end; a fraction with the decimal comma in Russian, a point in English", async () => {
    const download = async (lang: string) => {
      const res = await ctx.app.inject({
        method: "GET",
        url: `/api/v1/reports/tickets?${DAY}&format=csv&lang=${lang}`,
        headers: { cookie: office.supervisor.cookie },
      });
      expect(res.statusCode).toBe(200);
      return res.rawPayload.toString("utf8").split("\r\n");
    };
    const ruLines = await download("ru");
    expect(ruLines[0]!.split(";").slice(-4)).toEqual([
      "Обещано от, мин",
      "Обещано до, мин",
      "Обещано в среднем, мин",
      "Ждал до вызова, мин",
    ]);
    const a2 = ruLines.find((l) => l.includes(`;${tickets.A2!.label};1;`))!;
    expect(a2.split(";").slice(-4)).toEqual(["5", "10", "7,5", "10"]);
    const enLines = await download("en");
    expect(
      enLines[0]!.endsWith(',"Quoted from, min","Quoted to, min","Quoted expected, min","Actual wait, min"'),
    ).toBe(true);
    const a2en = enLines.find((l) => l.includes(`,${tickets.A2!.label},1,`))!;
    expect(a2en.split(",").slice(-4)).toEqual(["5", "10", "7.5", "10"]);
  });
});

function quoted(min: number | null, max: number | null, expected: number | null, actual: number | null) {
  return {
    quotedMinMinutes: min,
    quotedMaxMinutes: max,
    quotedExpectedMinutes: expected,
    actualWaitMinutes: actual,
  };
}
