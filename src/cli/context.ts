/** What every data command shares: language, the regulation's data settings, loading with progress. */
import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import cliProgress from 'cli-progress';
import { UsageError, type Issue } from '../core/issues.js';
import type { Wall } from '../core/time.js';
import { resolveLang, type Lang } from '../core/lang.js';
import type { IncidentRules } from '../logs/crosscheck.js';
import { loadData, type Dataset, type FileProgress, type TableInfo } from '../logs/load.js';
import type { ConsultationSink } from '../logs/sink.js';
import { checkEncoding } from '../read/csv.js';
import type { ColumnAliases } from '../logs/recognize.js';
import { columnsOf, LOGS, type LogKey } from '../logs/declarations.js';

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

/** The parts of the regulation the data layer needs, and which logs the command reads. */
export interface DataSettings {
  aliases?: ColumnAliases;
  incidentRules?: IncidentRules;
  logs?: readonly LogKey[];
  /** Where consultations go as they are read, instead of into the dataset (LoadOptions.consultations). */
  consultations?: ConsultationSink;
}

/** What reconcile and close read: the stock logs, and the staff list for the names in them. */
export const INVENTORY_LOGS: readonly LogKey[] = ['staff', 'skus', 'inbound', 'shipments', 'returns', 'stock_counts'];

/**
 * The folders ecops writes into (--out, --annotate) that lie strictly inside --data: with --recursive they are
 * not read as input, so the last run's reports and copies never come back as logs (a score workbook's 汇总
 * sheet has 姓名 and 岗位: it would read as a second staff list) and never count as inputs not to overwrite.
 */
export async function ownFolders(opts: CommonOptions): Promise<string[]> {
  if (!opts.recursive) return [];
  const real = (p: string) => realpath(p).catch(() => resolve(p));
  const data = await real(opts.data ?? '.');
  const inside: string[] = [];
  for (const dir of [opts.out, opts.annotate]) {
    if (dir === undefined) continue;
    const abs = await real(dir);
    if (abs.startsWith(data.endsWith(sep) ? data : data + sep)) inside.push(abs);
  }
  return inside;
}

export async function loadInputs(opts: CommonOptions, settings: DataSettings = {}): Promise<Dataset> {
  if (opts.encoding) checkEncoding(opts.encoding); // before any file is read
  const bars = chatty(opts) && process.stderr.isTTY ? progressBars(langOf(opts)) : undefined;
  try {
    return await loadData(opts.data ?? '.', {
      recursive: opts.recursive,
      skip: await ownFolders(opts),
      encoding: opts.encoding,
      aliases: settings.aliases,
      incidentRules: settings.incidentRules,
      logs: settings.logs,
      consultations: settings.consultations,
      threads: threadsOption(),
      onProgress: bars?.update,
    });
  } finally {
    bars?.stop();
  }
}

/** On a terminal: a bar of the files read, and under it a line for each file being read, with its rows so far. */
function progressBars(lang: Lang) {
  const multi = new cliProgress.MultiBar(
    { stream: process.stderr, hideCursor: true, clearOnComplete: true, format: `{bar} {value}/{total} ${lang === 'zh' ? '个文件' : 'files'}` },
    cliProgress.Presets.shades_classic,
  );
  const rowsFormat = `  {file}  {rows} ${lang === 'zh' ? '行' : 'rows'}`;
  const reading = new Map<string, cliProgress.SingleBar>();
  let overall: cliProgress.SingleBar | undefined;
  let finished = 0;
  return {
    update({ file, files, rows, done }: FileProgress) {
      overall ??= multi.create(files, 0);
      const bar = reading.get(file);
      if (done) {
        if (bar) multi.remove(bar);
        reading.delete(file);
        overall.update(++finished);
      } else if (bar) bar.update(0, { file, rows });
      else reading.set(file, multi.create(1, 0, { file, rows }, { format: rowsFormat }));
    },
    stop: () => multi.stop(),
  };
}

/** ECOPS_THREADS=N reads on N threads whatever the input's size (1: never a worker); by default, every core for large inputs. */
function threadsOption(): number | 'auto' {
  const n = Number(process.env.ECOPS_THREADS);
  return Number.isInteger(n) && n >= 1 ? n : 'auto';
}

/** Before computing: `--strict` on the input's errors first (an unreadable file may be what is missing), then the logs required. */
export function checkInputs(opts: CommonOptions, data: Dataset, required: readonly LogKey[], lang: Lang): number {
  const stopped = strictStop(opts, data.issues, lang);
  if (stopped) return stopped;
  requireLogs(data, required);
  return 0;
}

/**
 * A command cannot run without these logs (score: the staff list; reconcile: the product master and the
 * counts; close: the product master): stop with exit 2 naming what is missing.
 */
export function requireLogs(data: Dataset, logs: readonly LogKey[]): void {
  const present = logsPresent(data.tables);
  const missing = logs.filter((l) => !present.has(l));
  if (missing.length === 0) return;
  const names = missing.map((l) => LOGS[l].name);
  const headers = missing.map((l) => LOGS[l].required.map((k) => columnsOf(l)[k].header).join('、'));
  throw new UsageError({
    zh: `数据中没有${names.map((n, i) => `「${n.zh}」表（表头须有 ${headers[i]}）`).join('、')}，无法计算`,
    en: `the data has no ${names.map((n, i) => `${n.en} table (its header needs ${headers[i]})`).join(', ')}; cannot go on`,
  });
}

/** The logs that have at least one table, even one with a header and no rows (nothing happened). */
export function logsPresent(tables: readonly TableInfo[]): Set<LogKey> {
  return new Set(tables.map((t) => t.log));
}

/** Where the data ends: the latest instant in any table read, if any. */
export function dataEndOf(tables: readonly TableInfo[]): Wall | undefined {
  let latest: Wall | undefined;
  for (const t of tables) if (t.latest !== undefined && (latest === undefined || t.latest > latest)) latest = t.latest;
  return latest;
}

/** Input files the loader could not read at all (docs/cli.md#exit: exit status 2); their rows are in no result. */
export function unreadableFiles(issues: readonly Issue[]): string[] {
  return [...new Set(issues.filter((i) => i.code === 'file-error' && i.severity === 'error').map((i) => i.file))];
}

/**
 * docs/issues.md#checks `--strict`: any input error stops the command before anything is written: exit 1, or 2 when
 * the error is a file that cannot be read (docs/cli.md#exit). Returns 0 when the command goes on.
 */
export function strictStop(opts: CommonOptions, issues: readonly Issue[], lang: Lang): number {
  if (!opts.strict) return 0;
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (errors === 0) return 0;
  process.stderr.write(
    lang === 'zh'
      ? `--strict：输入有 ${errors} 个错误，未生成报表（用 ecops validate 查看）\n`
      : `--strict: ${errors} input errors, no report written (see ecops validate)\n`,
  );
  return unreadableFiles(issues).length > 0 ? 2 : 1;
}

/**
 * The exit status of a report command that ran to the end (docs/outputs.md#general): 0, or 2 when an input file could not
 * be read — the report is written all the same and lists the file in 校验问题, but it lacks that file's rows,
 * and a script must not take it for complete.
 */
export function doneStatus(opts: CommonOptions, issues: readonly Issue[], lang: Lang): number {
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
