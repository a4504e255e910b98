/**
 * `validate --annotate DIR` (SPEC §1.5): for each input file with issues, an .xlsx copy with the same
 * sheets, rows and columns, every cell with an issue filled (red errors, amber warnings) and commented,
 * and a 校验结果 column after each row that has issues. Never written over an input.
 */
import { realpath } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type ExcelJS from 'exceljs';
import { groupBy } from '../core/collections.js';
import type { Issue } from '../core/issues.js';
import { UsageError } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import type { TableInfo } from '../logs/load.js';
import { listDataFiles, readTables } from '../read/files.js';
import { type Cell, isDateCell } from '../read/types.js';
import { prepareOutDir } from './files.js';
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

export async function annotate(
  issues: readonly Issue[],
  tables: readonly TableInfo[],
  input: { data: string; encoding?: string },
  outDir: string,
  lang: Lang,
): Promise<string[]> {
  const marked = issues.filter((i) => i.severity !== 'info' && i.sheet !== undefined && i.row !== undefined);
  const byFile = groupBy(marked, (i) => i.file);
  if (byFile.size === 0) return [];
  const out = await prepareOutDir(outDir);
  const inputs = await listDataFiles(input.data, { recursive: true });
  const inputPaths = new Set(await Promise.all(inputs.map((f) => realpath(f.path))));
  const written: string[] = [];
  for (const f of inputs) {
    const fileIssues = byFile.get(f.file);
    if (!fileIssues) continue;
    const target = join(out, `${basename(f.file, extname(f.file))}.xlsx`);
    if (inputPaths.has(resolve(target)) || inputPaths.has(await realpath(target).catch(() => ''))) {
      throw new UsageError({
        zh: `标注副本 ${target} 会覆盖输入文件，请换一个 --annotate 文件夹`,
        en: `the annotated copy ${target} would overwrite an input file; choose another --annotate folder`,
      });
    }
    const wb = newWorkbook();
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
