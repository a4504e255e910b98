/** What every data command's console side shares: its options as the API takes them, progress bars, the exit status. */
import cliProgress from 'cli-progress';
import type { Issue } from '../core/issues.js';
import { resolveLang, type Lang } from '../core/lang.js';
import { unreadableFiles, type DataOptions, type OutputOptions } from '../api/inputs.js';
import type { FileProgress } from '../logs/load.js';

export interface CommonOptions {
  lang?: string;
  data?: string;
  recursive?: boolean;
  encoding?: string;
  rules?: string;
  strict?: boolean;
  json?: boolean;
  quiet?: boolean;
  out?: string;
  /** validate's --annotate folder. */
  annotate?: string;
}

export function langOf(opts: CommonOptions): Lang {
  return resolveLang(opts.lang);
}

/** Messages and progress go to stderr, and only when they can't disturb a pipe or a --json reader. */
export function chatty(opts: CommonOptions): boolean {
  return !opts.quiet && !opts.json;
}

/**
 * Runs an API call with the command's options: the workbooks written unless --json, and on a terminal the
 * progress bars of the files read.
 */
export async function callApi<T>(opts: CommonOptions, call: (options: DataOptions & OutputOptions) => Promise<T>): Promise<T> {
  const lang = langOf(opts);
  const bars = chatty(opts) && process.stderr.isTTY ? progressBars(lang) : undefined;
  try {
    return await call({
      data: opts.data,
      recursive: opts.recursive,
      encoding: opts.encoding,
      rules: opts.rules,
      strict: opts.strict,
      lang,
      out: opts.out,
      write: !opts.json,
      onProgress: bars?.update,
    });
  } finally {
    bars?.stop();
  }
}

/**
 * On a terminal: a bar of the files read, and under it a line for each file being read, with its rows so far.
 * The bars go when the last file is read, before the workbooks are written.
 */
function progressBars(lang: Lang) {
  const multi = new cliProgress.MultiBar(
    { stream: process.stderr, hideCursor: true, clearOnComplete: true, format: `{bar} {value}/{total} ${lang === 'zh' ? '个文件' : 'files'}` },
    cliProgress.Presets.shades_classic,
  );
  const rowsFormat = `  {file}  {rows} ${lang === 'zh' ? '行' : 'rows'}`;
  const reading = new Map<string, cliProgress.SingleBar>();
  let overall: cliProgress.SingleBar | undefined;
  let finished = 0;
  let stopped = false;
  const stop = () => {
    if (!stopped) multi.stop();
    stopped = true;
  };
  return {
    update({ file, files, rows, done }: FileProgress) {
      overall ??= multi.create(files, 0);
      const bar = reading.get(file);
      if (done) {
        if (bar) multi.remove(bar);
        reading.delete(file);
        overall.update(++finished);
        if (finished === files) stop();
      } else if (bar) bar.update(0, { file, rows });
      else reading.set(file, multi.create(1, 0, { file, rows }, { format: rowsFormat }));
    },
    stop,
  };
}

/**
 * The exit status of a report command that ran to the end (docs/outputs.md#general): 0, or 2 when an input file could not
 * be read — the report is written all the same and lists the file in 校验问题, but it lacks that file's rows,
 * and a script must not take it for complete.
 */
export function doneStatus(opts: CommonOptions, issues: readonly Pick<Issue, 'code' | 'severity' | 'file'>[], lang: Lang): number {
  const files = unreadableFiles(issues);
  if (files.length === 0) return 0;
  if (!opts.quiet) {
    process.stderr.write(
      lang === 'zh'
        ? `有 ${files.length} 个文件无法读取，其中的记录未计入：${files.join('、')}\n`
        : `${files.length} input files could not be read; their rows are not included: ${files.join(', ')}\n`,
    );
  }
  return 2;
}
