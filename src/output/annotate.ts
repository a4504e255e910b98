/**
 * `validate --annotate DIR` (SPEC §1.5): for each input file with issues, an .xlsx copy with the same
 * sheets, rows and columns, every cell with an issue filled (red errors, amber warnings) and commented,
 * and a 校验结果 column after each row that has issues. Never written over an input.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { groupBy } from '../core/collections.js';
import type { Issue } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import type { TableInfo } from '../logs/load.js';
import { listDataFiles, readTables } from '../read/files.js';
import { type Cell, isDateCell } from '../read/types.js';
import { prepareOutDir, refuseInputTargets } from './files.js';
import { pick } from './text.js';
import { newWorkbook, saveWorkbook } from './workbook.js';

const FILL = {
  error: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
  warning: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
} as const satisfies Record<string, ExcelJS.Fill>;

function toExcel(cell: Cell): ExcelJS.CellValue {
  if (cell === null || typeof cell !== 'object') return cell;
  if (isDateCell(cell)) return new Date(cell.t);
  // Errors and uncached formulas are shown as text: a copy must never compute anything.
  return cell.formula ? `=${cell.formula}` : cell.error;
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
  for (const { f, target } of todo) {
    const fileIssues = byFile.get(f.file)!;
    await mkdir(dirname(target), { recursive: true });
    const wb = await newWorkbook();
    for await (const table of readTables(f, { encoding: input.encoding })) {
      const ws = wb.addWorksheet(table.sheet);
      const bySheet = fileIssues.filter((i) => i.sheet === table.sheet);
      const byRow = groupBy(bySheet, (i) => i.row!);
      let width = 0;
      const rows: { row: number; cells: Cell[] }[] = [];
      for await (const raw of table.rows) {
        rows.push(raw);
        width = Math.max(width, raw.cells.length);
      }
      for (const raw of rows) {
        const row = ws.getRow(raw.row);
        raw.cells.forEach((c, i) => {
          const cell = row.getCell(i + 1);
          cell.value = toExcel(c);
          if (isDateCell(c)) cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
        });
        const rowIssues = byRow.get(raw.row);
        if (!rowIssues) continue;
        for (const i of rowIssues) {
          if (i.columnIndex === undefined) continue;
          const cell = row.getCell(i.columnIndex + 1);
          cell.fill = FILL[i.severity as 'error' | 'warning'];
          cell.note = pick(i.message, lang);
        }
        const result = row.getCell(width + 1);
        result.value = rowIssues.map((i) => `${i.column ? `${i.column}: ` : ''}${pick(i.message, lang)}`).join('；');
        result.fill = FILL[rowIssues.some((i) => i.severity === 'error') ? 'error' : 'warning'];
      }
      const headerRow = tables.find((t) => t.file === f.file && t.sheet === table.sheet)?.headerRow;
      if (headerRow !== undefined && byRow.size > 0) {
        ws.getRow(headerRow).getCell(width + 1).value = lang === 'zh' ? '校验结果' : 'Validation';
      }
    }
    await saveWorkbook(wb, target);
    written.push(target);
  }
  return written;
}
