/** Console output: summary tables on stdout, messages on stderr, JSON alone on stdout with --json. */
import { createRequire } from 'node:module';
import { Chalk, type ChalkInstance } from 'chalk';
import type Table from 'cli-table3';
import type { Issue } from '../core/issues.js';
import type { Bilingual, Lang } from '../core/lang.js';
import { pick, SEVERITY_NAMES } from './text.js';

/** Colours only on a terminal, and never with NO_COLOR (https://no-color.org). */
export function colors(stream: NodeJS.WriteStream = process.stdout): ChalkInstance {
  const off = 'NO_COLOR' in process.env || !stream.isTTY;
  return new Chalk({ level: off ? 0 : 1 });
}

/** cli-table3 (and the string-width tables under it) is loaded by the first table: --quiet and --json print none. */
let TableClass: typeof Table | undefined;

export function table(head: string[], rows: (string | number)[][]): string {
  TableClass ??= createRequire(import.meta.url)('cli-table3') as typeof Table;
  const t = new TableClass({
    head,
    style: { head: [], border: [] },
    // No rule between body rows: the tables are read down, not across.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  t.push(...rows);
  return t.toString();
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function info(text: Bilingual, lang: Lang): void {
  process.stderr.write(`${pick(text, lang)}\n`);
}

/**
 * One line per issue, for the console. It opens with the severity in words (错误/警告/提示), not only in colour:
 * colour is lost in a pipe, a log file or a pasted message, and some people cannot tell red from amber.
 */
export function formatIssue(i: Issue, lang: Lang, c: ChalkInstance): string {
  const where = [i.file, i.sheet, i.row !== undefined ? (lang === 'zh' ? `第${i.row}行` : `row ${i.row}`) : undefined, i.column]
    .filter((x) => x !== undefined && x !== '')
    .join(' › ');
  const label = `${pick(SEVERITY_NAMES[i.severity], lang)} ${i.code}`;
  const tag = i.severity === 'error' ? c.red(label) : i.severity === 'warning' ? c.yellow(label) : c.dim(label);
  const value = i.value ? ` 「${i.value}」` : '';
  return `${tag} ${where}${value}: ${pick(i.message, lang)}`;
}

export function countBySeverity(issues: readonly Pick<Issue, 'severity'>[]) {
  let errors = 0;
  let warnings = 0;
  for (const i of issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}
