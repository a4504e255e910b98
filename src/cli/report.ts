/** Writing a command's workbooks and the lines that say where they went. */
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import type { Issue } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { countBySeverity } from '../output/console.js';
import { prepareOutDir } from '../output/files.js';
import { addIssuesSheet, newWorkbook, saveWorkbook } from '../output/workbook.js';
import type { CommonOptions } from './context.js';

/** Builds a workbook, adds the 校验问题 sheet, and writes it atomically into --out. */
export async function writeReport(
  opts: CommonOptions,
  lang: Lang,
  fileName: string,
  issues: readonly Issue[],
  build: (wb: ExcelJS.Workbook) => void,
): Promise<string> {
  const dir = await prepareOutDir(opts.out ?? './reports');
  const wb = newWorkbook();
  build(wb);
  addIssuesSheet(wb, issues, lang);
  const path = join(dir, fileName);
  await saveWorkbook(wb, path);
  return path;
}

/** The closing lines every report command prints on a terminal: rows excluded, where the file went. */
export function reportFooter(lang: Lang, issues: readonly Issue[], excludedRows: number, paths: string[]): string {
  const { errors, warnings } = countBySeverity(issues);
  const lines = [
    lang === 'zh'
      ? `输入问题：${errors} 个错误，${warnings} 个警告；排除 ${excludedRows} 行（见「校验问题」工作表）`
      : `input issues: ${errors} errors, ${warnings} warnings; ${excludedRows} rows excluded (see the Issues sheet)`,
    ...paths.map((p) => (lang === 'zh' ? `已写入 ${p}` : `written to ${p}`)),
  ];
  return `${lines.join('\n')}\n`;
}
