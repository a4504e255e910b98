/**
 * Workbooks as documents people print, sign and file. How to use these primitives:
 *
 *   await writeWorkbook(path, async (wb) => {
 *     await addTableSheet(wb, { zh: '报损单', en: 'Losses' }, lang, columns, rows, {
 *       signOff: SIGN_OFF.finance,            // 制表/仓库主管/财务审核, printed under the table
 *     });
 *   }, { company: regulation.company, period: periodTitle(month, lang) });
 *
 * - `writeWorkbook(path, build, doc)`: with `doc` (company and period) every sheet opens with a title block —
 *   company and document name, the period, 制表时间 (the real time; also the document properties), and
 *   `doc.lines` / a sheet's `lines` (as-of, coverage) — and prints with the company and document in the page
 *   header and 第 &P 页 / 共 &N 页 in the footer. Without `doc` (templates) sheets start with their header row.
 * - `addTableSheet`: a streamed table (exceljs WorkbookWriter, rows written as they come): header row frozen,
 *   filtered and repeated on every printed page; thin borders; A4 landscape (or `portrait`), fit to the page
 *   width with column widths bounded so the print is never shrunk below ~70 % (long text wraps instead);
 *   `total: true` columns summed by SUBTOTAL(109, …) (a filtered list shows its own total) with cached values;
 *   `summary` rows for other live formulas (平均分, 及格率); a sign-off block.
 * - `openDocumentSheet` + `writeSignOff` + `styled` for free-form sheets (one page per person and the like).
 * - `periodTitle` prints a month, ISO week or day as people write it: 2024年5月, 2024年第21周（5月20日–5月26日）.
 */
import { createWriteStream } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import type { Bilingual, Lang } from '../core/lang.js';
import { ISSUE_TYPES, type Issue } from '../core/issues.js';
import { DAY, type Wall } from '../core/time.js';
import { writeAtomically } from './files.js';
import { displayWidth, pick } from './text.js';

export type ColumnFormat = 'text' | 'int' | 'number' | 'cost' | 'points' | 'money' | 'datetime' | 'date' | 'percent' | 'bool';

export interface SheetColumn<R> {
  header: Bilingual;
  /** Names the column for other columns' formulas and for `summary` rows. */
  key?: string;
  format?: ColumnFormat;
  value: (row: R) => string | number | boolean | Wall | null | undefined;
  /**
   * Makes the cell a live formula whose cached result is `value`; `ref(key)` is the address of
   * another column's cell on the same row, e.g. `ref('qty') + '*' + ref('cost')`.
   */
  formula?: (ref: (key: string) => string) => string;
  /** Sum this column in a totals row (a live SUBTOTAL(109, …) with its cached value). */
  total?: boolean;
  /** Highlight cells for which this holds (a fixed fill, for flags decided here). */
  alert?: (row: R) => boolean;
  /** A second, amber highlight (盘盈 beside red 盘亏, warnings beside errors). */
  notice?: (row: R) => boolean;
  /** Highlight, by Excel conditional formatting, the cells below this value (failed scores, shortages). */
  alertBelow?: number;
  /** Mark, by Excel conditional formatting, the cells at or above this value in green (excellent scores). */
  goodFrom?: number;
  /** Long text: at most this wide (in characters, CJK counting two), wrapped onto more lines. */
  wrap?: number;
}

const NUMBER_FORMATS: Partial<Record<ColumnFormat, string>> = {
  int: '0',
  number: '0.####',
  /** Unit costs: always 4 decimals, so they line up. */
  cost: '#,##0.0000',
  points: '0.0',
  money: '#,##0.00',
  datetime: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
  percent: '0.0%',
};

/** One named font everywhere: a bold cell without a name prints in LibreOffice's serif fallback. */
export const FONT_NAME = '等线';
const FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 11, charset: 134 };
const BOLD: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 11, bold: true, charset: 134 };
const TITLE_FONT: Partial<ExcelJS.Font> = { name: FONT_NAME, size: 16, bold: true, charset: 134 };
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF808080' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const ALERT_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const ALERT_FONT: Partial<ExcelJS.Font> = { ...FONT, color: { argb: 'FF9C0006' } };
const GOOD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } };
const GOOD_COLOR = { argb: 'FF006100' };
const NOTICE_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } };
const NOTICE_FONT: Partial<ExcelJS.Font> = { ...FONT, color: { argb: 'FF9C5700' } };

/** Cell styles for free-form sheets (openDocumentSheet); the same objects the tables use. */
export const styled = {
  text: { font: FONT, border: BORDER, alignment: { vertical: 'top', wrapText: true } } as Partial<ExcelJS.Style>,
  bold: { font: BOLD, border: BORDER, alignment: { vertical: 'top', wrapText: true } } as Partial<ExcelJS.Style>,
  header: { font: BOLD, border: BORDER, fill: HEADER_FILL, alignment: { vertical: 'middle', horizontal: 'center', wrapText: true } } as Partial<ExcelJS.Style>,
  plain: { font: FONT } as Partial<ExcelJS.Style>,
  /** A bold line of its own (no border). */
  heading: { font: BOLD, alignment: { vertical: 'middle' } } as Partial<ExcelJS.Style>,
  /** A cell of `format` (numbers, dates) with a border. */
  format(format: ColumnFormat | undefined, font: Partial<ExcelJS.Font> = FONT): Partial<ExcelJS.Style> {
    const numFmt = format && NUMBER_FORMATS[format];
    return { font, border: BORDER, ...(numFmt ? { numFmt } : {}), alignment: { vertical: 'top', wrapText: format === undefined || format === 'text' } };
  },
};

/** A workbook written as it is built (exceljs's streaming writer): each sheet goes to the file as its rows are added. */
export type ReportWorkbook = ExcelJS.stream.xlsx.WorkbookWriter;

/** What a workbook's title blocks say: given to writeWorkbook, read by every sheet added to it. */
export interface DocumentInfo {
  /** `company:` of the regulation file. */
  company: string;
  /** The period as printed (periodTitle). */
  period: string;
  /** Lines under every sheet's title, e.g. 数据截至 2024-05-31 23:59:59. */
  lines?: string[];
}

const DOCUMENTS = new WeakMap<ReportWorkbook, DocumentInfo & { made: Date }>();

/** exceljs is loaded when a workbook is first written (it takes 0.2 s; --json and validate never need it). */
async function exceljs(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

/**
 * exceljs's streaming writer alone, the same class as `ExcelJS.stream.xlsx.WorkbookWriter`: the package's entry
 * also loads its readers (unzipper), the in-memory workbook (JSZip) and its CSV support, which takes as long again
 * as the writer. (exceljs has no `exports` map; its lib/ layout is fixed in the 4.x line package.json allows.)
 */
async function workbookWriter(): Promise<typeof ExcelJS.stream.xlsx.WorkbookWriter> {
  const path: string = 'exceljs/lib/stream/xlsx/workbook-writer.js'; // a variable: the file has no type declarations
  return ((await import(path)) as { default: typeof ExcelJS.stream.xlsx.WorkbookWriter }).default;
}

/** An in-memory workbook, for copies that change cells anywhere (annotate.ts); reports use writeWorkbook. */
export async function newWorkbook(company?: string): Promise<ExcelJS.Workbook> {
  const wb = new (await exceljs()).Workbook();
  wb.creator = 'ecops';
  wb.created = wb.modified = new Date();
  if (company) wb.company = company;
  return wb;
}

export async function saveWorkbook(wb: ExcelJS.Workbook, path: string): Promise<void> {
  await writeAtomically(path, (tmp) => wb.xlsx.writeFile(tmp));
}

/**
 * Writes the workbook `build` adds sheets to, atomically, streaming: a big month's detail sheets are never held
 * whole (held, exceljs's model of close's 20,000-SKU workbooks took ~450 MB). With `doc`, every sheet is a
 * titled document (see the top of this file).
 */
export async function writeWorkbook(path: string, build: (wb: ReportWorkbook) => Promise<void>, doc?: DocumentInfo): Promise<void> {
  const WorkbookWriter = await workbookWriter();
  await writeAtomically(path, async (tmp) => {
    const file = createWriteStream(tmp);
    // The writer listens for errors only when it finishes: one when opening the file would go unhandled.
    const closed = new Promise<void>((resolve, reject) => file.on('error', reject).on('close', resolve));
    const wb = new WorkbookWriter({ stream: file, useStyles: true, useSharedStrings: true });
    wb.creator = 'ecops';
    wb.created = wb.modified = new Date();
    if (doc) {
      wb.company = doc.company;
      DOCUMENTS.set(wb, { ...doc, made: wb.created });
      // The streaming writer leaves the company out of docProps/app.xml: write that part ourselves.
      const writer = wb as unknown as { addApp(): Promise<void>; zip: { append(xml: string, o: { name: string }): void } };
      writer.addApp = async () => writer.zip.append(appXml(doc.company), { name: 'docProps/app.xml' });
    }
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

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function appXml(company: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    `<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><Company>${xmlText(company)}</Company>` +
    '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>'
  );
}

export function columnLetter(n: number): string {
  let s = '';
  for (let i = n; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** A real instant as the local wall clock shows it, to the second. */
export function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * A period as people write it on a document: a month (label YYYY-MM) 2024年5月 / May 2024; an ISO week (YYYY-Www)
 * 2024年第21周（5月20日–5月26日）/ 2024 week 21 (20 May – 26 May); a day 2024年5月14日 / 2024-05-14.
 */
export function periodTitle(period: { start: Wall; end: Wall; label: string }, lang: Lang): string {
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const d = (t: Wall) => new Date(t);
  const s = d(period.start);
  const e = d(period.end);
  const zhDay = (x: Date) => `${x.getUTCMonth() + 1}月${x.getUTCDate()}日`;
  const enDay = (x: Date) => `${x.getUTCDate()} ${MONTHS[x.getUTCMonth()]}`;
  const week = /^(\d{4})-W(\d{2})$/.exec(period.label);
  if (week) {
    const n = Number(week[2]);
    return lang === 'zh' ? `${week[1]}年第${n}周（${zhDay(s)}–${zhDay(e)}）` : `${week[1]} week ${n} (${enDay(s)} – ${enDay(e)})`;
  }
  if (/^\d{4}-\d{2}$/.test(period.label)) {
    return lang === 'zh' ? `${s.getUTCFullYear()}年${s.getUTCMonth() + 1}月` : `${MONTHS[s.getUTCMonth()]} ${s.getUTCFullYear()}`;
  }
  if (period.end - period.start < DAY) return lang === 'zh' ? `${s.getUTCFullYear()}年${zhDay(s)}` : period.label;
  return period.label;
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
  if (format === 'datetime') return '2024-05-31 23:59:59';
  if (format === 'date') return '2024-05-31';
  if (typeof v === 'number' && format === 'money') return MONEY.format(v);
  return String(v);
}

/**
 * Total width (characters) the columns may take: A4 less margins holds ~100 (landscape) or ~68 (portrait) at
 * 100 % where the default font is substituted by a wider one (LibreOffice without Calibri; Excel holds ~145),
 * and fitting a wider table to the page width shrinks it: widths are bounded to print at ≥ 70 % everywhere.
 */
const MAX_WIDTH = { landscape: 142, portrait: 96 };
/** A text column is never narrowed below this when the table is too wide; it wraps instead. */
const MIN_WRAPPED = 14;

/**
 * Column widths that print at ≥ 70 %: each fits its longest shown value (up to `wrap` for long-text columns), and
 * when the total is still too wide the widest text columns are narrowed and wrap.
 */
export function fitWidths(
  measured: number[],
  wrapAt: (number | undefined)[],
  isText: boolean[],
  orientation: 'landscape' | 'portrait',
  /** Widths of the values alone (without the header): a number column may be that narrow, its header on two lines. */
  values?: number[],
  headers?: number[],
): { widths: number[]; wrapped: boolean[] } {
  const widths = measured.map((w, i) => (wrapAt[i] !== undefined ? Math.min(w, wrapAt[i]!) : Math.min(w, 60)));
  const wrapped = widths.map((w, i) => w < measured[i]);
  const total = () => widths.reduce((a, b) => a + b, 0);
  if (values && headers && total() > MAX_WIDTH[orientation]) {
    widths.forEach((w, i) => {
      if (!isText[i]) widths[i] = Math.min(w, Math.max(values[i], Math.ceil(headers[i] / 2) + 2, 6));
    });
  }
  // Too wide: text columns are capped at one common width, the highest that fits (never below MIN_WRAPPED).
  const sum = (cap: number) => widths.reduce((a, w, i) => a + (isText[i] ? Math.min(w, cap) : w), 0);
  let cap = Math.max(MIN_WRAPPED, ...widths);
  while (cap > MIN_WRAPPED && sum(cap) > MAX_WIDTH[orientation]) cap--;
  widths.forEach((w, i) => {
    if (!isText[i] || w <= cap) return;
    widths[i] = cap;
    wrapped[i] = true;
  });
  return { widths, wrapped };
}

/** Points per printed line of 11 pt text. */
const LINE_HEIGHT = 15;

/**
 * The height of a row whose `texts` wrap in columns of `widths` (undefined: the default height). Set explicitly:
 * neither LibreOffice nor Excel grows a written row to fit wrapped text when the file is opened.
 */
export function wrappedHeight(texts: readonly string[], widths: readonly number[]): number | undefined {
  let lines = 1;
  texts.forEach((t, i) => {
    if (!t) return;
    // A CJK character prints a little wider than two digits: count the room short.
    const room = Math.max(1, (widths[i] - 1) * 0.93);
    const n = t.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(displayWidth(part) / room)), 0);
    if (n > lines) lines = n;
  });
  return lines > 1 ? lines * LINE_HEIGHT : undefined;
}

/** Escapes `&`, which starts a code in a page header. */
const headerText = (s: string) => s.replace(/&/g, '&&');

export interface DocumentSheetOptions {
  /** Column widths in characters (CJK counting two). */
  widths: number[];
  portrait?: boolean;
  /** The document's name in its title; the sheet's name when absent. */
  title?: Bilingual;
  /** Lines under the title beside the workbook's own (as-of, coverage, how a figure is worked out). */
  lines?: string[];
  /** Rows (from the first row after the title block) frozen and repeated on every printed page. */
  headerRows?: number;
  /** Columns the title is centred across (default: all): a sheet printed two pages wide centres it on the first. */
  titleSpan?: number;
}

/**
 * A sheet set up as a printed document: A4, fit to the page width, page header (company, document) and footer
 * (第 &P 页 / 共 &N 页), the title block when the workbook has a DocumentInfo. Returns the sheet and the number of
 * rows the title block took (the next row is `top + 1`).
 */
export function openDocumentSheet(wb: ReportWorkbook, name: Bilingual, lang: Lang, options: DocumentSheetOptions): { ws: ExcelJS.Worksheet; top: number } {
  const doc = DOCUMENTS.get(wb);
  const lines = doc ? titleLines(doc, options, name, lang) : [];
  const top = lines.length;
  const headerRows = options.headerRows ?? 1;
  const title = pick(options.title ?? name, lang);
  const ws = wb.addWorksheet(pick(name, lang), {
    views: headerRows > 0 ? [{ state: 'frozen', ySplit: top + headerRows }] : [],
    pageSetup: {
      orientation: options.portrait ? 'portrait' : 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
    headerFooter: {
      oddHeader: `&L${headerText(doc?.company ?? '')}&R${headerText(`${title}${doc ? ` ${doc.period}` : ''}`)}`,
      oddFooter: lang === 'zh' ? '&C第 &P 页 / 共 &N 页' : '&CPage &P of &N',
    },
  }) as unknown as ExcelJS.Worksheet;
  if (headerRows > 0) ws.pageSetup.printTitlesRow = `${top + 1}:${top + headerRows}`;
  ws.columns = options.widths.map((width) => ({ width }));
  const span = Math.max(1, options.widths.length);
  lines.forEach((text, i) => {
    const row = ws.addRow([text]);
    const cell = row.getCell(1);
    cell.style = i === 0 ? { font: TITLE_FONT, alignment: { horizontal: 'center', vertical: 'middle' } } : { font: FONT, alignment: { vertical: 'middle', wrapText: true } };
    // A line as long as the title block is wide wraps onto more lines: give it their height.
    const room = options.widths.reduce((a, b) => a + b, 0);
    row.height = i === 0 ? 30 : 16 * Math.max(1, Math.ceil(displayWidth(text) / Math.max(room, 1)));
    const across = i === 0 ? Math.min(span, options.titleSpan ?? span) : span;
    if (across > 1) ws.mergeCells(row.number, 1, row.number, across);
    row.commit();
  });
  return { ws, top };
}

/** Company and document name, then period and 制表时间, then the workbook's and the sheet's further lines, then a gap. */
function titleLines(doc: DocumentInfo & { made: Date }, options: DocumentSheetOptions, name: Bilingual, lang: Lang): string[] {
  const zh = lang === 'zh';
  const title = pick(options.title ?? name, lang);
  const made = localTime(doc.made);
  return [
    zh ? `${doc.company} ${title}` : `${doc.company} — ${title}`,
    zh ? `期间：${doc.period}　　制表时间：${made}` : `Period: ${doc.period}    Made: ${made}`,
    ...(doc.lines ?? []),
    ...(options.lines ?? []),
    '',
  ];
}

/** Who signs a document: the labels of its sign-off block. */
export const SIGN_OFF = {
  /** 考核表 */
  assessment: [{ zh: '考核人', en: 'Assessor' }, { zh: '审核', en: 'Reviewed by' }, { zh: '员工确认', en: 'Employee' }, { zh: '日期', en: 'Date' }],
  /** 盘点差异表 */
  count: [{ zh: '盘点人', en: 'Counted by' }, { zh: '仓库主管', en: 'Warehouse lead' }, { zh: '复核', en: 'Checked by' }, { zh: '日期', en: 'Date' }],
  /** 进销存汇总表, 报损单 */
  finance: [{ zh: '制表', en: 'Prepared by' }, { zh: '仓库主管', en: 'Warehouse lead' }, { zh: '财务审核', en: 'Finance review' }, { zh: '日期', en: 'Date' }],
  /** 报损单 */
  loss: [{ zh: '经办', en: 'Handled by' }, { zh: '仓库主管', en: 'Warehouse lead' }, { zh: '财务审核', en: 'Finance review' }, { zh: '审批', en: 'Approved by' }, { zh: '日期', en: 'Date' }],
  /** 个人确认单 */
  person: [{ zh: '员工确认', en: 'Employee' }, { zh: '主管', en: 'Supervisor' }, { zh: '日期', en: 'Date' }],
} satisfies Record<string, Bilingual[]>;

/** A blank row, then one row of "label：________" lines across `span` columns, tall enough to sign on. */
export function writeSignOff(ws: ExcelJS.Worksheet, labels: readonly Bilingual[], lang: Lang, span: number): void {
  ws.addRow([]).commit();
  const blank = '__________';
  const text = labels.map((l) => `${pick(l, lang)}${lang === 'zh' ? '：' : ': '}${blank}`).join(lang === 'zh' ? '　　　' : '      ');
  const row = ws.addRow([text]);
  row.getCell(1).style = { font: FONT, alignment: { vertical: 'bottom', wrapText: true } };
  row.height = 36;
  if (span > 1) ws.mergeCells(row.number, 1, row.number, span);
  row.commit();
}

/** A row under a table's totals: a label and, per column key, a live formula over that column's data range. */
export interface SummaryRow {
  label: Bilingual;
  cells: Record<string, { formula: (range: string) => string; result: number; format?: ColumnFormat }>;
}

/** Rows written between turns of the event loop, in which the zip stream takes them on to the file. */
const ROWS_PER_TURN = 2000;

export interface TableOptions {
  totalsLabel?: Bilingual;
  /** Rows under the totals, e.g. 平均分 = SUBTOTAL(101, …) and 及格率. */
  summary?: SummaryRow[];
  /** Free rows under the table. */
  footer?: string[][];
  /** Lines of text under the table, each across its width and wrapped (what codes mean, how a figure is worked out). */
  notes?: string[];
  /** The sign-off block under the table (SIGN_OFF.…). */
  signOff?: readonly Bilingual[];
  portrait?: boolean;
  /** The document's name in the title; the sheet's name when absent. */
  title?: Bilingual;
  /** Lines under the title (what the sheet leaves out, how a figure is worked out). */
  lines?: string[];
}

/**
 * Adds a table sheet and writes it out: title block, header, rows, totals (live SUBTOTAL formulas with cached
 * values), summary rows, `footer` rows, a sign-off block. Text from inputs is always a plain string value:
 * exceljs writes strings as text, never as formulas, whatever they start with.
 */
export async function addTableSheet<R>(
  wb: ReportWorkbook,
  name: Bilingual,
  lang: Lang,
  columns: SheetColumn<R>[],
  rows: readonly R[],
  options: TableOptions = {},
): Promise<void> {
  const headers = columns.map((c) => pick(c.header, lang));
  // The widths go to the file before the first row does: one pass to measure them, one to write the rows.
  const headerWidths = headers.map((h) => displayWidth(h) + 2);
  const values = headers.map(() => 0);
  for (const r of rows) {
    columns.forEach((c, i) => {
      const w = displayWidth(shown(cellValue(c.value(r), c.format), c.format)) + 2;
      if (w > values[i]) values[i] = w;
    });
  }
  const measured = values.map((w, i) => Math.max(w, headerWidths[i]));
  const isText = columns.map((c) => c.format === undefined || c.format === 'text');
  const { widths, wrapped } = fitWidths(measured, columns.map((c) => c.wrap), isText, options.portrait ? 'portrait' : 'landscape', values, headerWidths);
  const { ws, top } = openDocumentSheet(wb, name, lang, { widths, portrait: options.portrait, title: options.title, lines: options.lines });

  const header = ws.addRow(headers);
  header.eachCell((cell) => (cell.style = styled.header));
  // Room for the filter's button beside a header's text.
  const headerHeight = wrappedHeight(headers, widths.map((w) => w - 2));
  if (headerHeight) header.height = headerHeight;
  header.commit();
  const wrappedAt = widths.map((w, i) => (wrapped[i] ? w : 0));
  const first = top + 2;
  const lastRow = top + 1 + rows.length;

  const letters = new Map(columns.map((c, i) => [c.key, columnLetter(i + 1)]));
  const sums = columns.map(() => 0);
  // One style object per column, and one for its flagged cells: exceljs's writer knows a style it has seen by the
  // object, so shared ones cost nothing per cell (a fresh one per cell was a third of writing a sheet).
  const plain = columns.map((c, i): Partial<ExcelJS.Style> => {
    const numFmt = c.format && NUMBER_FORMATS[c.format];
    return { font: FONT, border: BORDER, ...(numFmt ? { numFmt } : {}), alignment: { vertical: 'top', wrapText: wrapped[i] } };
  });
  const flagged = plain.map((style) => ({ ...style, fill: ALERT_FILL, font: ALERT_FONT }));
  const noticed = plain.map((style) => ({ ...style, fill: NOTICE_FILL, font: NOTICE_FONT }));
  for (let n = 0; n < rows.length; n++) {
    const r = rows[n];
    const ref = (key: string) => `${letters.get(key)}${first + n}`;
    const row = ws.addRow(
      columns.map((c, i) => {
        const v = cellValue(c.value(r), c.format);
        if (c.total && typeof v === 'number') sums[i] += v;
        return c.formula ? { formula: c.formula(ref), result: v as number } : v;
      }),
    );
    columns.forEach((c, i) => (row.getCell(i + 1).style = c.alert?.(r) ? flagged[i] : c.notice?.(r) ? noticed[i] : plain[i]));
    const height = wrappedHeight(wrappedTexts(row, wrappedAt), widths);
    if (height) row.height = height;
    row.commit();
    if (n % ROWS_PER_TURN === ROWS_PER_TURN - 1) await nextTurn();
  }
  const range = (i: number) => `${columnLetter(i + 1)}${first}:${columnLetter(i + 1)}${lastRow}`;
  const boldOf = (c: SheetColumn<R> | undefined) => styled.format(c?.format, BOLD);
  if (columns.some((c) => c.total) && rows.length > 0) {
    const totals = ws.addRow(columns.map(() => null));
    columns.forEach((c, i) => {
      const cell = totals.getCell(i + 1);
      cell.style = boldOf(c);
      if (c.total) cell.value = { formula: `SUBTOTAL(109,${range(i)})`, result: round(sums[i], c.format) };
    });
    totals.getCell(1).value = pick(options.totalsLabel ?? { zh: '合计', en: 'Total' }, lang);
    totals.getCell(1).style = styled.format(undefined, BOLD);
    totals.commit();
  }
  if (rows.length > 0) {
    for (const s of options.summary ?? []) {
      const row = ws.addRow(columns.map(() => null));
      columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const spec = c.key ? s.cells[c.key] : undefined;
        cell.style = styled.format(spec?.format ?? c.format, BOLD);
        if (spec) cell.value = { formula: spec.formula(range(i)), result: spec.result };
      });
      row.getCell(1).value = pick(s.label, lang);
      row.getCell(1).style = styled.format(undefined, BOLD);
      row.commit();
    }
  }
  if (options.notes?.length) {
    ws.addRow([]).commit();
    const room = widths.reduce((a, b) => a + b, 0);
    for (const text of options.notes) {
      const row = ws.addRow([text]);
      row.getCell(1).style = { font: FONT, alignment: { vertical: 'top', wrapText: true } };
      row.height = wrappedHeight([text], [room]) ?? LINE_HEIGHT;
      if (columns.length > 1) ws.mergeCells(row.number, 1, row.number, columns.length);
      row.commit();
    }
  }
  for (const cells of options.footer ?? []) {
    const row = ws.addRow(cells);
    row.eachCell((cell) => (cell.style = styled.plain));
    row.commit();
  }
  if (options.signOff) writeSignOff(ws, options.signOff, lang, columns.length);
  columns.forEach((c, i) => {
    if (rows.length === 0) return;
    if (c.alertBelow !== undefined) {
      ws.addConditionalFormatting({
        ref: range(i),
        rules: [{ type: 'cellIs', operator: 'lessThan', formulae: [c.alertBelow], priority: 1, style: { fill: ALERT_FILL, font: { color: ALERT_FONT.color } } }],
      });
    }
    if (c.goodFrom !== undefined) {
      ws.addConditionalFormatting({
        ref: range(i),
        // Excel's operator; exceljs passes it through but its types list only some of them.
        rules: [{ type: 'cellIs', operator: 'greaterThanOrEqual' as 'greaterThan', formulae: [c.goodFrom], priority: 2, style: { fill: GOOD_FILL, font: { color: GOOD_COLOR } } }],
      });
    }
  });
  ws.autoFilter = { from: { row: top + 1, column: 1 }, to: { row: Math.max(lastRow, top + 1), column: columns.length } };
  ws.commit();
}

/** The texts of a row's wrapped columns (blank for the others). */
function wrappedTexts(row: ExcelJS.Row, wrappedAt: number[]): string[] {
  return wrappedAt.map((w, i) => {
    const v = w ? row.getCell(i + 1).value : null;
    return typeof v === 'string' ? v : '';
  });
}

/** Cached totals must equal what the formula recomputes: money rounded to the fen, points and numbers to 1e-4 (float noise). */
function round(sum: number, format: ColumnFormat | undefined): number {
  if (format === 'money') return Math.round(sum * 100) / 100;
  if (format === 'points' || format === 'number') return Math.round(sum * 10_000) / 10_000;
  return sum;
}

/** The 校验问题 sheet every output workbook carries (docs/issues.md#checks), each code explained under the list. */
export async function addIssuesSheet(wb: ReportWorkbook, issues: readonly Issue[], lang: Lang): Promise<void> {
  const severity = { error: { zh: '错误', en: 'error' }, warning: { zh: '警告', en: 'warning' }, info: { zh: '提示', en: 'info' } };
  const codes = [...new Set(issues.map((i) => i.code))].sort();
  const explained = codes.map((c) => `${c}${lang === 'zh' ? `（${pick(ISSUE_TYPES[c].title, lang)}）：` : ` (${pick(ISSUE_TYPES[c].title, lang)}): `}${pick(ISSUE_TYPES[c].explain, lang)}`);
  await addTableSheet(wb, { zh: '校验问题', en: 'Issues' }, lang, [
    { header: { zh: '级别', en: 'severity' }, value: (i) => pick(severity[i.severity], lang), alert: (i) => i.severity === 'error', notice: (i) => i.severity === 'warning' },
    { header: { zh: '问题', en: 'problem' }, value: (i) => pick(ISSUE_TYPES[i.code].title, lang), wrap: 16 },
    { header: { zh: '代码', en: 'code' }, value: (i) => i.code },
    { header: { zh: '文件', en: 'file' }, value: (i) => i.file, wrap: 30 },
    { header: { zh: '工作表', en: 'sheet' }, value: (i) => i.sheet, wrap: 16 },
    { header: { zh: '行', en: 'row' }, format: 'int', value: (i) => i.row },
    { header: { zh: '列', en: 'column' }, value: (i) => i.column, wrap: 16 },
    { header: { zh: '值', en: 'value' }, value: (i) => i.value, wrap: 24 },
    { header: { zh: '说明', en: 'message' }, value: (i) => pick(i.message, lang), wrap: 60 },
  ], issues, { notes: explained.length ? [lang === 'zh' ? '代码说明：' : 'The codes:', ...explained] : [lang === 'zh' ? '没有发现问题。' : 'No problems found.'] });
}
