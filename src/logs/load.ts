/** read → recognise → coerce and validate → typed records (docs/inputs.md). */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { pushRow, rowList, sharing, type RowList } from '../core/collections.js';
import { FileError, type Issue, type Source } from '../core/issues.js';
import { listDataFiles, readTables, type DataFile } from '../read/files.js';
import type { Cell, RawRow, RawTable } from '../read/types.js';
import { displayCell, Invalid, lostDigits } from './columns.js';
import { checkStreamedStaff, crossCheck, duplicateRow, duplicateTable, tableKey, type IncidentRules } from './crosscheck.js';
import { columnsOf, emptyRecords, LOG_KEYS, LOGS, type Consultation, type LogKey, type Records } from './declarations.js';
import type { RowProblem } from './define.js';
import { buildHeaderIndex, recognize, type ColumnAliases, type HeaderIndex } from './recognize.js';
import type { ConsultationSink } from './sink.js';
import { appendLines, linesEntries, tableOf, type Lines } from './lines.js';

export interface TableInfo {
  file: string;
  sheet: string;
  log: LogKey;
  /** The spreadsheet row holding the header. */
  headerRow: number;
  /** Data rows read (blank and total rows not included), used or excluded. */
  rows: number;
  excluded: number;
  /** The latest instant in the table's date and time columns (where its data ends), if any. */
  latest?: number;
}

export interface Dataset {
  tables: TableInfo[];
  records: Records;
  /** The logs held column by column (`LoadOptions.compact`); their `records` are empty. */
  lines: Lines;
  issues: Issue[];
}

export interface LoadOptions {
  recursive?: boolean;
  /** Real paths of sub-folders not to read (ecops's own output folders inside the data folder). */
  skip?: readonly string[];
  encoding?: string;
  aliases?: ColumnAliases;
  /**
   * Read only these logs: a table of another log is recognised by its header and its rows are never parsed
   * (reconcile and close need not read a million consultations). Default: all.
   */
  logs?: readonly LogKey[];
  /** Rule codes an incident may name, with their points; checks incidents when given. */
  incidentRules?: IncidentRules;
  /**
   * Hold these logs' rows column by column (`Dataset.lines`, ~85 bytes a shipment line instead of ~265), not as
   * records: for `annual`, whose year of a big shop is millions of lines.
   */
  compact?: readonly LogKey[];
  /** Takes the consultations as they are read; records.consultations then stays empty. */
  consultations?: ConsultationSink;
  /** Threads to read files on (1: this one); 'auto': every core, when the input is large enough to gain. */
  threads?: number | 'auto';
  /** On more than one thread, a CSV of at least twice this many bytes is read in ranges of at least this many (default 4 MiB). */
  rangeBytes?: number;
  /** Called as each file starts, as its rows are read, and when it is done, for progress bars. */
  onProgress?: (event: FileProgress) => void;
}

/** How far reading one of `files` files has got. */
export interface FileProgress {
  file: string;
  files: number;
  rows: number;
  done: boolean;
}

/** A table of streamed consultations: its row numbers per staff name, and its part of the sink. */
export interface StreamedTable {
  table: TableInfo;
  rowsByName: Map<string, RowList>;
  /** The sink parts' data (ConsultationPart.done), in row order: one, or one per range of a CSV read in ranges. */
  parts: unknown[];
  /** A range's kept rows' hashes, sorted: rows repeated across ranges are found from them (parallel.ts). */
  hashes?: Float64Array;
  /** Its rows kept, as a multiset: equal for two tables that hold the same rows (a copy of a file); '' for none. */
  fingerprint: string;
}

/** table → column key → header as written and its index. */
export type Headers = Map<string, Map<string, { header: string; index: number }>>;

/** What one file adds to the dataset: read on its own, in this thread or a worker, and merged in file order. */
export interface FilePart {
  tables: TableInfo[];
  issues: Issue[];
  records: Records;
  lines: Lines;
  headers: Headers;
  streamed: StreamedTable[];
}

/** What reading one file needs: plain data, so that a worker thread can take it. */
export type ReadSettings = Pick<LoadOptions, 'encoding' | 'aliases' | 'logs' | 'compact'>;

const HEADER_SEARCH_ROWS = 10;
const TOTAL_ROW = /^(合计|总计|小计|合計|總計)/;
/** Below this much input, starting worker threads costs more than it saves. */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
/** Files read at once on one thread. */
const IN_THREAD_FILES = 4;

/** Every table of every file in `dir`, validated. A file that cannot be read is an issue, not a crash. */
export async function loadData(dir: string, options: LoadOptions = {}): Promise<Dataset> {
  return loadFiles(await listDataFiles(dir, { recursive: options.recursive, skip: options.skip }), options);
}

/**
 * The same over files already listed, each read into tables by `read` (by default from disk, with worker
 * threads when `threads` allows; property tests hand in tables built in memory).
 */
export async function loadFiles(files: readonly DataFile[], options: LoadOptions = {}, read?: (f: DataFile) => AsyncIterable<RawTable>): Promise<Dataset> {
  const sink = options.consultations;
  const wanted = read ? 1 : (options.threads ?? 1);
  const sizes = wanted === 1 ? [] : await fileSizes(files);
  const threads = threadsFor(files, sizes, wanted, rangeBytes(options));
  const parts =
    threads > 1
      ? await (await import('./parallel.js')).readInWorkers(files, sizes, options, threads)
      : await readInThread(files, options, read ?? ((f) => readTables(f, { encoding: options.encoding })));

  const records = emptyRecords();
  const lines: Lines = {};
  const tables: TableInfo[] = [];
  const issues: Issue[] = [];
  const headers: Headers = new Map();
  const streamed: StreamedTable[] = [];
  // Streamed tables are merged into the sink unless they repeat an earlier one whole (a copied file).
  const streamedCopies = new Map<string, TableInfo>();
  for (const part of parts) {
    tables.push(...part.tables);
    append(issues, part.issues);
    for (const k of LOG_KEYS) append(records[k] as unknown[], part.records[k]);
    appendLines(lines, part.lines);
    for (const [key, columns] of part.headers) headers.set(key, columns);
    for (const s of part.streamed) {
      const original = s.fingerprint ? streamedCopies.get(s.fingerprint) : undefined;
      if (original) {
        issues.push(duplicateTable(s.table, original, s.table.rows));
        s.table.excluded = s.table.rows;
        continue;
      }
      streamedCopies.set(s.fingerprint, s.table);
      streamed.push(s);
      for (const p of s.parts) sink?.merge(p);
    }
  }
  const excluded = crossCheck(records, issues, options.incidentRules, (source, log, column) =>
    headers.get(tableKey(source))?.get(column) ?? { header: columnsOf(log)[column]?.header ?? column }, lines);
  for (const t of tables) t.excluded += excluded.get(tableKey(t)) ?? 0;
  sink?.exclude(checkStreamedStaff(streamed, records.staff, headers, issues));
  issues.sort(compareIssues);
  return { tables, records, lines, issues };
}

/** The files' sizes in bytes (0 for one that cannot be read: its error comes when it is read). */
const fileSizes = (files: readonly DataFile[]) => Promise.all(files.map((f) => stat(f.path).then((s) => s.size, () => 0)));

/** A CSV file of two ranges or more may be read in byte ranges on several threads (parallel.ts). */
const RANGE_BYTES = 4 * 1024 * 1024;
export const rangeBytes = (options: LoadOptions) => options.rangeBytes ?? RANGE_BYTES;
export const mayBeSplit = (f: DataFile, size: number, range: number) => size >= 2 * range && /\.csv$/i.test(f.file);

/** `threads` for these files and sizes, unless the input is too small to be worth more than one. A big CSV counts as its ranges. */
function threadsFor(files: readonly DataFile[], sizes: readonly number[], threads: number | 'auto', range: number): number {
  const items = files.reduce((n, f, i) => n + (mayBeSplit(f, sizes[i] ?? 0, range) ? Math.floor(sizes[i] / range) : 1), 0);
  if (threads === 'auto') {
    if (items < 2) return 1;
    return sizes.reduce((a, b) => a + b, 0) < PARALLEL_MIN_BYTES ? 1 : Math.min(items, availableParallelism());
  }
  return Math.max(1, Math.min(items, threads));
}

async function readInThread(files: readonly DataFile[], options: LoadOptions, read: (f: DataFile) => AsyncIterable<RawTable>): Promise<FilePart[]> {
  const index = buildHeaderIndex(options.aliases);
  const parts: FilePart[] = new Array<FilePart>(files.length);
  // A few files at once: while one waits for the disk another parses. Each file reads into a part of its own,
  // merged in file order by the caller, so the result is the same as one at a time.
  let next = 0;
  const reader = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const f = files[i];
      const progress = (rows: number, done = false) => options.onProgress?.({ file: f.file, files: files.length, rows, done });
      progress(0);
      parts[i] = await readFilePart(f, read(f), { settings: options, index, sink: options.consultations, progress });
      progress(rowsIn(parts[i]), true);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_THREAD_FILES, files.length) }, reader));
  return parts;
}

/** Reads one file's tables into a part of its own. A file that fails part-way is dropped whole: its error stands alone, never beside half its rows. */
export async function readFilePart(
  f: DataFile,
  tablesOfFile: AsyncIterable<RawTable>,
  context: {
    settings: ReadSettings;
    index: HeaderIndex;
    sink?: ConsultationSink;
    progress: (rows: number) => void;
    /** Reading a range of a CSV (parallel.ts); `head`: the file's first rows, for a range after the first. */
    range?: { head?: RawRow[] };
  },
): Promise<FilePart> {
  const part = emptyPart();
  const state: LoadState = { ...part, index: context.index, wanted: context.settings.logs, compact: context.settings.compact, sink: context.sink, range: context.range };
  try {
    for await (const table of tablesOfFile) {
      const info = await readTable(table, state, context.progress);
      if (info) part.tables.push(info);
    }
  } catch (err) {
    if (!(err instanceof FileError)) throw err; // anything else is a bug or bad usage
    return { ...emptyPart(), issues: [{ severity: 'error', code: 'file-error', file: f.file, message: err.text }] };
  }
  // Its rows are all read: the tables' lookups of pooled text go now, not when the parts are merged once every file
  // is read (a year's shipment files held ~100 MB of them on the main thread).
  for (const [, table] of linesEntries(part.lines)) table.seal();
  return part;
}

const emptyPart = (): FilePart => ({ tables: [], issues: [], records: emptyRecords(), lines: {}, headers: new Map(), streamed: [] });

/** The data rows a file's tables hold. */
export const rowsIn = (part: FilePart) => part.tables.reduce((n, t) => n + t.rows, 0);

/** `target.push(...items)` without putting every item on the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** Code-unit order, the same as the file listing, so output is identical on every machine. */
function compareIssues(a: Issue, b: Issue): number {
  const text = (x = '', y = '') => (x < y ? -1 : x > y ? 1 : 0);
  return text(a.file, b.file) || text(a.sheet, b.sheet) || (a.row ?? 0) - (b.row ?? 0);
}

/** The row's first non-blank cell; undefined for a blank row. */
function firstValue(row: RawRow): Exclude<Cell, null> | undefined {
  for (const c of row.cells) if (c !== null && !(typeof c === 'string' && c.trim() === '')) return c;
  return undefined;
}

/** What reading a file's tables adds to. */
interface LoadState {
  index: HeaderIndex;
  records: Records;
  lines: Lines;
  compact?: readonly LogKey[];
  issues: Issue[];
  headers: Headers;
  wanted?: readonly LogKey[];
  sink?: ConsultationSink;
  streamed: StreamedTable[];
  range?: { head?: RawRow[] };
}

/** Reads one table into `records`; returns its summary, or undefined when it is not a log. */
async function readTable(table: RawTable, state: LoadState, progress: (rows: number) => void): Promise<TableInfo | undefined> {
  const { index, records, issues, headers, wanted, sink } = state;
  const at = { file: table.file, sheet: table.sheet };
  const iterator = table.rows[Symbol.asyncIterator]();
  // A range of a CSV after the first has its file's head given: the first range reads it and says what it holds.
  const given = state.range?.head;
  const head = given ?? (await readHead(iterator));
  const found = recognize(head, index);
  const garbled = head.find((r) => r.cells.some(isGarbled));
  if (found.kind !== 'log' || (wanted && !wanted.includes(found.log))) {
    await iterator.return?.();
    if (found.kind !== 'log' && !given) issues.push(garbled ? encodingIssue(at, 'error', garbled.row) : unrecognised(found, at, head));
    return undefined;
  }
  if (garbled && !given) issues.push(encodingIssue(at, 'warning', garbled.row));
  let checkEncoding = !garbled && !given; // until one damaged cell is found among the first rows
  const log = LOGS[found.log];
  const columns = columnsOf(found.log);
  const headerRow = head[found.at].row;
  for (const d of given ? [] : found.duplicates) {
    issues.push({ severity: 'error', code: 'duplicate-column', ...at, row: headerRow, column: d.header, columnIndex: d.index, value: d.header, message: d.message });
  }
  const headerOf = new Map([...found.columns].map(([i, key]) => [key, found.headers.get(i) ?? key]));
  headers.set(tableKey(at), new Map([...found.columns].map(([index, key]) => [key, { header: headerOf.get(key)!, index }])));
  const indexOf = new Map([...found.columns].map(([i, key]) => [key, i]));
  // Every column of the log, with where it sits in this table (-1: absent, read as blank).
  const plan = Object.entries(columns).map(([key, col]) => ({ key, read: col.read, at: indexOf.get(key) ?? -1 }));
  const make = recordMaker(found.log, plan.map((p) => p.key));
  const values: unknown[] = new Array(plan.length);
  const info: TableInfo = { ...at, log: found.log, headerRow, rows: 0, excluded: 0 };
  const streamed = found.log === 'consultations' && sink ? streamTo(sink, info, state.streamed, issues, state.range !== undefined) : undefined;
  const keep = streamed ? streamed.keep : state.compact?.includes(found.log) ? pushTo(tableOf(state.lines, found.log)) : pushTo(records[found.log] as unknown[]);
  // Identifier cells whose digits Excel may have lost, and the columns where the data's latest instant is
  // looked for (the event logs' dates and times; the staff list's and the master's are not events).
  const identifiers = plan.filter((p) => p.at >= 0 && columns[p.key].identifier);
  const times = MASTER_LOGS.has(found.log) ? [] : plan.flatMap((p, j) => (p.at >= 0 && TIME_KINDS.has(columns[p.key].kind) ? [j] : []));
  let latest = -Infinity;

  // The row being read, and whether it has an error: what `report` adds to (one closure per table, not per row).
  let raw: RawRow = { row: 0, cells: [] };
  let failed = false;
  const report = (column: string, severity: Issue['severity'], code: Issue['code'], message: Issue['message']) => {
    if (severity === 'error') failed = true;
    const idx = indexOf.get(column);
    issues.push({
      severity,
      code,
      ...at,
      row: raw.row,
      column: headerOf.get(column) ?? columns[column]?.header ?? column,
      columnIndex: idx,
      value: idx === undefined ? '' : displayCell(raw.cells[idx] ?? null),
      message,
    });
  };
  const reportProblem = (p: RowProblem) => report(p.column, p.severity, p.code, p.message);

  const processRow = (row: RawRow) => {
    const first = firstValue(row);
    if (first === undefined) return; // blank row
    if (typeof first === 'string' && TOTAL_ROW.test(first.trim())) {
      issues.push({ severity: 'info', code: 'total-row', ...at, row: row.row, value: first, message: { zh: '合计行，已跳过', en: 'total row, skipped' } });
      return;
    }
    info.rows++;
    raw = row;
    failed = false;
    // The hot path: each column's reader straight into the record.
    const cells = row.cells;
    for (let j = 0; j < plan.length; j++) {
      const { key, read, at: i } = plan[j];
      const value = read(i < 0 ? null : (cells[i] ?? null));
      if (value instanceof Invalid) report(key, 'error', value.problem.code, value.problem.message);
      else values[j] = value;
    }
    for (const { key, at: i } of identifiers) {
      if (lostDigits(cells[i] ?? null)) report(key, 'warning', 'precision-lost', PRECISION_LOST);
    }
    if (checkEncoding && info.rows <= ENCODING_CHECK_ROWS && cells.some(isGarbled)) {
      issues.push(encodingIssue(at, 'warning', row.row));
      checkEncoding = false;
    }
    if (failed) {
      info.excluded++;
      return;
    }
    for (const j of times) if ((values[j] as number | undefined) !== undefined && (values[j] as number) > latest) latest = values[j] as number;
    const rec = make({ file: at.file, sheet: at.sheet, row: row.row }, values);
    log.check?.(rec as never, reportProblem);
    if (rec.exempt === true && !rec.exempt_reason) {
      report('exempt_reason', 'warning', 'exempt-without-reason', {
        zh: '标记了豁免但没有填写豁免原因，豁免不生效',
        en: 'marked exempt without a reason; the exemption does not apply',
      });
      rec.exempt = false;
    }
    if (failed) info.excluded++;
    else if (streamed?.repeats(values, row.row)) info.excluded++;
    else keep(rec, row.row);
  };

  if (!given) for (const raw of head.slice(found.at + 1)) processRow(raw);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    processRow(next.value);
    if ((info.rows & 0xfff) === 0) progress(info.rows);
  }
  progress(info.rows);
  streamed?.done();
  if (latest > -Infinity) info.latest = latest;
  return info;
}

/**
 * A table's first rows that hold anything, where its header is looked for: blank rows (which a CSV has as empty
 * lines and a workbook usually leaves out of its XML) are skipped here as they are below.
 */
export async function readHead(iterator: AsyncIterator<RawRow>): Promise<RawRow[]> {
  const head: RawRow[] = [];
  while (head.length < HEADER_SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    if (firstValue(next.value) !== undefined) head.push(next.value);
  }
  return head;
}

/** The staff list and the product master hold no events: their dates (入职, 期初) do not say where the data ends. */
const MASTER_LOGS: ReadonlySet<LogKey> = new Set(['staff', 'skus']);
const TIME_KINDS: ReadonlySet<string> = new Set(['datetime', 'date']);
/** Data rows checked for decoding damage at the top of a table. */
export const ENCODING_CHECK_ROWS = 200;

const PRECISION_LOST = {
  zh: 'Excel 只保留 15 位有效数字，此编号已丢失位数，不同的编号可能已变成同一个；请把该列设为文本后重新录入',
  en: 'Excel keeps 15 significant digits: this identifier has lost digits, and different ones may have become one; format the column as text and enter it again',
};

/**
 * Text showing decoding damage: U+FFFD, 锟斤拷 (GBK bytes of U+FFFD read back), or UTF-8 read as Latin-1/Windows-1252
 * (a lead byte Â–ï followed by a continuation byte, as in "å¼ ä¸‰" for 张三).
 */
const GARBLED = /\uFFFD|锟斤拷|[\u00C2-\u00EF][\u0080-\u00BF\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC\u2013\u2014\u2018-\u201E\u2020-\u2022\u2026\u2030\u2039\u203A\u20AC\u2122]/;
const isGarbled = (cell: Cell) => typeof cell === 'string' && GARBLED.test(cell);

function encodingIssue(at: { file: string; sheet: string }, severity: 'error' | 'warning', row?: number): Issue {
  return {
    severity, code: 'encoding', ...at, ...(row !== undefined ? { row } : {}),
    message: severity === 'error'
      ? { zh: '表头是乱码，无法识别，此表未读取；文件可能以错误的编码保存，请用 --encoding 指定（如 gbk、utf-8）后重试', en: 'the header is garbled and cannot be recognised; the table is not read. The file may be in another encoding: try --encoding (gbk, utf-8)' }
      : { zh: '文字有乱码，文件可能以错误的编码保存或读取；请检查，或用 --encoding 指定（如 gbk、utf-8）', en: 'the text shows decoding damage; the file may be in another encoding: check it, or try --encoding (gbk, utf-8)' },
  };
}

const makers = new Map<LogKey, (source: Source, values: readonly unknown[]) => Record<string, unknown>>();

/**
 * Builds a log's records in one step, `{ source, key0: v[0], key1: v[1], … }`, compiled once per log from
 * its declaration: every record gets one compact shape without the map migrations that a template copy
 * followed by keyed stores costs (~6× as long, bench/README.md). The keys are our own column keys.
 */
export function recordMaker(log: LogKey, keys: readonly string[]) {
  let make = makers.get(log);
  if (!make) {
    const fields = keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ');
    make = new Function('source', 'v', `return { source, ${fields} };`) as (source: Source, values: readonly unknown[]) => Record<string, unknown>;
    makers.set(log, make);
  }
  return make;
}

const readers = new Map<LogKey, (r: object, into: unknown[]) => void>();

/**
 * Copies a record's columns into `into`, compiled once per log from its declaration: `r.key` for each column, not
 * `r[keys[k]]` (a lookup by a varying key is several times slower, and runs for every column of millions of rows).
 * The keys are our own column keys.
 */
export function columnReader(log: LogKey, keys: readonly string[]) {
  let read = readers.get(log);
  if (!read) {
    const body = keys.map((k, i) => `into[${i}] = r[${JSON.stringify(k)}];`).join(' ');
    read = new Function('r', 'into', body) as (r: object, into: unknown[]) => void;
    readers.set(log, read);
  }
  return read;
}

/**
 * Makes the records of a part read on another thread like this thread's. A message copies every string of every
 * record (a file name, a staff name, a carrier per row) and rebuilds each record property by property, so that lines
 * read on a worker held ~100 bytes more each than lines read here: ~0.2 GB on a year of a big shop. Each record is
 * made again by recordMaker, its file, sheet and text values the first copy seen here, through one pool per column
 * (`pools`, kept for the whole read).
 */
export function adoptRecords(part: FilePart, pools: Map<string, (s: string) => string>): void {
  const pool = (column: string): ((s: unknown) => unknown) => {
    let share = pools.get(column);
    if (!share) pools.set(column, (share = sharing(POOL_LIMIT))); // a column of distinct values (order numbers) stops
    const shared = share;
    return (s) => (typeof s === 'string' ? shared(s) : s);
  };
  const source = pool('\u0000source') as (s: string) => string;
  for (const log of LOG_KEYS) {
    const records = part.records[log] as { source: Source }[];
    if (records.length === 0) continue;
    const columns = Object.entries(columnsOf(log));
    const keys = columns.map(([key]) => key);
    const read = columnReader(log, keys);
    const make = recordMaker(log, keys);
    const text = columns.flatMap(([key, col], j) => (TEXT_KINDS.has(col.kind) ? [{ j, pooled: pool(`${log}.${key}`) }] : []));
    const values: unknown[] = new Array(keys.length);
    for (let i = 0; i < records.length; i++) {
      const { file, sheet, row } = records[i].source;
      read(records[i], values);
      for (const { j, pooled } of text) values[j] = pooled(values[j]);
      records[i] = make({ file: source(file), sheet: source(sheet), row }, values) as unknown as { source: Source };
    }
  }
}

/** Values pooled per column before a column counts as one of distinct values (order numbers) and stops growing. */
const POOL_LIMIT = 1 << 16;
export const TEXT_KINDS: ReadonlySet<string> = new Set(['text', 'name', 'enum']);

const pushTo = (target: { push(rec: never): unknown }) => (rec: unknown) => void target.push(rec as never);

/**
 * Streamed consultations go to a sink part of their own per table. A row equal to an earlier row of the table
 * is left out (its 53-bit hash is remembered, not the row); the table's fingerprint, its row hashes summed,
 * lets the loader leave out a table that repeats another whole.
 */
function streamTo(sink: ConsultationSink, table: TableInfo, out: StreamedTable[], issues: Issue[], keepHashes: boolean) {
  const part = sink.part();
  const st: StreamedTable = { table, rowsByName: new Map(), parts: [], fingerprint: '' };
  out.push(st);
  const seen = new RowHashes();
  let high = 0;
  let low = 0;
  let kept = 0;
  return {
    repeats(values: readonly unknown[], row: number): boolean {
      const h = rowHash(values);
      const first = seen.get(h);
      if (first !== undefined) {
        issues.push(duplicateRow({ file: table.file, sheet: table.sheet, row }, { file: table.file, sheet: table.sheet, row: first }));
        return true;
      }
      seen.set(h, row);
      high = (high + Math.floor(h / 2 ** 21)) % 2 ** 32;
      low = (low + (h % 2 ** 21)) % 2 ** 32;
      kept++;
      return false;
    },
    keep(rec: unknown, row: number) {
      const c = rec as Consultation;
      let rows = st.rowsByName.get(c.staff);
      if (!rows) st.rowsByName.set(c.staff, (rows = rowList()));
      pushRow(rows, row);
      part.add(c);
    },
    done() {
      st.parts = [part.done()];
      st.fingerprint = kept > 0 ? `${kept}:${high}:${low}` : '';
      if (keepHashes) st.hashes = seen.keys().sort();
    },
  };
}

/**
 * The kept rows' hashes of one table and the row each was first seen in: a Map of a million rows (one sheet of a
 * month) holds ~45 bytes a row and doubles its table as it grows; open addressing in two typed arrays holds 12–24.
 */
export class RowHashes {
  private hashes: Float64Array;
  private rows: Int32Array;
  private size = 0;

  /** `expected`: the keys it will hold at most, when known (made at its full size, it never grows by copying). */
  constructor(expected = 512) {
    const slots = 2 ** Math.ceil(Math.log2(2 * Math.max(expected, 512)));
    this.hashes = new Float64Array(slots);
    this.rows = new Int32Array(slots);
  }

  /** The row `h` was first seen in, or undefined. A hash is never 0 here: 0 marks an empty slot. */
  get(h: number): number | undefined {
    const i = this.slot(h + 1);
    return this.hashes[i] === 0 ? undefined : this.rows[i];
  }

  set(h: number, row: number): void {
    if (2 * (this.size + 1) > this.hashes.length) this.grow();
    const i = this.slot(h + 1);
    if (this.hashes[i] === 0) this.size++;
    this.hashes[i] = h + 1;
    this.rows[i] = row;
  }

  keys(): Float64Array {
    const out = new Float64Array(this.size);
    let n = 0;
    for (const h of this.hashes) if (h !== 0) out[n++] = h - 1;
    return out;
  }

  /** The slot holding `key` (hash + 1), or the empty one where it goes: linear probing from its low bits. */
  private slot(key: number): number {
    const mask = this.hashes.length - 1;
    let i = (key % 2 ** 31) & mask;
    while (this.hashes[i] !== 0 && this.hashes[i] !== key) i = (i + 1) & mask;
    return i;
  }

  private grow(): void {
    const { hashes, rows } = this;
    this.hashes = new Float64Array(hashes.length * 2);
    this.rows = new Int32Array(hashes.length * 2);
    for (let i = 0; i < hashes.length; i++) {
      if (hashes[i] === 0) continue;
      const j = this.slot(hashes[i]);
      this.hashes[j] = hashes[i];
      this.rows[j] = rows[i];
    }
  }
}

/**
 * A 53-bit hash of a row's values (two FNV-1a lanes): values equal as text hash alike; 1M distinct rows collide with
 * odds ~1e-4. A number is hashed by its bits, not its text (no string per time and quantity of millions of rows): a
 * column's values are all of one type (columns.ts), and two numbers are equal as text exactly when equal as numbers.
 */
export function rowHash(values: readonly unknown[]): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ values.length;
  const mix = (c: number) => {
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  };
  for (const v of values) {
    if (typeof v === 'number') {
      NUMBER[0] = v === 0 ? 0 : v; // -0 is "0" as text
      mix(NUMBER_WORDS[0]);
      mix(NUMBER_WORDS[1]);
    } else {
      const s = v === undefined ? '\u0000' : typeof v === 'string' ? v : String(v);
      for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
    }
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
  }
  return (a >>> 0) * 2 ** 21 + ((b >>> 0) % 2 ** 21);
}
const NUMBER = new Float64Array(1);
const NUMBER_WORDS = new Uint32Array(NUMBER.buffer);

function unrecognised(found: Exclude<ReturnType<typeof recognize>, { kind: 'log' }>, at: { file: string; sheet: string }, head: RawRow[]): Issue {
  switch (found.kind) {
    case 'ambiguous': {
      const names = found.logs.map((l) => LOGS[l].name);
      return {
        severity: 'error', code: 'ambiguous-table', ...at, row: head[found.at].row,
        message: {
          zh: `表头同样符合：${names.map((n) => n.zh).join('、')}，无法判断是哪种记录`,
          en: `the header fits ${names.map((n) => n.en).join(', ')} equally; cannot tell which log this is`,
        },
      };
    }
    case 'incomplete': {
      const name = LOGS[found.log].name;
      return {
        severity: 'error', code: 'missing-column', ...at, row: head[found.at].row, column: found.missing.join(', '),
        message: {
          zh: `像是${name.zh}，但缺少必需列：${found.missing.join('、')}；此表未读取`,
          en: `looks like ${name.en} but lacks required columns: ${found.missing.join(', ')}; table not read`,
        },
      };
    }
    case 'none':
      return {
        severity: 'info', code: 'ignored-table', ...at,
        message: { zh: '不是已知的记录表，已忽略', en: 'not a known log; ignored' },
      };
  }
}
