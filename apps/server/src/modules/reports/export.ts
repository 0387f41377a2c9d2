import { PassThrough, type Writable } from "node:stream";
import type { HistoryRow } from "@dq/shared";
import ExcelJS from "exceljs";

/** The history's columns, in order, with their headings in both languages. */
export const HISTORY_COLUMNS: { key: keyof HistoryRow; ru: string; en: string; width: number }[] = [
  { key: "businessDay", ru: "День", en: "Day", width: 12 },
  { key: "label", ru: "Талон", en: "Ticket", width: 9 },
  { key: "segment", ru: "Этап", en: "Segment", width: 7 },
  { key: "service", ru: "Услуга", en: "Service", width: 28 },
  { key: "category", ru: "Категория", en: "Category", width: 16 },
  { key: "issuedAt", ru: "Выдан", en: "Issued", width: 22 },
  { key: "enqueuedAt", ru: "В очереди с", en: "Queued at", width: 22 },
  { key: "firstCalledAt", ru: "Вызван", en: "Called", width: 22 },
  { key: "startedAt", ru: "Начало обслуживания", en: "Started", width: 22 },
  { key: "finishedAt", ru: "Окончание", en: "Finished", width: 22 },
  { key: "waitSeconds", ru: "Ожидание, с", en: "Wait, s", width: 11 },
  { key: "serviceSeconds", ru: "Обслуживание, с", en: "Service, s", width: 14 },
  { key: "callCount", ru: "Вызовов", en: "Calls", width: 8 },
  { key: "outcome", ru: "Итог", en: "Outcome", width: 12 },
  { key: "closeReason", ru: "Причина закрытия", en: "Close reason", width: 16 },
  { key: "operator", ru: "Оператор", en: "Operator", width: 20 },
  { key: "workstation", ru: "Рабочее место", en: "Workstation", width: 14 },
  { key: "ratingScore", ru: "Оценка", en: "Rating", width: 8 },
  { key: "ratingComment", ru: "Комментарий", en: "Comment", width: 30 },
];

/**
 * Defuses CSV/formula injection (OWASP "CSV Injection"): a text cell beginning with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is prefixed with `'` so that spreadsheets show it as text instead of
 * evaluating it. Only strings are touched: numbers (even negative ones) and dates stay as they are.
 */
export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const s = String(neutraliseFormula(value));
  return /[",\r\n;]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV (RFC 4180, UTF-8 with a BOM so that Excel reads Cyrillic), written chunk by chunk. */
export async function writeCsv(out: Writable, chunks: AsyncIterable<HistoryRow[]>, lang: "ru" | "en") {
  out.write(`\uFEFF${HISTORY_COLUMNS.map((c) => csvCell(c[lang])).join(",")}\r\n`);
  for await (const rows of chunks) {
    const text = rows.map((r) => HISTORY_COLUMNS.map((c) => csvCell(r[c.key])).join(",")).join("\r\n");
    if (!out.write(`${text}\r\n`)) await new Promise((r) => out.once("drain", r));
  }
  out.end();
}

/** XLSX through exceljs's streaming writer: rows are committed as they come, not held in memory. */
export async function writeXlsx(out: Writable, chunks: AsyncIterable<HistoryRow[]>, lang: "ru" | "en") {
  const stream = new PassThrough();
  stream.pipe(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = workbook.addWorksheet(lang === "ru" ? "Талоны" : "Tickets");
  sheet.columns = HISTORY_COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  for await (const rows of chunks) {
    for (const r of rows)
      sheet.addRow(HISTORY_COLUMNS.map((c) => neutraliseFormula(r[c.key] ?? null))).commit();
  }
  sheet.commit();
  await workbook.commit();
}
