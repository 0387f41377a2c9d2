import ExcelJS from "exceljs";
import { expect } from "vitest";
import type { TestContext } from "./test-app.ts";

/** The tickets export of a period as XLSX (answered 200), and its one sheet ("Tickets" or «Талоны»). */
export async function ticketsSheet(
  ctx: TestContext,
  period: string,
  cookie: string,
  lang: "ru" | "en" = "en",
): Promise<ExcelJS.Worksheet> {
  const res = await ctx.app.inject({
    method: "GET",
    url: `/api/v1/reports/tickets?${period}&format=xlsx&lang=${lang}`,
    headers: { cookie },
  });
  expect(res.statusCode).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return book.getWorksheet(lang === "ru" ? "Талоны" : "Tickets")!;
}
