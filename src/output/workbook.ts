/** Finished-looking worksheets (SPEC §5): headers, frozen row, filter, widths, formats, totals, print setup. */
import { createWriteStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import type { Bilingual, Lang } from '../core/lang.js';
import type { Issue } from '../core/issues.js';
import type { Wall } from '../core/time.js';
import { writeAtomically } from './files.js';
import { displayWidth, pick } from './text.js';

export type ColumnFormat = 'text' | 'int' | 'number' | 'points' | 'money' | 'datetime' | 'date' | 'percent' | 'bool';

export interface SheetColumn<R> {
  header: Bilingual;
  /** Names the column for other columns' formulas. */
  key?: string;
  format?: ColumnFormat;
  value: (row: R) => string | number | boolean | Wall | null | undefined;
  /**
   * Makes the cell a live formula whose cached result is `value`; `ref(key)` is the address of
   * another column's cell on the same row, e.g. `ref('qty') + '*' + ref('cost')`.
   */
  formula?: (ref: (key: string) => string) => string;
  /** Sum this column in a totals row (a live SUM formula with its cached value). */
  total?: boolean;
  /** Highlight cells for which this holds (a fixed fill, for flags decided here). */
  alert?: (row: R) => boolean;
  /** Highlight, by Excel conditional formatting, the cells below this value (failed scores, shortages). */
  alertBelow?: number;
  /** Mark, by Excel conditional formatting, the cells at or above this value in green (excellent scores). */
  goodFrom?: number;
}

const NUMBER_FORMATS: Partial<Record<ColumnFormat, string>> = {
  int: '0',
  number: '0.####',
  points: '0.0',
  money: '#,##0.00',
  datetime: 'yyyy-mm-dd hh:mm',
  date: 'yyyy-mm-dd',
  percent: '0.0%',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const ALERT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const ALERT_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };
const GOOD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } };
const GOOD_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF006100' } };

/** A workbook written as it is built (exceljs's streaming writer): each sheet goes to the file as its rows are added. */
export type ReportWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** Fixed, so the same inputs give the same file contents. */
const CREATED = new Date(Date.UTC(2000, 0, 1));

/** exceljs is loaded when a workbook is first written (it takes 0.2 s; --json and validate never need it). */
async function exceljs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/** An in-memory workbook, for copies that change cells anywhere (annotate.ts); reports use writeWorkbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'ecops';
  wb.created = wb.modified = CREATED;
  return wb;
}

export async function saveWorkbook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  await writeAtomically(path, (tmp) => wb.xlsx.writeFile(tmp));
}

/**
 * Writes the workbook `build` adds sheets to, atomically, streaming: a big month's detail sheets are never held
 * whole (held, exceljs's model of close's 20,000-SKU workbooks took ~450 MB).
 */
export async function writeWorkbook(path: string, build: (wb: ReportWorkbook) => Promise<void>): Promise<void> {
  const Excel = await exceljs();
  await writeAtomically(path, async (tmp) => {
    const file = createWriteStream(tmp);
    // The writer listens for errors only when it finishes: one when opening the file would go unhandled.
    const closed = new Promise<void>((resolve, reject) => file.on('error', reject).on('close', resolve));
    const wb = new Excel.stream.xlsx.WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: true });
    wb.creator = 'ecops';
    wb.created = wb.modified = CREATED;
    const written = build(wb).then(() => wb.commit());
    written.catch(() => {}); // when the file fails first, its error is the one reported
    try {
      await Promise.race([written, closed]);
      await closed;
    } catch (err) {
      file.destroy();
      throw err;
    }
  });
}

function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

function cellValue(v: ReturnType<SheetColumn<unknown>['value']>, format: ColumnFormat | undefined): ExcelJS.CellValue {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
  if ((format === 'datetime' || format === 'date') && typeof v === 'number') return new Date(v);
  if (format === 'bool' && typeof v === 'boolean') return v ? '是' : '否';
  return v as ExcelJS.CellValue;
}

/** Built once: `toLocaleString` builds a formatter on every call (3.7 s for a 20,000-SKU inventory sheet). */
const MONEY = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2 });

function shown(v: ExcelJS.CellValue, format: ColumnFormat | undefined): string {
  if (v && typeof v === 'object' && 'formula' in v) return shown(v.result as ExcelJS.CellValue, format);
  if (v === null || v === undefined) return '';
  if (format === 'datetime') return '2024-05-31 23:59';
  if (format === 'date') return '2024-05-31';
  if (typeof v === 'number' && format === 'money') return MONEY.format(v);
  return String(v);
}

/** Rows written between turns of the event loop, in which the zip stream takes them on to the file. */
const ROWS_PER_TURN = 2000;

/**
 * Adds a table sheet and writes it out: header, rows, totals (live SUM formulas with cached values), then
 * `footer` rows (a sign-off block). Text from inputs is always a plain string value: exceljs writes strings as
 * text, never as formulas, whatever they start with.
 */
export async function addTableSheet<R>(
  wb: ReportWorkbook,
  name: Bilingual,
  lang: Lang,
  columns: SheetColumn<R>[],
  rows: readonly R[],
  options: { totalsLabel?: Bilingual; footer?: string[][] } = {},
): Promise<void> {
  const ws = wb.addWorksheet(pick(name, lang), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  ws.pageSetup.printTitlesRow = '1:1';
  const headers = columns.map((c) => pick(c.header, lang));
  // The widths go to the file before the first row does: one pass to measure them, one to write the rows.
  const widths = headers.map((h) => displayWidth(h) + 2);
  for (const r of rows) {
    columns.forEach((c, i) => {
      const w = Math.min(displayWidth(shown(cellValue(c.value(r), c.format), c.format)) + 2, 60);
      if (w > widths[i]) widths[i] = w;
    });
  }
  ws.columns = widths.map((width) => ({ width }));
  const header = ws.addRow(headers);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: false };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));
  header.commit();

  const letters = new Map(columns.map((c, i) => [c.key, columnLetter(i + 1)]));
  const sums = columns.map(() => 0);
  // One style object per column, and one for its flagged cells: exceljs's writer knows a style it has seen by the
  // object, so shared ones cost nothing per cell (a fresh one per cell was a third of writing a sheet).
  const plain = columns.map((c): Partial<ExcelJS.Style> => (c.format && NUMBER_FORMATS[c.format] ? { numFmt: NUMBER_FORMATS[c.format] } : {}));
  const flagged = plain.map((style) => ({ ...style, fill: ALERT_FILL, font: ALERT_FONT }));
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n];
    const ref = (key: string) => `${letters.get(key)}${n + 2}`;
    const row = ws.addRow(
      columns.map((c, i) => {
        const v = cellValue(c.value(r), c.format);
        if (c.total && typeof v === 'number') sums[i] += v;
        return c.formula ? { formula: c.formula(ref), result: v as number } : v;
      }),
    );
    columns.forEach((c, i) => (row.getCell(i + 1).style = c.alert?.(r) ? flagged[i] : plain[i]));
    row.commit();
    if (n % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn();
  }
  const lastRow = rows.length + 1;
  if (columns.some((c) => c.total) && rows.length > 0) {
    const totals = ws.addRow(columns.map(() => null));
    totals.font = { bold: true };
    totals.getCell(1).value = pick(options.totalsLabel ?? { zh: '合计', en: 'Total' }, lang);
    columns.forEach((c, i) => {
      if (!c.total) return;
      const letter = columnLetter(i + 1);
      const cell = totals.getCell(i + 1);
      cell.value = { formula: `SUM(${letter}2:${letter}${lastRow})`, result: round(sums[i], c.format) };
      const fmt = c.format && NUMBER_FORMATS[c.format];
      if (fmt) cell.numFmt = fmt;
    });
    totals.commit();
  }
  for (const cells of options.footer ?? []) ws.addRow(cells).commit();
  columns.forEach((c, i) => {
    if (rows.length === 0) return;
    const ref = `${columnLetter(i + 1)}2:${columnLetter(i + 1)}${lastRow}`;
    if (c.alertBelow !== undefined) {
      ws.addConditionalFormatting({
        ref,
        rules: [{ type: 'cellIs', operator: 'lessThan', formulae: [c.alertBelow], priority: 1, style: { fill: ALERT_FILL, font: ALERT_FONT } }],
      });
    }
    if (c.goodFrom !== undefined) {
      ws.addConditionalFormatting({
        ref,
        // Excel's operator; exceljs passes it through but its types list only some of them.
        rules: [{ type: 'cellIs', operator: 'greaterThanOrEqual' as 'greaterThan', formulae: [c.goodFrom], priority: 2, style: { fill: GOOD_FILL, font: GOOD_FONT } }],
      });
    }
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastRow, column: columns.length } };
  ws.commit();
}

/** Cached totals must equal what the formula recomputes: sum money in fen, points in tenths. */
function round(sum: number, format: ColumnFormat | undefined): number {
  if (format === 'money') return Math.round(sum * 100) / 100;
  if (format === 'points' || format === 'number') return Math.round(sum * 10_000) / 10_000;
  return sum;
}

/** The 校验问题 sheet every output workbook carries (SPEC §1.5). */
export async function addIssuesSheet(wb: ReportWorkbook, issues: readonly Issue[], lang: Lang): Promise<void> {
  const severity = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } };
  await addTableSheet(wb, { zh: '校验问题', en: 'Issues' }, lang, [
    { header: { zh: '级别', en: 'severity' }, value: (i) => pick(severity[i.severity], lang), alert: (i) => i.severity === 'error' },
    { header: { zh: '代码', en: 'code' }, value: (i) => i.code },
    { header: { zh: '文件', en: 'file' }, value: (i) => i.file },
    { header: { zh: '工作表', en: 'sheet' }, value: (i) => i.sheet },
    { header: { zh: '行', en: 'row' }, format: 'int', value: (i) => i.row },
    { header: { zh: '列', en: 'column' }, value: (i) => i.column },
    { header: { zh: '值', en: 'value' }, value: (i) => i.value },
    { header: { zh: '说明', en: 'message' }, value: (i) => pick(i.message, lang) },
  ], issues);
}
