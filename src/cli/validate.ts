/** `ecops validate`: the console side of the API's validate (src/api/validate.ts). */
import { validateRun } from '../api/validate.js';
import { LOGS } from '../logs/declarations.js';
import { colors, countBySeverity, formatIssue, printJson, table } from '../output/console.js';
import { pick } from '../output/text.js';
import { callApi, chatty, langOf, type CommonOptions } from './context.js';

const MAX_LINES = 200;

export async function validateCommand(opts: CommonOptions & { annotate?: string }): Promise<number> {
  const lang = langOf(opts);
  const { output, ...data } = await callApi(opts, (o) => validateRun({ ...o, annotate: opts.annotate }));
  const { errors, warnings } = countBySeverity(data.issues);
  const unreadable = data.issues.some((i) => i.code === 'file-error');

  if (opts.json) {
    const { written: _, ...json } = output;
    printJson(json);
  } else {
    const c = colors();
    const zh = lang === 'zh';
    const problemsOf = (file: string, sheet: string) =>
      data.issues.filter((i) => i.file === file && i.sheet === sheet && i.severity !== 'info').length;
    process.stdout.write(
      `${table(
        zh ? ['文件', '工作表', '记录类型', '读取行数', '排除行数', '问题'] : ['file', 'sheet', 'log', 'rows', 'excluded', 'issues'],
        data.tables.map((t) => [t.file, t.sheet, pick(LOGS[t.log].name, lang), t.rows, t.excluded, problemsOf(t.file, t.sheet)]),
      )}\n`,
    );
    const shown = data.issues.slice(0, MAX_LINES);
    for (const i of shown) process.stdout.write(`${formatIssue(i, lang, c)}\n`);
    if (data.issues.length > shown.length) {
      const more = data.issues.length - shown.length;
      process.stdout.write(zh ? `…… 另有 ${more} 条，完整列表见 --json 或 --annotate\n` : `… ${more} more; see --json or --annotate for all\n`);
    }
    const excluded = data.tables.reduce((n, t) => n + t.excluded, 0);
    const summary = zh
      ? `${data.tables.length} 张表，${errors} 个错误，${warnings} 个警告，排除 ${excluded} 行`
      : `${data.tables.length} tables, ${errors} errors, ${warnings} warnings, ${excluded} rows excluded`;
    process.stdout.write(`${errors ? c.red(summary) : warnings ? c.yellow(summary) : c.green(summary)}\n`);
    if (chatty(opts) && opts.annotate) {
      process.stderr.write(zh ? `标注副本已写入 ${opts.annotate}\n` : `annotated copies written to ${opts.annotate}\n`);
    }
  }
  return unreadable ? 2 : errors > 0 ? 1 : 0;
}
