/** read → recognise → coerce and validate → typed records (SPEC §1). */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { FileError, type Issue, type Source } from '../core/issues.js';
import { listDataFiles, readTables, type DataFile } from '../read/files.js';
import type { Cell, RawRow, RawTable } from '../read/types.js';
import { displayCell, Invalid } from './columns.js';
import { crossCheck, notInStaffList, type IncidentRules } from './crosscheck.js';
import { columnsOf, emptyRecords, LOG_KEYS, LOGS, type Consultation, type LogKey, type Records, type StaffRecord } from './declarations.js';
import type { RowProblem } from './define.js';
import { buildHeaderIndex, recognize, type ColumnAliases, type HeaderIndex } from './recognize.js';
import type { ConsultationPart, ConsultationSink } from './sink.js';

export interface TableInfo {
  file: string;
  sheet: string;
  log: LogKey;
  /** The spreadsheet row holding the header. */
  headerRow: number;
  /** Data rows read (blank and total rows not included), used or excluded. */
  rows: number;
  excluded: number;
}

export interface Dataset {
  tables: TableInfo[];
  records: Records;
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
  /** Takes the consultations as they are read; records.consultations then stays empty. */
  consultations?: ConsultationSink;
  /** Threads to read files on (1: this one); 'auto': every core, when the input is large enough to gain. */
  threads?: number | 'auto';
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

/** A table of streamed consultations: its row numbers per staff name. */
interface StreamedTable {
  table: TableInfo;
  rowsByName: Map<string, number[]>;
}

/** table → column key → header as written and its index. */
type Headers = Map<string, Map<string, { header: string; index: number }>>;

/** What one file adds to the dataset: read on its own, in this thread or a worker, and merged in file order. */
export interface FilePart {
  tables: TableInfo[];
  issues: Issue[];
  records: Records;
  headers: Headers;
  streamed: StreamedTable[];
  /** The consultation sink's part of this file (ConsultationPart.done). */
  consultations?: unknown;
}

/** What reading one file needs: plain data, so that a worker thread can take it. */
export type ReadSettings = Pick<LoadOptions, 'encoding' | 'aliases' | 'logs'>;

const HEADER_SEARCH_ROWS = 10;
const TOTAL_ROW = /^(合计|总计|小计|合計|總計)/;
/** Below this much input, starting worker threads costs more than it saves. */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

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
  const sizes = wanted === 1 || files.length < 2 ? [] : await fileSizes(files);
  const threads = threadsFor(files.length, sizes, wanted);
  const parts =
    threads > 1
      ? await (await import('./parallel.js')).readInWorkers(files, sizes, options, threads)
      : await readInThread(files, options, read ?? ((f) => readTables(f, { encoding: options.encoding })));

  const records = emptyRecords();
  const tables: TableInfo[] = [];
  const issues: Issue[] = [];
  const headers: Headers = new Map();
  const streamed: StreamedTable[] = [];
  for (const part of parts) {
    tables.push(...part.tables);
    append(issues, part.issues);
    for (const k of LOG_KEYS) append(records[k] as unknown[], part.records[k]);
    for (const [key, columns] of part.headers) headers.set(key, columns);
    streamed.push(...part.streamed);
    if (part.consultations !== undefined) sink?.merge(part.consultations);
  }
  const excluded = crossCheck(records, issues, options.incidentRules, (source, log, column) =>
    headers.get(tableKey(source))?.get(column) ?? { header: columnsOf(log)[column]?.header ?? column });
  for (const t of tables) t.excluded += excluded.get(tableKey(t)) ?? 0;
  sink?.exclude(checkStreamedStaff(streamed, records.staff, headers, issues));
  issues.sort(compareIssues);
  return { tables, records, issues };
}

/** The files' sizes in bytes (0 for one that cannot be read: its error comes when it is read). */
const fileSizes = (files: readonly DataFile[]) => Promise.all(files.map((f) => stat(f.path).then((s) => s.size, () => 0)));

/** `threads` for `files` files of these sizes, unless the input is too small to be worth more than one. */
function threadsFor(files: number, sizes: readonly number[], threads: number | 'auto'): number {
  if (threads === 'auto') {
    if (files < 2) return 1;
    return sizes.reduce((a, b) => a + b, 0) < PARALLEL_MIN_BYTES ? 1 : Math.min(files, availableParallelism());
  }
  return Math.max(1, Math.min(files, threads));
}

async function readInThread(files: readonly DataFile[], options: LoadOptions, read: (f: DataFile) => AsyncIterable<RawTable>): Promise<FilePart[]> {
  const index = buildHeaderIndex(options.aliases);
  const parts: FilePart[] = [];
  for (const f of files) {
    const progress = (rows: number, done = false) => options.onProgress?.({ file: f.file, files: files.length, rows, done });
    progress(0);
    const part = await readFilePart(f, read(f), { settings: options, index, sink: options.consultations, progress });
    progress(rowsIn(part), true);
    parts.push(part);
  }
  return parts;
}

/** Reads one file's tables into a part of its own. A file that fails part-way is dropped whole: its error stands alone, never beside half its rows. */
export async function readFilePart(
  f: DataFile,
  tablesOfFile: AsyncIterable<RawTable>,
  context: { settings: ReadSettings; index: HeaderIndex; sink?: ConsultationSink; progress: (rows: number) => void },
): Promise<FilePart> {
  const part = emptyPart();
  const sinkPart = context.sink?.part();
  const state: LoadState = { ...part, index: context.index, wanted: context.settings.logs, sink: sinkPart };
  try {
    for await (const table of tablesOfFile) {
      const info = await readTable(table, state, context.progress);
      if (info) part.tables.push(info);
    }
  } catch (err) {
    if (!(err instanceof FileError)) throw err; // anything else is a bug or bad usage
    return { ...emptyPart(), issues: [{ severity: 'error', code: 'file-error', file: f.file, message: err.text }] };
  }
  if (sinkPart) part.consultations = sinkPart.done();
  return part;
}

const emptyPart = (): FilePart => ({ tables: [], issues: [], records: emptyRecords(), headers: new Map(), streamed: [] });

/** The data rows a file's tables hold. */
export const rowsIn = (part: FilePart) => part.tables.reduce((n, t) => n + t.rows, 0);

/** `target.push(...items)` without putting every item on the stack. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

export const tableKey = (s: { file: string; sheet: string }) => `${s.file}\u0000${s.sheet}`;

/**
 * crossCheck's unknown-staff check for the consultations it never saw (they went to the sink): an error on
 * every row whose name is not in the staff list (when there is one). Returns those names.
 */
function checkStreamedStaff(streamed: readonly StreamedTable[], staff: readonly StaffRecord[], headers: Headers, issues: Issue[]): Set<string> {
  const unknown = new Set<string>();
  if (staff.length === 0) return unknown;
  const people = new Set(staff.map((s) => s.name));
  for (const { table, rowsByName } of streamed) {
    const column = headers.get(tableKey(table))?.get('staff');
    for (const [name, rows] of rowsByName) {
      if (people.has(name)) continue;
      unknown.add(name);
      table.excluded += rows.length;
      for (const row of rows) {
        issues.push({
          severity: 'error', code: 'unknown-staff', file: table.file, sheet: table.sheet, row,
          column: column?.header ?? 'staff', columnIndex: column?.index, value: name, message: notInStaffList(name),
        });
      }
    }
  }
  return unknown;
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
  issues: Issue[];
  headers: Headers;
  wanted?: readonly LogKey[];
  sink?: ConsultationPart;
  streamed: StreamedTable[];
}

/** Reads one table into `records`; returns its summary, or undefined when it is not a log. */
async function readTable(table: RawTable, state: LoadState, progress: (rows: number) => void): Promise<TableInfo | undefined> {
  const { index, records, issues, headers, wanted, sink } = state;
  const at = { file: table.file, sheet: table.sheet };
  const iterator = table.rows[Symbol.asyncIterator]();
  // The header is looked for among the first rows that hold anything: blank rows (which a CSV has as
  // empty lines and a workbook usually leaves out of its XML) are skipped here as they are below.
  const head: RawRow[] = [];
  while (head.length < HEADER_SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) break;
    if (firstValue(next.value) !== undefined) head.push(next.value);
  }
  const found = recognize(head, index);
  if (found.kind !== 'log' || (wanted && !wanted.includes(found.log))) {
    await iterator.return?.();
    if (found.kind !== 'log') issues.push(unrecognised(found, at, head));
    return undefined;
  }
  const log = LOGS[found.log];
  const columns = columnsOf(found.log);
  const headerRow = head[found.at].row;
  for (const d of found.duplicates) {
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
  const keep = found.log === 'consultations' && sink ? streamTo(sink, info, state.streamed) : pushTo(records[found.log] as unknown[]);

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
    // The hot path: each column's reader (the function its zod schema wraps) straight into the record.
    const cells = row.cells;
    for (let j = 0; j < plan.length; j++) {
      const { key, read, at: i } = plan[j];
      const value = read(i < 0 ? null : (cells[i] ?? null));
      if (value instanceof Invalid) report(key, 'error', value.problem.code, value.problem.message);
      else values[j] = value;
    }
    if (failed) {
      info.excluded++;
      return;
    }
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
    else keep(rec, row.row);
  };

  for (const raw of head.slice(found.at + 1)) processRow(raw);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    processRow(next.value);
    if ((info.rows & 0xfff) === 0) progress(info.rows);
  }
  progress(info.rows);
  return info;
}

const makers = new Map<LogKey, (source: Source, values: readonly unknown[]) => Record<string, unknown>>();

/**
 * Builds a log's records in one step, `{ source, key0: v[0], key1: v[1], … }`, compiled once per log from
 * its declaration: every record gets one compact shape without the map migrations that a template copy
 * followed by keyed stores costs (~6× as long, bench/README.md). The keys are our own column keys.
 */
function recordMaker(log: LogKey, keys: readonly string[]) {
  let make = makers.get(log);
  if (!make) {
    const fields = keys.map((k, i) => `${JSON.stringify(k)}: v[${i}]`).join(', ');
    make = new Function('source', 'v', `return { source, ${fields} };`) as (source: Source, values: readonly unknown[]) => Record<string, unknown>;
    makers.set(log, make);
  }
  return make;
}

const pushTo = (target: unknown[]) => (rec: unknown) => void target.push(rec);

function streamTo(sink: ConsultationPart, table: TableInfo, streamed: StreamedTable[]) {
  const rowsByName = new Map<string, number[]>();
  streamed.push({ table, rowsByName });
  return (rec: unknown, row: number) => {
    const c = rec as Consultation;
    const rows = rowsByName.get(c.staff);
    if (rows) rows.push(row);
    else rowsByName.set(c.staff, [row]);
    sink.add(c);
  };
}

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
