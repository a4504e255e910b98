/** What every data command of the API shares: its options, the regulation's data settings, loading, the input checks. */
import { realpath } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { StrictError, UsageError, type Issue } from '../core/issues.js';
import { resolveLang, type Lang } from '../core/lang.js';
import type { Wall } from '../core/time.js';
import type { IncidentRules } from '../logs/crosscheck.js';
import { columnsOf, LOG_KEYS, LOGS, type LogKey } from '../logs/declarations.js';
import { loadData, type Dataset, type FileProgress, type TableInfo } from '../logs/load.js';
import type { ColumnAliases } from '../logs/recognize.js';
import type { ConsultationSink } from '../logs/sink.js';
import { checkEncoding } from '../read/csv.js';
import { incidentRulesOf, loadRegulation, type Regulation } from '../regulation/index.js';

/** The options of the commands that read a data folder, named as the CLI's (docs/cli.md). */
export interface DataOptions {
  /** The folder of .xlsx/.csv logs (--data; default `.`). */
  data?: string;
  /** Also read sub-folders (--recursive). */
  recursive?: boolean;
  /** CSV encoding (--encoding; default: detected). */
  encoding?: string;
  /** The regulation file (--rules; default: templates/regulation.yaml). */
  rules?: string;
  /** Any input error stops the command with a StrictError before anything is written (--strict). */
  strict?: boolean;
  /** Language of the messages in the result (--lang; default: from LC_ALL/LANG, else Chinese). */
  lang?: Lang;
  /** Threads to read on (1: this one only); default: ECOPS_THREADS, else every core for large inputs. */
  threads?: number | 'auto';
  /** Called as each file starts, as its rows are read and when it is done. */
  onProgress?: (event: FileProgress) => void;
}

/** The options of the commands that write workbooks. */
export interface OutputOptions {
  /** The folder for the workbooks (--out; default `./reports`); with `recursive`, never read as input. */
  out?: string;
  /** Write the workbooks into `out` (the CLI does unless --json); default false: only the result is returned. */
  write?: boolean;
}

export function langOf(options: { lang?: string }): Lang {
  return resolveLang(options.lang);
}

/** The parts of the regulation the data layer needs, and which logs the command reads. */
export interface DataSettings {
  aliases?: ColumnAliases;
  incidentRules?: IncidentRules;
  logs?: readonly LogKey[];
  /** Logs held column by column instead of as records (LoadOptions.compact). */
  compact?: readonly LogKey[];
  /** Where consultations go as they are read, instead of into the dataset (LoadOptions.consultations). */
  consultations?: ConsultationSink;
}

/** What reconcile and close read: the stock logs, and the staff list for the names in them. */
export const INVENTORY_LOGS: readonly LogKey[] = ['staff', 'skus', 'inbound', 'shipments', 'returns', 'stock_counts'];

/**
 * What score and annual read: every log the regulation assesses, and the product master for the SKUs of shipments
 * and returns. Not the inbound receipts and stock counts: no clause reads them (a big shop's year holds a million
 * counted lines), and their problems are reconcile's and close's to report.
 */
export const ASSESSMENT_LOGS: readonly LogKey[] = LOG_KEYS.filter((k) => k !== 'inbound' && k !== 'stock_counts');

/** The regulation file of `rules` (or the default one). */
export function regulationOf(options: { rules?: string }): Regulation {
  return options.rules ? loadRegulation(options.rules) : loadRegulation();
}

export function dataSettings(regulation: Regulation): DataSettings {
  return { aliases: regulation.columns, incidentRules: incidentRulesOf(regulation) };
}

/**
 * The folders ecops writes into (--out, --annotate) that lie strictly inside --data: with --recursive they are
 * not read as input, so the last run's reports and copies never come back as logs (a score workbook's 汇总
 * sheet has 姓名 and 岗位: it would read as a second staff list) and never count as inputs not to overwrite.
 */
export async function ownFolders(options: DataOptions & { out?: string; annotate?: string }): Promise<string[]> {
  if (!options.recursive) return [];
  const real = (p: string) => realpath(p).catch(() => resolve(p));
  const data = await real(options.data ?? '.');
  const inside: string[] = [];
  for (const dir of [options.out, options.annotate]) {
    if (dir === undefined) continue;
    const abs = await real(dir);
    if (abs.startsWith(data.endsWith(sep) ? data : data + sep)) inside.push(abs);
  }
  return inside;
}

export async function loadInputs(options: DataOptions & { out?: string; annotate?: string }, settings: DataSettings = {}): Promise<Dataset> {
  if (options.encoding) checkEncoding(options.encoding); // before any file is read
  return loadData(options.data ?? '.', {
    recursive: options.recursive,
    skip: await ownFolders(options),
    encoding: options.encoding,
    aliases: settings.aliases,
    incidentRules: settings.incidentRules,
    logs: settings.logs,
    compact: settings.compact,
    consultations: settings.consultations,
    threads: options.threads ?? threadsFromEnv(),
    onProgress: options.onProgress,
  });
}

/** ECOPS_THREADS=N reads on N threads whatever the input's size (1: never a worker); by default, every core for large inputs. */
function threadsFromEnv(): number | 'auto' {
  const n = Number(process.env.ECOPS_THREADS);
  return Number.isInteger(n) && n >= 1 ? n : 'auto';
}

/** Before computing: `strict` on the input's errors first (an unreadable file may be what is missing), then the logs required. */
export function checkInputs(options: DataOptions, data: Dataset, required: readonly LogKey[]): void {
  strictCheck(options, data.issues);
  requireLogs(data, required);
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

/** Rows excluded from every table read. */
export function excludedRows(tables: readonly TableInfo[]): number {
  return tables.reduce((n, t) => n + t.excluded, 0);
}

/** Input files the loader could not read at all (docs/cli.md#exit: exit status 2); their rows are in no result. */
export function unreadableFiles(issues: readonly Pick<Issue, 'code' | 'severity' | 'file'>[]): string[] {
  return [...new Set(issues.filter((i) => i.code === 'file-error' && i.severity === 'error').map((i) => i.file))];
}

/** docs/issues.md#checks `--strict`: any input error stops the command before anything is written (StrictError). */
export function strictCheck(options: DataOptions, issues: readonly Issue[]): void {
  if (!options.strict) return;
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (errors > 0) throw new StrictError(errors, unreadableFiles(issues).length > 0);
}
