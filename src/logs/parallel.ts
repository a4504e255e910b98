/**
 * Reads a folder's files on worker threads and this one at once: a month's exports are many files, and each
 * reads on its own; a big CSV file is cut into byte ranges at record boundaries (splitCsv), read apart too.
 * The largest go first, so that one big file does not finish last; the parts are merged in file order (a CSV's
 * ranges in byte order), so the dataset is the same as when read on one thread.
 */
import { Worker } from 'node:worker_threads';
import { appendRows, type RowList } from '../core/collections.js';
import { UsageError, type Issue } from '../core/issues.js';
import type { Bilingual } from '../core/lang.js';
import { readCsv, splitCsv, type CsvRange } from '../read/csv.js';
import { readTables, type DataFile } from '../read/files.js';
import { sniffFile } from '../read/sniff.js';
import type { RawRow } from '../read/types.js';
import { LOG_KEYS, type LogKey } from './declarations.js';
import { appendLines, linesEntries, revivedLines, type LineData } from './lines.js';
import {
  ENCODING_CHECK_ROWS, mayBeSplit, rangeBytes, readFilePart, readHead, rowsIn, adoptRecords,
  type FilePart, type LoadOptions, type ReadSettings, type StreamedTable, type TableInfo,
} from './load.js';
import { buildHeaderIndex, recognize, type HeaderIndex } from './recognize.js';
import type { ConsultationSink } from './sink.js';
import type { PassSpec } from '../score/passes.js';

export interface WorkerInit {
  settings: ReadSettings;
  sink?: PassSpec;
}

/** What a thread reads: a whole file, or a byte range of a big CSV (a range after the first is given the file's head). */
export interface ReadTask {
  file: DataFile;
  range?: CsvRange;
  head?: RawRow[];
}

export type WorkerReply = { progress: number } | { part: PostedPart } | { failure: string; usage?: Bilingual; exitCode?: number };

/** A part as a reading thread posts it: its LineTables as plain data (LineTable.post). */
type PostedPart = Omit<FilePart, 'lines'> & { lines: Partial<Record<LogKey, LineData[]>> };

/** Reads one task into a part, on whichever thread. */
export function readTask(task: ReadTask, settings: ReadSettings, index: HeaderIndex, sink: ConsultationSink | undefined, progress: (rows: number) => void): Promise<FilePart> {
  const tables = readTables(task.file, { encoding: settings.encoding, range: task.range });
  return readFilePart(task.file, tables, { settings, index, sink, progress, range: task.range && { head: task.head } });
}

/** `sizes`: the files' sizes in bytes, largest read first. */
export async function readInWorkers(files: readonly DataFile[], sizes: readonly number[], options: LoadOptions, threads: number): Promise<FilePart[]> {
  const settings: ReadSettings = { encoding: options.encoding, aliases: options.aliases, logs: options.logs, compact: options.compact };
  const init: WorkerInit = { settings, sink: options.consultations?.spec };
  // The workers load their modules while this thread cuts the big CSVs.
  const workers = Array.from({ length: threads - 1 }, () => new Worker(new URL('./worker.js', import.meta.url), { workerData: init }));
  const index = buildHeaderIndex(options.aliases);
  const sink = options.consultations;
  const pools = new Map<string, (s: string) => string>();
  try {
    const tasks: { task: ReadTask; of: number; bytes: number }[] = [];
    for (const [i, file] of files.entries()) {
      const ranges = mayBeSplit(file, sizes[i], rangeBytes(options)) ? await planRanges(file, settings, index, threads, rangeBytes(options)) : undefined;
      if (!ranges) tasks.push({ task: { file }, of: i, bytes: sizes[i] });
      else for (const { range, head } of ranges) tasks.push({ task: { file, range, head }, of: i, bytes: range.end - range.start });
    }
    const queue = tasks.map((_, t) => t).sort((a, b) => tasks[b].bytes - tasks[a].bytes || a - b);
    const taskParts: FilePart[] = new Array(tasks.length);
    const taskRows = new Array<number>(tasks.length).fill(0);
    const count = files.map((_, i) => tasks.filter((t) => t.of === i).length);
    const left = [...count];
    const fileRows = (i: number) => tasks.reduce((n, t, k) => n + (t.of === i ? taskRows[k] : 0), 0);
    const progress = (t: number, rows: number) => {
      taskRows[t] = rows;
      const i = tasks[t].of;
      options.onProgress?.({ file: files[i].file, files: files.length, rows: count[i] === 1 ? rows : fileRows(i), done: false });
    };
    const finished = (t: number) => {
      taskRows[t] = rowsIn(taskParts[t]);
      const i = tasks[t].of;
      if (--left[i] === 0) options.onProgress?.({ file: files[i].file, files: files.length, rows: fileRows(i), done: true });
    };

    const here = async () => {
      for (let t = queue.shift(); t !== undefined; t = queue.shift()) {
        const at = t;
        progress(at, 0);
        taskParts[at] = await readTask(tasks[at].task, settings, index, sink, (rows) => progress(at, rows));
        finished(at);
      }
    };
    const there = (worker: Worker) =>
      new Promise<void>((resolve, reject) => {
        let current: number | undefined;
        const next = () => {
          current = queue.shift();
          if (current === undefined) return resolve();
          progress(current, 0);
          worker.postMessage(tasks[current].task);
        };
        worker.on('message', (reply: WorkerReply) => {
          if ('progress' in reply) progress(current!, reply.progress);
          else if ('part' in reply) {
            const part = { ...reply.part, lines: revivedLines(reply.part.lines) };
            adoptRecords(part, pools);
            taskParts[current!] = part;
            finished(current!);
            next();
          } else reject(reply.usage ? new UsageError(reply.usage, reply.exitCode) : new Error(reply.failure));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => current !== undefined && reject(new Error(`a reading thread stopped (exit code ${code})`)));
        next();
      });
    await Promise.all([here(), ...workers.map(there)]);

    const parts: FilePart[] = [];
    for (const [i, file] of files.entries()) {
      const mine = tasks.flatMap((t, k) => (t.of === i ? [taskParts[k]] : []));
      // Anything a range cannot say as one pass would (an error, rows repeated across ranges): the file again, in one pass.
      parts.push(mine.length === 1 ? mine[0] : (mergeRanges(mine) ?? (await readTask({ file }, settings, index, sink, () => {}))));
    }
    return parts;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/**
 * A big CSV's ranges, each with the file's head (its first rows, where the header is), or undefined to read it
 * whole: it is not a log that is read, or it cannot be cut (splitCsv), or the head does not fit in the first range.
 */
async function planRanges(file: DataFile, settings: ReadSettings, index: HeaderIndex, threads: number, minBytes: number) {
  try {
    if ((await sniffFile(file.path, file.file)).kind !== 'csv') return undefined;
    const rows = readCsv(file.path, file.file, { encoding: settings.encoding }).rows[Symbol.asyncIterator]();
    const head = await readHead(rows);
    await rows.return?.();
    const found = recognize(head, index);
    if (found.kind !== 'log' || (settings.logs && !settings.logs.includes(found.log))) return undefined;
    const ranges = await splitCsv(file.path, file.file, { encoding: settings.encoding, parts: 2 * threads, minBytes });
    const last = head[head.length - 1]?.row ?? 0;
    if (!ranges || last > ranges[0].records) return undefined;
    return ranges.map((range, k) => ({ range, head: k === 0 ? undefined : head }));
  } catch {
    return undefined; // reading it whole reports what is wrong
  }
}

/** The message that posts a part from a reading thread, and the buffers it transfers (its LineTables' arrays: moved, not copied). */
export function partMessage(part: FilePart): { reply: WorkerReply; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = [];
  const lines: Partial<Record<LogKey, LineData[]>> = {};
  for (const [log, table] of linesEntries(part.lines)) {
    const posted = table.post();
    lines[log] = posted.data;
    transfer.push(...posted.transfer);
  }
  return { reply: { part: { ...part, lines } }, transfer };
}

/** One file's part from its ranges' parts, in byte order; undefined when it must be read in one pass. */
function mergeRanges(parts: FilePart[]): FilePart | undefined {
  if (parts.some((p) => p.tables.length !== 1 || p.issues.some((i) => i.code === 'file-error'))) return undefined;
  const info: TableInfo = { ...parts[0].tables[0] };
  // One pass checks the first rows for decoding damage until ENCODING_CHECK_ROWS data rows; ranges after the first do not.
  if (info.rows < ENCODING_CHECK_ROWS) return undefined;
  const issues: Issue[] = [];
  const merged: FilePart = { tables: [info], issues, records: parts[0].records, lines: parts[0].lines, headers: parts[0].headers, streamed: [] };
  for (const [k, p] of parts.entries()) {
    for (const i of p.issues) issues.push(i);
    if (k === 0) continue;
    const t = p.tables[0];
    info.rows += t.rows;
    info.excluded += t.excluded;
    if (t.latest !== undefined && !(t.latest <= (info.latest ?? -Infinity))) info.latest = t.latest;
    for (const key of LOG_KEYS) for (const r of p.records[key]) (merged.records[key] as unknown[]).push(r);
    appendLines(merged.lines, p.lines);
  }
  const streamed = parts.map((p) => p.streamed[0]).filter((s) => s !== undefined);
  if (streamed.length) {
    if (streamed.length !== parts.length || repeatedAcross(streamed)) return undefined;
    const rowsByName = new Map<string, RowList>();
    for (const s of streamed) {
      for (const [name, rows] of s.rowsByName) {
        const all = rowsByName.get(name);
        if (all) appendRows(all, rows);
        else rowsByName.set(name, rows);
      }
    }
    merged.streamed.push({ table: info, rowsByName, parts: streamed.flatMap((s) => s.parts), fingerprint: fingerprint(streamed) });
  }
  return merged;
}

/** Whether a row kept in one range equals one kept in another (one pass would have left the later one out). */
function repeatedAcross(streamed: StreamedTable[]): boolean {
  const all = new Float64Array(streamed.reduce((n, s) => n + (s.hashes?.length ?? 0), 0));
  let at = 0;
  for (const s of streamed) {
    all.set(s.hashes ?? [], at);
    at += s.hashes?.length ?? 0;
  }
  all.sort();
  for (let i = 1; i < all.length; i++) if (all[i] === all[i - 1]) return true;
  return false;
}

/** The fingerprint of the ranges' rows together (load.ts streamTo: the count and two sums, mod 2^32, of the row hashes). */
function fingerprint(streamed: StreamedTable[]): string {
  let kept = 0;
  let high = 0;
  let low = 0;
  for (const s of streamed) {
    if (!s.fingerprint) continue;
    const [k, h, l] = s.fingerprint.split(':').map(Number);
    kept += k;
    high = (high + h) % 2 ** 32;
    low = (low + l) % 2 ** 32;
  }
  return kept > 0 ? `${kept}:${high}:${low}` : '';
}
