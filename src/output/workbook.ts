/** Finished-looking worksheets (SPEC §5): headers, frozen row, filter, widths, formats, totals, print setup. */
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

/** exceljs is loaded when a workbook is first written (it takes 0.2 s; --json and validate never need it). */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'ecops';
  // Fixed, so the same inputs give the same file contents.
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  return wb;
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

function shown(v: ExcelJS.CellValue, format: ColumnFormat | undefined): string {
  if (v && typeof v === 'object' && 'formula' in v) return shown(v.result as ExcelJS.CellValue, format);
  if (v === null || v === undefined) return '';
  if (format === 'datetime') return '2024-05-31 23:59';
  if (format === 'date') return '2024-05-31';
  if (typeof v === 'number' && format === 'money') return v.toLocaleString('en-US', { minimumFractionDigits: 2 });
  return String(v);
}

/**
 * Adds a table sheet. Text from inputs is always a plain string value: exceljs writes strings as text,
 * never as formulas, whatever they start with.
 */
export function addTableSheet<R>(
  wb: ExcelJS.Workbook,
  name: Bilingual,
  lang: Lang,
  columns: SheetColumn<R>[],
  rows: Iterable<R>,
  options: { totalsLabel?: Bilingual } = {},
): ExcelJS.Worksheet & { dataRows: number } {
  const ws = wb.addWorksheet(pick(name, lang), {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  ws.pageSetup.printTitlesRow = '1:1';
  const headers = columns.map((c) => pick(c.header, lang));
  const widths = headers.map((h) => displayWidth(h) + 2);
  ws.addRow(headers);
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: false };
  header.eachCell((cell) => (cell.fill = HEADER_FILL));

  const letters = new Map(columns.map((c, i) => [c.key, columnLetter(i + 1)]));
  let count = 0;
  for (const r of rows) {
    const rowNumber = count + 2;
    const ref = (key: string) => `${letters.get(key)}${rowNumber}`;
    const row = ws.addRow(
      columns.map((c) => {
        const v = cellValue(c.value(r), c.format);
        return c.formula ? { formula: c.formula(ref), result: v as number } : v;
      }),
    );
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const fmt = c.format && NUMBER_FORMATS[c.format];
      if (fmt) cell.numFmt = fmt;
      if (c.alert?.(r)) {
        cell.fill = ALERT_FILL;
        cell.font = ALERT_FONT;
      }
      const w = displayWidth(shown(cell.value, c.format)) + 2;
      if (w > widths[i]) widths[i] = Math.min(w, 60);
    });
    count++;
  }
  const lastRow = count + 1;
  if (columns.some((c) => c.total) && count > 0) {
    const totals = ws.addRow(columns.map(() => null));
    totals.font = { bold: true };
    totals.getCell(1).value = pick(options.totalsLabel ?? { zh: '合计', en: 'Total' }, lang);
    columns.forEach((c, i) => {
      if (!c.total) return;
      const letter = columnLetter(i + 1);
      let sum = 0;
      for (let r = 2; r <= lastRow; r++) {
        const v = ws.getCell(`${letter}${r}`).value;
        if (typeof v === 'number') sum += v;
        else if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') sum += v.result;
      }
      const cell = totals.getCell(i + 1);
      cell.value = { formula: `SUM(${letter}2:${letter}${lastRow})`, result: round(sum, c.format) };
      const fmt = c.format && NUMBER_FORMATS[c.format];
      if (fmt) cell.numFmt = fmt;
    });
  }
  columns.forEach((c, i) => {
    if (c.alertBelow === undefined || count === 0) return;
    const letter = columnLetter(i + 1);
    ws.addConditionalFormatting({
      ref: `${letter}2:${letter}${lastRow}`,
      rules: [{ type: 'cellIs', operator: 'lessThan', formulae: [c.alertBelow], priority: 1, style: { fill: ALERT_FILL, font: ALERT_FONT } }],
    });
  });
  ws.columns.forEach((col, i) => (col.width = widths[i]));
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(lastRow, 1), column: columns.length } };
  return Object.assign(ws, { dataRows: count });
}

/** Cached totals must equal what the formula recomputes: sum money in fen, points in tenths. */
function round(sum: number, format: ColumnFormat | undefined): number {
  if (format === 'money') return Math.round(sum * 100) / 100;
  if (format === 'points' || format === 'number') return Math.round(sum * 10_000) / 10_000;
  return sum;
}

/** The 校验问题 sheet every output workbook carries (SPEC §1.5). */
export function addIssuesSheet(wb: ExcelJS.Workbook, issues: readonly Issue[], lang: Lang): ExcelJS.Worksheet {
  const severity = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } };
  return addTableSheet(wb, { zh: '校验问题', en: 'Issues' }, lang, [
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

export async function saveWorkbook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  await writeAtomically(path, (tmp) => wb.xlsx.writeFile(tmp));
}
