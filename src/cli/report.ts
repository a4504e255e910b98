/** The lines that close a report command's console output. */
import type { Issue } from '../core/issues.js';
import type { Lang } from '../core/lang.js';
import { countBySeverity } from '../output/console.js';

/** The closing lines every report command prints on a terminal: rows excluded, where the files went. */
export function reportFooter(lang: Lang, issues: readonly Pick<Issue, 'severity'>[], excludedRows: number, paths: string[]): string {
  const { errors, warnings } = countBySeverity(issues);
  const lines = [
    lang === 'zh'
      ? `输入问题：${errors} 个错误，${warnings} 个警告；排除 ${excludedRows} 行（见「校验问题」工作表）`
      : `input issues: ${errors} errors, ${warnings} warnings; ${excludedRows} rows excluded (see the Issues sheet)`,
    ...paths.map((p) => (lang === 'zh' ? `已写入 ${p}` : `written to ${p}`)),
  ];
  return `${lines.join('\n')}\n`;
}
