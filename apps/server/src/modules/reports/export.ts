import { PassThrough, type Writable } from "node:stream";
import type { HistoryRow } from "@dq/shared";
import ExcelJS from "exceljs";

export type ExportLang = "ru" | "en";

/** What a column holds: a business day, an instant, a code to put into words, or a value as it is. */
type Kind = "day" | "time" | "outcome" | "closeReason" | "value";

/** The history's columns, in order, with their headings in both languages. */
export const HISTORY_COLUMNS: {
  key: keyof HistoryRow;
  ru: string;
  en: string;
  width: number;
  kind: Kind;
}[] = [
  { key: "businessDay", ru: "День", en: "Day", width: 12, kind: "day" },
  { key: "label", ru: "Талон", en: "Ticket", width: 9, kind: "value" },
  { key: "segment", ru: "Этап", en: "Segment", width: 7, kind: "value" },
  { key: "service", ru: "Услуга", en: "Service", width: 28, kind: "value" },
  { key: "category", ru: "Категория", en: "Category", width: 16, kind: "value" },
  { key: "issuedAt", ru: "Выдан", en: "Issued", width: 20, kind: "time" },
  { key: "enqueuedAt", ru: "В очереди с", en: "Queued at", width: 20, kind: "time" },
  { key: "firstCalledAt", ru: "Вызван", en: "Called", width: 20, kind: "time" },
  { key: "startedAt", ru: "Начало обслуживания", en: "Started", width: 20, kind: "time" },
  { key: "finishedAt", ru: "Окончание", en: "Finished", width: 20, kind: "time" },
  { key: "waitSeconds", ru: "Ожидание, с", en: "Wait, s", width: 11, kind: "value" },
  { key: "serviceSeconds", ru: "Обслуживание, с", en: "Service, s", width: 14, kind: "value" },
  { key: "callCount", ru: "Вызовов", en: "Calls", width: 8, kind: "value" },
  { key: "outcome", ru: "Итог", en: "Outcome", width: 14, kind: "outcome" },
  { key: "closeReason", ru: "Причина закрытия", en: "Close reason", width: 22, kind: "closeReason" },
  { key: "operator", ru: "Оператор", en: "Operator", width: 20, kind: "value" },
  { key: "workstation", ru: "Рабочее место", en: "Workstation", width: 14, kind: "value" },
  { key: "ratingScore", ru: "Оценка", en: "Rating", width: 8, kind: "value" },
  { key: "ratingComment", ru: "Комментарий", en: "Comment", width: 30, kind: "value" },
  // The estimate audit's columns (issue 16), on the first segment of a visit.
  { key: "quotedMinMinutes", ru: "Обещано от, мин", en: "Quoted from, min", width: 14, kind: "value" },
  { key: "quotedMaxMinutes", ru: "Обещано до, мин", en: "Quoted to, min", width: 14, kind: "value" },
  {
    key: "quotedExpectedMinutes",
    ru: "Обещано в среднем, мин",
    en: "Quoted expected, min",
    width: 18,
    kind: "value",
  },
  { key: "actualWaitMinutes", ru: "Ждал до вызова, мин", en: "Actual wait, min", width: 16, kind: "value" },
];

/** The codes in words (a segment without an outcome is still open); a code not listed comes out as it is. */
const WORDS: Record<ExportLang, { outcome: Record<string, string>; closeReason: Record<string, string> }> = {
  ru: {
    outcome: {
      served: "Обслужен",
      no_show: "Не пришёл",
      redirected: "Перенаправлен",
      cancelled: "Отменён",
      open: "Не завершён",
    },
    closeReason: {
      day_closed: "Закрыт в конце дня",
      cancelled_by_client: "Отменён клиентом",
      cancelled_by_staff: "Отменён сотрудником",
      released: "Завершён при уходе сотрудника",
    },
  },
  en: {
    outcome: {
      served: "Served",
      no_show: "Did not come",
      redirected: "Redirected",
      cancelled: "Cancelled",
      open: "Not finished",
    },
    closeReason: {
      day_closed: "Closed at the end of the day",
      cancelled_by_client: "Cancelled by the client",
      cancelled_by_staff: "Cancelled by staff",
      released: "Finished when the employee left",
    },
  },
};

/**
 * Spreadsheets have no timezones: a date cell holds a wall-clock time. This gives, for an instant,
 * the office's wall-clock time as a Date whose UTC fields read it (seconds, no milliseconds). The
 * offset is looked up once per quarter of an hour (every offset and every change of it falls on one).
 */
export function wallClock(timeZone: string): (iso: string) => Date {
  const format = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    ...{ year: "numeric", month: "2-digit", day: "2-digit" },
    ...{ hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
  });
  const offsets = new Map<number, number>();
  const offsetAt = (quarter: number) => {
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      const at = quarter * 900_000;
      const p = Object.fromEntries(format.formatToParts(at).map((x) => [x.type, Number(x.value)]));
      offset = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) - at;
      offsets.set(quarter, offset);
    }
    return offset;
  };
  return (iso) => {
    const ms = Math.floor(Date.parse(iso) / 1000) * 1000;
    return new Date(ms + offsetAt(Math.floor(ms / 900_000)));
  };
}

/** A row's values for a spreadsheet: days and times as wall-clock Dates, codes in words, text defused. */
function exportRows(lang: ExportLang, timeZone: string) {
  const local = wallClock(timeZone);
  const words = WORDS[lang];
  return (r: HistoryRow): (string | number | Date | null)[] =>
    HISTORY_COLUMNS.map((c) => {
      const v = r[c.key];
      switch (c.kind) {
        case "day":
          return new Date(`${v}T00:00:00Z`);
        case "time":
          return v === null ? null : local(String(v));
        case "outcome":
          return neutraliseFormula(words.outcome[v ?? "open"] ?? String(v));
        case "closeReason":
          return v === null ? null : neutraliseFormula(words.closeReason[String(v)] ?? String(v));
        default:
          return neutraliseFormula(v ?? null);
      }
    });
}

/**
 * Defuses CSV/formula injection (OWASP "CSV Injection"): a text cell beginning with `=`, `+`, `-`, `@`,
 * a tab or a carriage return is prefixed with `'` so that spreadsheets show it as text instead of
 * evaluating it. Only strings are touched: numbers (even negative ones) and dates stay as they are.
 */
export function neutraliseFormula<T>(value: T): T | string {
  return typeof value === "string" && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/**
 * A CSV field: a wall-clock Date as `2026-03-02 09:00:00` (or its day alone), quoted where it needs
 * it. With `;` between fields (Russian) a fraction gets the decimal comma, as Excel in a Russian
 * locale reads it (12.5 would become a date there).
 */
function csvCell(value: string | number | Date | null, separator: string, kind: Kind): string {
  if (value === null) return "";
  if (typeof value === "number" && separator === ";") return String(value).replace(".", ",");
  if (value instanceof Date)
    return value
      .toISOString()
      .slice(0, kind === "day" ? 10 : 19)
      .replace("T", " ");
  const s = String(value);
  return s.includes(separator) || /["\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * CSV (RFC 4180 but for the separator), UTF-8 with a BOM so that Excel reads Cyrillic, written chunk by
 * chunk. Russian uses `;`, what Excel in a Russian locale (where `,` is the decimal comma) splits on;
 * English keeps `,`. Times are the office's, as `YYYY-MM-DD hh:mm:ss`, which Excel reads as a date.
 */
export async function writeCsv(
  out: Writable,
  chunks: AsyncIterable<HistoryRow[]>,
  lang: ExportLang,
  timeZone: string,
) {
  const sep = lang === "ru" ? ";" : ",";
  const line = (values: (string | number | Date | null)[]) =>
    values.map((v, i) => csvCell(v, sep, HISTORY_COLUMNS[i]!.kind)).join(sep);
  const toValues = exportRows(lang, timeZone);
  out.write(`\uFEFF${line(HISTORY_COLUMNS.map((c) => c[lang]))}\r\n`);
  for await (const rows of chunks) {
    const text = rows.map((r) => line(toValues(r))).join("\r\n");
    if (!out.write(`${text}\r\n`)) await new Promise((r) => out.once("drain", r));
  }
  out.end();
}

const DATE_FORMATS: Record<ExportLang, { day: string; time: string }> = {
  ru: { day: "dd.mm.yyyy", time: "dd.mm.yyyy hh:mm:ss" },
  en: { day: "yyyy-mm-dd", time: "yyyy-mm-dd hh:mm:ss" },
};

/**
 * XLSX through exceljs's streaming writer: rows are committed as they come, not held in memory. Days
 * and times are date cells (the office's wall-clock time) with a date format, figures are numbers.
 */
export async function writeXlsx(
  out: Writable,
  chunks: AsyncIterable<HistoryRow[]>,
  lang: ExportLang,
  timeZone: string,
) {
  const stream = new PassThrough();
  stream.pipe(out);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  const sheet = workbook.addWorksheet(lang === "ru" ? "Талоны" : "Tickets");
  sheet.columns = HISTORY_COLUMNS.map((c) => ({ header: c[lang], key: c.key, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const toValues = exportRows(lang, timeZone);
  const formats = DATE_FORMATS[lang];
  for await (const rows of chunks) {
    for (const r of rows) {
      const row = sheet.addRow(toValues(r));
      HISTORY_COLUMNS.forEach((c, i) => {
        if (c.kind === "day" || c.kind === "time") row.getCell(i + 1).numFmt = formats[c.kind];
      });
      row.commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}
