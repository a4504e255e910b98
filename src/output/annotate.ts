/**
 * `validate --annotate DIR` (docs/issues.md#checks): for each input file with issues, an .xlsx copy with the same
 * sheets, rows and columns, every cell with an issue filled (red errors, amber warnings) and commented,
 * and a 校验结果 column after each row that has issues. Never written over an input.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { groupBy } from '../core/collections.js';
import type { Issue } from '../core/issues.js';
import { parseDateText } from '../core/time.js';
import type { Lang } from '../core/lang.js';
import type { TableInfo } from '../logs/load.js';
import { listDataFiles, readTables } from '../read/files.js';
import { type Cell, isDateCell } from '../read/types.js';
import { prepareOutDir, refuseInputTargets } from './files.js';
import { pick } from './text.js';
import { columnLetter, newWorkbook, saveWorkbook } from './workbook.js';

const FILL = {
  error: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  warning: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
} as const satisfies Record<string, ExcelJS.Fill>;

/** A cell as the copy holds it: numbers and dates typed (a CSV's text "12" or "2024-05-06 09:00" too). */
function typed(cell: Cell): ExcelJS.CellValue {
  if (typeof cell === 'string') {
    const t = cell.trim();
    // Digits only, no leading zero, at most 15 digits: a number (a longer one is an identifier, kept as text).
    if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(t)) return Number(t);
    const date = /^\d{4}[-/]\d{1,2}[-/]\d{1,2}( \d{1,2}:\d{2}(:\d{2})?)?$/.test(t) ? parseDateText(t) : undefined;
    if (date) return new Date(date.t);
    return cell;
  }
  if (cell === null || typeof cell !== 'object') return cell;
  if (isDateCell(cell)) return new Date(cell.t);
  // Errors and uncached formulas are shown as text: a copy must never compute anything.
  return cell.formula ? `=${cell.formula}` : cell.error;
}

/** The original workbook, to mark up in place; undefined when exceljs cannot open it (the copy is rebuilt). */
async function openOriginal(path: string): Promise<ExcelJS.Workbook | undefined> {
  try {
    const wb = await newWorkbook();
    await wb.xlsx.readFile(path);
    return wb;
  } catch {
    return undefined;
  }
}

/** 问题清单: every problem, in words, with a link to its cell. */
function writeProblemList(list: ExcelJS.Worksheet, found: { issue: Issue; ws: ExcelJS.Worksheet }[], word: (s: string) => string, lang: Lang): void {
  const zh = lang === 'zh';
  list.columns = [{ width: 8 }, { width: 18 }, { width: 18 }, { width: 14 }, { width: 24 }, { width: 60 }];
  const header = list.addRow(zh ? ['级别', '位置', '工作表', '列', '值', '说明'] : ['severity', 'cell', 'sheet', 'column', 'value', 'message']);
  header.font = { bold: true };
  for (const { issue: i, ws } of found) {
    const address = `${i.columnIndex !== undefined ? columnLetter(i.columnIndex + 1) : 'A'}${i.row}`;
    const row = list.addRow([word(i.severity), { text: `${ws.name}!${address}`, hyperlink: `#'${ws.name.replace(/'/g, "''")}'!${address}` }, ws.name, i.column ?? '', i.value ?? '', pick(i.message, lang)]);
    row.getCell(1).fill = FILL[i.severity as 'error' | 'warning'];
    row.getCell(2).font = { color: { argb: 'FF0563C1' }, underline: true };
    row.getCell(6).alignment = { wrapText: true, vertical: 'top' };
  }
  list.views = [{ state: 'frozen', ySplit: 1 }];
  list.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, found.length + 1), column: 6 } };
}

/**
 * The name of each input's copy, relative to the --annotate folder: the input's own relative path (sub-folders
 * kept, so 5月/01.xlsx and 6月/01.xlsx do not collide) as .xlsx. A .csv or .xls whose .xlsx name another input
 * already has keeps its extension in the name (咨询.csv → 咨询.csv.xlsx beside 咨询.xlsx). Decided from the
 * whole listing, so a copy's name never depends on which other files had issues.
 */
export function copyNames(files: readonly string[]): Map<string, string> {
  const isXlsx = (f: string) => /\.xlsx$/i.test(f);
  const names = new Map<string, string>();
  const taken = new Set<string>();
  const claim = (f: string, name: string) => {
    names.set(f, name);
    taken.add(name.toLowerCase());
  };
  for (const f of files) if (isXlsx(f)) claim(f, f);
  for (const f of files) {
    if (isXlsx(f)) continue;
    const candidates = [`${f.slice(0, f.length - extname(f).length)}.xlsx`, `${f}.xlsx`];
    for (let n = 2; candidates.every((c) => taken.has(c.toLowerCase())); n++) candidates.push(`${f} (${n}).xlsx`);
    claim(f, candidates.find((c) => !taken.has(c.toLowerCase()))!);
  }
  return names;
}

export async function annotate(
  issues: readonly Issue[],
  tables: readonly TableInfo[],
  input: { data: string; encoding?: string; recursive?: boolean; skip?: readonly string[] },
  outDir: string,
  lang: Lang,
): Promise<string[]> {
  const marked = issues.filter((i) => i.severity !== 'info' && i.sheet !== undefined && i.row !== undefined);
  const byFile = groupBy(marked, (i) => i.file);
  if (byFile.size === 0) return [];
  const out = await prepareOutDir(outDir);
  // The files the load read, listed the same way (a copy from an earlier run is not one of them).
  const inputs = await listDataFiles(input.data, { recursive: input.recursive, skip: input.skip });
  const names = copyNames(inputs.map((f) => f.file));
  const todo = inputs.filter((f) => byFile.has(f.file)).map((f) => ({ f, target: join(out, names.get(f.file)!) }));
  await refuseInputTargets(todo.map((t) => t.target), inputs.map((f) => f.path), '--annotate');
  const written: string[] = [];
  const zh = lang === 'zh';
  const word = (sev: string) => (sev === 'error' ? (zh ? '错误' : 'error') : zh ? '警告' : 'warning');
  for (const { f, target } of todo) {
    const fileIssues = byFile.get(f.file)!;
    await mkdir(dirname(target), { recursive: true });
    // An .xlsx is marked up in a copy of itself (widths, formats, merged titles and fonts as Excel shows them);
    // a CSV (or a workbook exceljs cannot open) is rebuilt from its cells, numbers and dates typed.
    const original = /\.xlsx$/i.test(f.file) ? await openOriginal(f.path) : undefined;
    const wb = original ?? (await newWorkbook());
    const list = wb.addWorksheet(zh ? '问题清单' : 'Problems');
    const found: { issue: Issue; ws: ExcelJS.Worksheet }[] = [];
    for await (const table of readTables(f, { encoding: input.encoding })) {
      const ws = original?.getWorksheet(table.sheet) ?? wb.addWorksheet(table.sheet);
      const bySheet = fileIssues.filter((i) => i.sheet === table.sheet);
      const byRow = groupBy(bySheet, (i) => i.row!);
      let width = 0;
      let last = 0;
      const rows: { row: number; cells: Cell[] }[] = [];
      for await (const raw of table.rows) {
        rows.push(raw);
        width = Math.max(width, raw.cells.length);
        last = Math.max(last, raw.row);
      }
      for (const raw of rows) {
        const row = ws.getRow(raw.row);
        if (!original) {
          raw.cells.forEach((c, i) => {
            const cell = row.getCell(i + 1);
            cell.value = typed(c);
            if (isDateCell(c) || cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
          });
        }
        const rowIssues = byRow.get(raw.row);
        if (!rowIssues) continue;
        for (const i of rowIssues) {
          found.push({ issue: i, ws });
          if (i.columnIndex === undefined) continue;
          const cell = row.getCell(i.columnIndex + 1);
          cell.fill = FILL[i.severity as 'error' | 'warning'];
          cell.note = `${word(i.severity)}：${pick(i.message, lang)}`;
        }
        const result = row.getCell(width + 1);
        result.value = rowIssues.map((i) => `${word(i.severity)}：${i.column ? `${i.column}: ` : ''}${pick(i.message, lang)}`).join('；');
        result.fill = FILL[rowIssues.some((i) => i.severity === 'error') ? 'error' : 'warning'];
        result.alignment = { wrapText: true, vertical: 'top' };
      }
      const headerRow = tables.find((t) => t.file === f.file && t.sheet === table.sheet)?.headerRow;
      if (headerRow !== undefined) {
        if (byRow.size > 0) {
          const cell = ws.getRow(headerRow).getCell(width + 1);
          cell.value = zh ? '校验结果' : 'Validation';
          cell.font = { bold: true };
          ws.getColumn(width + 1).width = 50;
        }
        ws.views = [{ state: 'frozen', ySplit: headerRow }];
        ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(last, headerRow), column: width + (byRow.size > 0 ? 1 : 0) } };
      }
    }
    writeProblemList(list, found, word, lang);
    // The list of problems is the first sheet.
    (list as unknown as { orderNo: number }).orderNo = -1;
    await saveWorkbook(wb, target);
    written.push(target);
  }
  return written;
}
