/** The console side every report command shares: JSON, or its summary and the closing lines; the exit status. */
import { excludedRows, type DataOptions, type OutputOptions } from '../api/inputs.js';
import type { CommandRun } from '../api/report.js';
import type { Issue } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { countBySeverity, printJson } from '../output/console.js';
import { callApi, doneStatus, langOf, type CommonOptions } from './context.js';

/**
 * Runs a report command through the API: with --json its output as the API returns it (less the files written,
 * which --json does not write); otherwise, unless --quiet, the command's summary table and the closing lines.
 */
export async function reportCommand<Output extends { written: string[] }, Result>(
  opts: CommonOptions,
  run: (options: DataOptions & OutputOptions) => Promise<CommandRun<Output, Result>>,
  summary: (result: Result, lang: Lang) => string,
): Promise<number> {
  const lang = langOf(opts);
  const { output, result, issues, tables } = await callApi(opts, run);
  if (opts.json) {
    const { written: _, ...json } = output;
    printJson(json);
  } else if (!opts.quiet) {
    process.stdout.write(summary(result, lang));
    process.stdout.write(reportFooter(lang, issues, excludedRows(tables), output.written));
  }
  return doneStatus(opts, issues, lang);
}

/** The closing lines every report command prints on a terminal: rows excluded, where the files went. */
function reportFooter(lang: Lang, issues: readonly Pick<Issue, 'severity'>[], excludedRows: number, paths: string[]): string {
  const { errors, warnings } = countBySeverity(issues);
  const lines = [
    lang === 'zh'
      ? `输入问题：${errors} 个错误，${warnings} 个警告；排除 ${excludedRows} 行（见「校验问题」工作表）`
      : `input issues: ${errors} errors, ${warnings} warnings; ${excludedRows} rows excluded (see the Issues sheet)`,
    ...paths.map((p) => (lang === 'zh' ? `已写入 ${p}` : `written to ${p}`)),
  ];
  return `${lines.join('\n')}\n`;
}
