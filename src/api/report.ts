/** Writing a command's workbooks into its output folder. */
import { join } from 'node:path';
import type { Issue } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { prepareOutDir, refuseInputTargets } from '../output/files.js';
import { addIssuesSheet, writeWorkbook, type DocumentInfo, type ReportWorkbook } from '../output/workbook.js';
import { listDataFiles } from '../read/files.js';
import type { TableInfo } from '../logs/load.js';
import { ownFolders, type DataOptions, type OutputOptions } from './inputs.js';

/** A report command's run: what its --json prints, and what the console shows besides (docs/api.md). */
export interface CommandRun<Output, Result> {
  output: Output;
  result: Result;
  issues: Issue[];
  tables: TableInfo[];
}

/**
 * The paths of a command's workbooks in `out` (created if need be), after checking that none of them is an
 * input file (docs/outputs.md#general); a command writing several workbooks asks for all of them before writing any.
 */
export async function reportPaths(options: DataOptions & OutputOptions, fileNames: string[]): Promise<string[]> {
  const dir = await prepareOutDir(options.out ?? './reports');
  const paths = fileNames.map((f) => join(dir, f));
  const inputs = await listDataFiles(options.data ?? '.', { recursive: options.recursive, skip: await ownFolders(options) });
  await refuseInputTargets(paths, inputs.map((f) => f.path), '--out');
  return paths;
}

/**
 * Writes a workbook into `out`, atomically: the sheets `build` adds, then the 校验问题 sheet; every sheet titled
 * with `doc` (company, period).
 */
export async function writeReport(
  options: DataOptions & OutputOptions,
  lang: Lang,
  fileName: string,
  issues: readonly Issue[],
  doc: DocumentInfo,
  build: (wb: ReportWorkbook) => Promise<void>,
): Promise<string> {
  const [path] = await reportPaths(options, [fileName]);
  await writeWorkbook(path, async (wb) => {
    await build(wb);
    await addIssuesSheet(wb, issues, lang);
  }, doc);
  return path;
}
