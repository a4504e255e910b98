/** What every data command shares: language, the regulation's data settings, loading with progress. */
import cliProgress from 'cli-progress';
import type { Issue } from '../core/issues.js';
import { resolveLang, type Lang } from '../core/lang.js';
import type { IncidentRules } from '../logs/crosscheck.js';
import { loadData, type Dataset } from '../logs/load.js';
import { checkEncoding } from '../read/csv.js';
import type { ColumnAliases } from '../logs/recognize.js';

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
}

export function langOf(opts: CommonOptions): Lang {
  return resolveLang(opts.lang);
}

/** Messages and progress go to stderr, and only when they can't disturb a pipe or a --json reader. */
export function chatty(opts: CommonOptions): boolean {
  return !opts.quiet && !opts.json;
}

/** The parts of the regulation the data layer needs. */
export interface DataSettings {
  aliases?: ColumnAliases;
  incidentRules?: IncidentRules;
}

export async function loadInputs(opts: CommonOptions, settings: DataSettings = {}): Promise<Dataset> {
  if (opts.encoding) checkEncoding(opts.encoding); // before any file is read
  const bar =
    chatty(opts) && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          { format: '{bar} {value}/{total} {file} {rows}', stream: process.stderr, hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  let started = false;
  try {
    return await loadData(opts.data ?? '.', {
      recursive: opts.recursive,
      encoding: opts.encoding,
      aliases: settings.aliases,
      incidentRules: settings.incidentRules,
      onProgress: bar
        ? ({ file, index, total, rows }) => {
            if (!started) bar.start(total, 0, { file, rows: '' });
            started = true;
            bar.update(index, { file, rows: rows ? `${rows}` : '' });
          }
        : undefined,
    });
  } finally {
    bar?.stop();
  }
}

/** SPEC §1.5 `--strict`: any input error stops the command with exit 1 before anything is written. */
export function strictStop(opts: CommonOptions, issues: readonly Issue[], lang: Lang): boolean {
  if (!opts.strict) return false;
  const errors = issues.filter((i) => i.severity === 'error').length;
  if (errors === 0) return false;
  process.stderr.write(
    lang === 'zh'
      ? `--strict：输入有 ${errors} 个错误，未生成报表（用 ecops validate 查看）\n`
      : `--strict: ${errors} input errors, no report written (see ecops validate)\n`,
  );
  return true;
}
