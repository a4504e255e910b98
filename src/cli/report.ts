/** Writing a command's workbooks and the lines that say where they went. */
import { join } from 'node:path';
import type { Issue } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { countBySeverity } from '../output/console.js';
import { prepareOutDir, refuseInputTargets } from '../output/files.js';
import { listDataFiles } from '../read/files.js';
import { addIssuesSheet, writeWorkbook, type DocumentInfo, type ReportWorkbook } from '../output/workbook.js';
import { ownFolders, type CommonOptions } from './context.js';

/**
 * The paths of a command's workbooks in --out (created if need be), after checking that none of them is an
 * input file (docs/outputs.md#general); a command writing several workbooks asks for all of them before writing any.
 */
export async function reportPaths(opts: CommonOptions, fileNames: string[]): Promise<string[]> {
  const dir = await prepareOutDir(opts.out ?? './reports');
  const paths = fileNames.map((f) => join(dir, f));
  const inputs = await listDataFiles(opts.data ?? '.', { recursive: opts.recursive, skip: await ownFolders(opts) });
  await refuseInputTargets(paths, inputs.map((f) => f.path), '--out');
  return paths;
}

/**
 * Writes a workbook into --out, atomically: the sheets `build` adds, then the 校验问题 sheet; every sheet titled
 * with `doc` (company, period).
 */
export async function writeReport(
  opts: CommonOptions,
  lang: Lang,
  fileName: string,
  issues: readonly Issue[],
  doc: DocumentInfo,
  build: (wb: ReportWorkbook) => Promise<void>,
): Promise<string> {
  const [path] = await reportPaths(opts, [fileName]);
  await writeWorkbook(path, async (wb) => {
    await build(wb);
    await addIssuesSheet(wb, issues, lang);
  }, doc);
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
