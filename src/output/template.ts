/**
 * Blank input workbooks (`ecops template`), one per log: identifiers typed as text, dropdowns (staff, SKUs,
 * clauses, fixed values), whole-number, number and date checks with input prompts, required columns marked, A4
 * landscape, and a 说明 sheet.
 */
import type ExcelJS from 'exceljs';
import type { Bilingual, Lang } from '../core/lang.js';
import type { ColumnDef, ColumnKind } from '../logs/columns.js';
import { columnsOf, LOGS, type LogKey } from '../logs/declarations.js';
import { displayWidth, pick } from './text.js';
import { addTableSheet, columnLetter, FONT_NAME, writeWorkbook } from './workbook.js';

/** Rows that get dropdowns and formats in a blank template. */
const TEMPLATE_ROWS = 2000;

/** What a template's dropdowns offer, from the data folder and the regulation (each optional). */
export interface TemplateLists {
  staff?: readonly string[];
  skus?: readonly { sku: string; location?: string }[];
  /** Clauses entered by hand in 奖惩登记. */
  rules?: readonly string[];
}

const KIND_TEXT: Record<ColumnKind, Bilingual> = {
  text: { zh: '文本', en: 'text' },
  name: { zh: '姓名（人员名单中的）', en: 'staff name' },
  datetime: { zh: '日期时间，如 2024-05-03 14:22:05', en: 'date and time, e.g. 2024-05-03 14:22:05' },
  date: { zh: '日期，如 2024-05-03', en: 'date, e.g. 2024-05-03' },
  int: { zh: '整数', en: 'whole number' },
  number: { zh: '数字', en: 'number' },
  bool: { zh: '是/否', en: 'yes/no (是/否)' },
  enum: { zh: '可选值', en: 'one of' },
};

const FORMATS: Partial<Record<ColumnKind, string>> = { datetime: 'yyyy-mm-dd hh:mm:ss', date: 'yyyy-mm-dd' };

export function describeColumn(col: ColumnDef, lang: Lang): string {
  const kind = pick(KIND_TEXT[col.kind], lang);
  const parts = [col.values && col.kind === 'enum' ? `${kind}：${col.values.join('/')}` : kind];
  if (col.min !== undefined) parts.push(`≥ ${col.min}`);
  if (col.identifier) parts.push(lang === 'zh' ? '按文本录入（长编号不会变成科学计数法）' : 'kept as text (long numbers keep every digit)');
  return parts.join('，');
}

const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
const OPTIONAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };

/** A column's check, or none. `list` is the range of a dropdown on the 下拉选项 sheet, when it has one. */
function validationOf(col: ColumnDef, lang: Lang, list: string | undefined): Record<string, unknown> | undefined {
  const zh = lang === 'zh';
  const prompt = { showInputMessage: true, promptTitle: col.header.slice(0, 32), prompt: describeColumn(col, lang).slice(0, 250), showErrorMessage: true, allowBlank: true };
  const error = (text: string) => ({ errorTitle: zh ? '无效值' : 'invalid value', error: text.slice(0, 250) });
  const fixed = col.kind === 'bool' ? ['是', '否'] : col.kind === 'enum' ? col.values : undefined;
  if (fixed) return { type: 'list', formulae: [`"${fixed.join(',')}"`], ...prompt, ...error((zh ? '请从列表中选择：' : 'choose one of: ') + fixed.join('/')) };
  if (list) return { type: 'list', formulae: [list], ...prompt, ...error(zh ? '请从下拉列表中选择（名单见「下拉选项」工作表）' : 'choose from the list (see the Lists sheet)') };
  if (col.kind === 'int' || col.kind === 'number') {
    const min = col.min ?? (col.kind === 'int' ? -1e9 : -1e12);
    return { type: col.kind === 'int' ? 'whole' : 'decimal', operator: 'greaterThanOrEqual', formulae: [min], ...prompt, ...error(zh ? `请输入${col.kind === 'int' ? '整数' : '数字'}${col.min !== undefined ? `（≥ ${col.min}）` : ''}` : `enter a ${col.kind === 'int' ? 'whole number' : 'number'}${col.min !== undefined ? ` (≥ ${col.min})` : ''}`) };
  }
  if (col.kind === 'date' || col.kind === 'datetime') {
    return { type: 'date', operator: 'greaterThan', formulae: [new Date(Date.UTC(2000, 0, 1))], ...prompt, ...error(zh ? '请输入日期，如 2024-05-03' : 'enter a date such as 2024-05-03') };
  }
  return { type: 'textLength', operator: 'lessThanOrEqual', formulae: [32767], ...prompt, showErrorMessage: false };
}

export async function writeTemplate(key: LogKey, path: string, lang: Lang, lists: TemplateLists = {}): Promise<void> {
  const log = LOGS[key];
  const columns = Object.entries(columnsOf(key));
  const zh = lang === 'zh';
  // The dropdowns' lists, one column each on a sheet of their own (a list typed into the check holds 255 characters).
  type Dropdown = { title: string; values: readonly string[]; for: (k: string, c: ColumnDef) => boolean };
  const all: Dropdown[] = [
    { title: zh ? '人员' : 'staff', values: lists.staff ?? [], for: (_, c) => c.kind === 'name' },
    { title: zh ? '货号' : 'sku', values: (lists.skus ?? []).map((s) => s.sku), for: (k) => k === 'sku' && key !== 'skus' },
    { title: zh ? '条款' : 'clause', values: lists.rules ?? [], for: (k) => key === 'incidents' && k === 'rule' },
  ];
  const dropdowns = all.filter((d) => d.values.length > 0 && columns.some(([k, c]) => d.for(k, c)));
  const listSheet = zh ? '下拉选项' : 'Lists';
  const rangeOf = (k: string, c: ColumnDef) => {
    const i = dropdowns.findIndex((d) => d.for(k, c));
    if (i < 0) return undefined;
    const letter = columnLetter(i + 1);
    return `'${listSheet}'!$${letter}$2:$${letter}$${dropdowns[i].values.length + 1}`;
  };
  // The 盘点表 comes pre-filled with the SKUs (and their last location) to count.
  const prefill = key === 'stock_counts' ? (lists.skus ?? []) : [];

  await writeWorkbook(path, async (wb) => {
    const ws = wb.addWorksheet(pick(log.name, lang), {
      views: [{ state: 'frozen', ySplit: 1 }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } },
      headerFooter: { oddHeader: `&C${pick(log.name, lang)}`, oddFooter: zh ? '&C第 &P 页 / 共 &N 页' : '&CPage &P of &N' },
    }) as unknown as ExcelJS.Worksheet;
    ws.pageSetup.printTitlesRow = '1:1';
    const headers = columns.map(([k, c]) => (zh ? c.header : k));
    columns.forEach(([, col], i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.max(displayWidth(headers[i]) + 4, FORMATS[col.kind] ? 21 : col.identifier ? 22 : 12);
      const fmt = col.identifier ? '@' : FORMATS[col.kind];
      if (fmt) column.numFmt = fmt;
    });
    const header = ws.addRow(headers);
    columns.forEach(([, col], i) => {
      const cell = header.getCell(i + 1);
      cell.style = {
        font: { name: FONT_NAME, size: 11, bold: true, color: col.required ? { argb: 'FFC00000' } : undefined },
        fill: col.required ? REQUIRED_FILL : OPTIONAL_FILL,
        border: { bottom: { style: 'thin' } },
        alignment: { horizontal: 'center' },
      };
      cell.note = `${col.required ? (zh ? '必填。' : 'Required. ') : ''}${describeColumn(col, lang)}`;
    });
    header.commit();
    for (const item of prefill) {
      const row = ws.addRow(columns.map(([k]) => (k === 'sku' ? item.sku : k === 'location' ? (item.location ?? null) : null)));
      columns.forEach(([, col], i) => col.identifier && (row.getCell(i + 1).numFmt = '@'));
      row.commit();
    }
    columns.forEach(([k, col], i) => {
      const letter = columnLetter(i + 1);
      const v = validationOf(col, lang, rangeOf(k, col));
      // exceljs declares dataValidations on the sheet model but not in its types.
      if (v) (ws as unknown as { dataValidations: { add(range: string, v: object): void } }).dataValidations.add(`${letter}2:${letter}${TEMPLATE_ROWS}`, v);
    });
    ws.commit();
    await addTableSheet(
      wb,
      { zh: '说明', en: 'Columns' },
      lang,
      [
        { header: { zh: '列名', en: 'header' }, value: ([k, c]) => (zh ? c.header : k) },
        { header: { zh: '英文名', en: 'key' }, value: ([k]) => k },
        { header: { zh: '类型', en: 'type' }, value: ([, c]) => describeColumn(c, lang), wrap: 40 },
        { header: { zh: '必填', en: 'required' }, value: ([, c]) => (c.required ? (zh ? '必填' : 'yes') : c.note ? pick(c.note, lang) : ''), wrap: 30 },
        { header: { zh: '也接受的列名', en: 'also accepted' }, value: ([, c]) => [c.header, ...c.aliases].filter((h) => h !== (zh ? c.header : '')).join('、'), wrap: 40 },
      ],
      columns,
      { notes: [zh ? '表头为红字、橙色底的列必填；把鼠标停在表头上可看到该列的说明。' : 'Columns with a red header on orange are required; hover over a header for its description.'] },
    );
    if (dropdowns.length > 0) {
      const lists = wb.addWorksheet(listSheet, { state: 'hidden' } as object) as unknown as ExcelJS.Worksheet;
      lists.columns = dropdowns.map((d) => ({ width: Math.max(12, ...d.values.map((v) => displayWidth(v) + 2)) }));
      lists.addRow(dropdowns.map((d) => d.title)).commit();
      const longest = Math.max(...dropdowns.map((d) => d.values.length));
      for (let n = 0; n < longest; n++) {
        const row = lists.addRow(dropdowns.map((d) => d.values[n] ?? null));
        row.eachCell((c) => (c.numFmt = '@'));
        row.commit();
      }
      lists.commit();
    }
  });
}
