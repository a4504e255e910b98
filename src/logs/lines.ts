/**
 * A log's rows held column by column (`LoadOptions.compact`): a year of a big shop is 3.6 M shipment lines, and as
 * records (an object, a source object, two boxed times and two strings of their own each) they hold ~265 bytes a
 * line, ~0.95 GB; here ~85 bytes, outside the garbage-collected heap. A row is made again as the loader makes it
 * (`at`) when it is needed: by crossCheck, one at a time, and by `annual`, a month's at a time.
 */
import type { Source } from '../core/issues.js';
import { columnsOf, type LogKey, type Records } from './declarations.js';
import { recordMaker, TEXT_KINDS } from './load.js';

/**
 * A text column shares each value among its rows while it has at most this many distinct values; a column that
 * fills its pool (order numbers) keeps its values as text once its chunk is read (Chunk.seal).
 */
const POOLED = 0xfffe;
/**
 * The rows and the bytes of text one chunk holds at most. A chunk's arrays are views of one buffer of this size
 * (≥ 32 MB), which malloc always maps apart and the system backs page by page as rows are written: nothing is
 * copied as a chunk grows, and nothing is left behind in the malloc heap. Arrays grown by doubling and cut to
 * length there left ~200 MB of freed memory in a year's reading that the process kept.
 */
const CHUNK_ROWS = 1 << 19;
const ARENA_BYTES = 1 << 25;
const IN_ARENA = 0xffff;
/** An arena value's end with this bit set: its bytes are UTF-16 (a string with a lone surrogate, which UTF-8 cannot keep). */
const UTF16 = 0x80000000;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type Kind = 'number' | 'bool' | 'text';
const kindOf = (k: string): Kind => (k === 'bool' ? 'bool' : TEXT_KINDS.has(k) ? 'text' : 'number');

/** The typed arrays and values of a table: plain data, so that a reading thread can post it (its arrays transferred). */
export interface LineData {
  log: LogKey;
  length: number;
  /** Per column, in declaration order: times and numbers (NaN: blank), booleans (0 blank, 1 false, 2 true), or text. */
  columns: (Float64Array | Uint8Array | TextColumn)[];
  /** UTF-8 bytes of the text values that are not pooled (order and tracking numbers). */
  arena: Uint8Array;
  arenaUsed: number;
  /** Each row's table (index into `tables`) and row number. */
  table: Uint16Array;
  row: Uint32Array;
  tables: { file: string; sheet: string }[];
}

interface TextColumn {
  /** 0: blank; 1…POOLED: pool[ref - 1]; IN_ARENA: the bytes start[i]…end[i] of the arena. */
  ref: Uint16Array;
  pool: string[];
  start?: Uint32Array;
  end?: Uint32Array;
}

/** The logs held column by column, by log. */
export type Lines = { [K in LogKey]?: LineTable<Records[K][number]> };

/** One part of a table: rows read together (a file, or a part of one), each column in one array. */
class Chunk {
  readonly data: LineData;
  private readonly keys: string[];
  private readonly make: (source: Source, values: readonly unknown[]) => Record<string, unknown>;
  private readonly values: unknown[];
  /** Lookups of the pooled values and tables while rows are pushed (let go when sealed). */
  private pools?: Map<string, number>[];
  private tableIds?: Map<string, number>;
  /** Per text column, the value last stored in the arena (lines of one order follow each other). */
  private readonly last: (string | undefined)[];
  private readonly lastRow: number[];
  /** The arena as a Buffer, for decoding and encoding UTF-8. */
  private readonly bytes: Buffer;
  /** Rows it has room for; 0 once sealed (a posted or appended chunk takes no more rows). */
  private capacity: number;
  /** Per column (text columns only), the arrays of its values' places in the arena: views of the buffer, a column's `start` and `end` once a value goes there. */
  private spans: ({ start: Uint32Array; end: Uint32Array } | undefined)[] = [];
  /** Arena bytes the pooled values would take (UTF-8, at most 3 a character), kept free for seal to move them there. */
  private pooledBytes = 0;

  /**
   * `pooled`: how many distinct values a text column shares before it stores text (lower in tests, to reach the
   * arena). `arenaBytes`: the text it holds at most (more than ARENA_BYTES for a row whose text would not fit).
   */
  constructor(
    log: LogKey,
    data?: LineData,
    private readonly pooled = POOLED,
    arenaBytes = ARENA_BYTES,
  ) {
    const columns = Object.entries(columnsOf(log));
    this.keys = columns.map(([k]) => k);
    this.make = recordMaker(log, this.keys);
    this.values = new Array(this.keys.length);
    this.data = data ?? this.allocate(log, columns.map(([, c]) => kindOf(c.kind)), arenaBytes);
    this.capacity = data ? 0 : CHUNK_ROWS;
    this.last = new Array(this.keys.length);
    this.lastRow = new Array(this.keys.length).fill(-1);
    this.bytes = Buffer.from(this.data.arena.buffer, this.data.arena.byteOffset, this.data.arena.byteLength);
  }

  /** An empty chunk's arrays, laid out in one buffer: 8-byte values first, then 4, 2 and 1, then the arena. */
  private allocate(log: LogKey, kinds: Kind[], arenaBytes: number): LineData {
    const n = CHUNK_ROWS;
    const texts = kinds.filter((k) => k === 'text').length;
    const numbers = kinds.filter((k) => k === 'number').length;
    const bools = kinds.length - texts - numbers;
    const buffer = new ArrayBuffer(n * (8 * numbers + 4 * (1 + 2 * texts) + 2 * (1 + texts) + bools) + arenaBytes);
    let at = 0;
    const take = <A>(make: new (b: ArrayBuffer, offset: number, length: number) => A, bytes: number, length = n): A => {
      const a = new make(buffer, at, length);
      at += bytes * length;
      return a;
    };
    const numberColumns = kinds.map((k) => (k === 'number' ? take(Float64Array, 8) : undefined));
    const row = take(Uint32Array, 4);
    this.spans = kinds.map((k) => (k === 'text' ? { start: take(Uint32Array, 4), end: take(Uint32Array, 4) } : undefined));
    const table = take(Uint16Array, 2);
    const columns = kinds.map((k, j) => numberColumns[j] ?? (k === 'text' ? { ref: take(Uint16Array, 2), pool: [] } : take(Uint8Array, 1)));
    const arena = take(Uint8Array, 1, arenaBytes);
    return { log, length: 0, arena, arenaUsed: 0, table, row, tables: [], columns };
  }

  get length(): number {
    return this.data.length;
  }

  /** Bytes the rows take (the arrays as far as used, not the strings of the pools). */
  get byteLength(): number {
    const { length, arenaUsed, columns } = this.data;
    let bytes = arenaUsed + 6 * length; // the text, each row's table and row number
    for (const c of columns) bytes += length * ('ref' in c ? (c.start ? 10 : 2) : c.BYTES_PER_ELEMENT);
    return bytes;
  }

  /** Appends a record of this log (as the loader makes it); false when the chunk has no room for it. */
  push(rec: { source: Source }): boolean {
    const d = this.data;
    const r = rec as unknown as Record<string, unknown>;
    if (d.length === this.capacity || d.arenaUsed + this.pooledBytes + textBytes(r, this.keys) > d.arena.length) return false;
    const i = d.length++;
    const { file, sheet, row } = rec.source;
    d.table[i] = this.tableId(file, sheet);
    d.row[i] = row;
    for (let j = 0; j < this.keys.length; j++) this.set(j, i, r[this.keys[j]]);
    return true;
  }

  /** Row `i` made again as the loader made it: a new object, its values equal to the record pushed. */
  at(i: number): { source: Source } {
    const d = this.data;
    const t = d.tables[d.table[i]];
    const values = this.values;
    for (let j = 0; j < values.length; j++) values[j] = this.get(j, i);
    return this.make({ file: t.file, sheet: t.sheet, row: d.row[i] }, values) as unknown as { source: Source };
  }

  /** Keeps the rows for which `keep(i)` holds, in order. */
  filter(keep: (i: number) => boolean): void {
    const d = this.data;
    let n = 0;
    for (let i = 0; i < d.length; i++) {
      if (!keep(i)) continue;
      if (n !== i) {
        d.table[n] = d.table[i];
        d.row[n] = d.row[i];
        for (const c of d.columns) {
          if (c instanceof Float64Array || c instanceof Uint8Array) {
            c[n] = c[i];
            continue;
          }
          c.ref[n] = c.ref[i];
          if (c.start) {
            c.start[n] = c.start[i];
            c.end![n] = c.end![i];
          }
        }
      }
      n++;
    }
    d.length = n;
    this.lastRow.fill(-1);
  }

  /**
   * No more rows come: the lookups of pooled values go, and a column that filled its pool (order numbers: every chunk
   * would keep 65,534 of them as strings) keeps its values as text instead.
   */
  seal(): void {
    if (this.capacity === 0) return;
    this.capacity = 0;
    this.pools = undefined;
    this.tableIds = undefined;
    this.data.columns.forEach((c, j) => {
      if (c instanceof Float64Array || c instanceof Uint8Array || c.pool.length < this.pooled) return;
      const pool = c.pool;
      c.pool = [];
      for (let i = 0; i < this.data.length; i++) if (c.ref[i] !== 0 && c.ref[i] !== IN_ARENA) this.toArena(j, c, i, pool[c.ref[i] - 1]);
    });
  }

  /** The chunk as posted by a reading thread (sealed), and its buffer to transfer (moved, not copied). */
  post(): { data: LineData; transfer: ArrayBuffer[] } {
    this.seal();
    return { data: this.data, transfer: [this.data.arena.buffer as ArrayBuffer] };
  }

  get(j: number, i: number): unknown {
    const c = this.data.columns[j];
    if (c instanceof Float64Array) return Number.isNaN(c[i]) ? undefined : c[i];
    if (c instanceof Uint8Array) return c[i] === 0 ? undefined : c[i] === 2;
    const ref = c.ref[i];
    if (ref === 0) return undefined;
    if (ref !== IN_ARENA) return c.pool[ref - 1];
    const end = c.end![i];
    return end & UTF16 ? this.bytes.toString('utf16le', c.start![i], end ^ UTF16) : this.bytes.toString('utf8', c.start![i], end);
  }

  private set(j: number, i: number, v: unknown): void {
    const c = this.data.columns[j];
    if (c instanceof Float64Array) {
      if (v !== undefined && typeof v !== 'number') throw new Error(`LineTable: ${this.keys[j]} holds ${typeof v}`);
      if (Number.isNaN(v)) throw new Error(`LineTable: ${this.keys[j]} holds NaN`);
      c[i] = v === undefined ? NaN : v;
    } else if (c instanceof Uint8Array) {
      c[i] = v === undefined ? 0 : v ? 2 : 1;
    } else if (v === undefined) {
      c.ref[i] = 0;
    } else {
      if (typeof v !== 'string') throw new Error(`LineTable: ${this.keys[j]} holds ${typeof v}`);
      const k = this.poolIndex(j, v);
      if (k !== undefined) c.ref[i] = k + 1;
      else this.toArena(j, c, i, v);
    }
  }

  /** The index of `value` in text column j's pool, added while the pool has room; undefined: it goes to the arena. */
  private poolIndex(j: number, value: string): number | undefined {
    const c = this.data.columns[j] as TextColumn;
    const pool = (this.pools ??= this.data.columns.map(() => new Map()))[j];
    let k = pool.get(value);
    if (k === undefined && c.pool.length < this.pooled) {
      k = c.pool.push(value) - 1;
      pool.set(value, k);
      this.pooledBytes += 3 * value.length;
    }
    return k;
  }

  /** Column j's places in the arena (`c`: column j), in use from its first value there. */
  private arenaOf(j: number, c: TextColumn): { start: Uint32Array; end: Uint32Array } {
    if (!c.start) Object.assign(c, this.spans[j]);
    return { start: c.start!, end: c.end! };
  }

  private toArena(j: number, c: TextColumn, i: number, s: string): void {
    const d = this.data;
    const { start, end } = this.arenaOf(j, c);
    c.ref[i] = IN_ARENA;
    // Lines of one order follow each other: the same number is stored once.
    if (i > 0 && this.lastRow[j] === i - 1 && this.last[j] === s) {
      start[i] = start[i - 1];
      end[i] = end[i - 1];
    } else {
      const encoding = LONE_SURROGATE.test(s) ? 'utf16le' : 'utf8';
      const bytes = Buffer.byteLength(s, encoding);
      this.bytes.write(s, d.arenaUsed, encoding);
      start[i] = d.arenaUsed;
      d.arenaUsed += bytes;
      end[i] = encoding === 'utf8' ? d.arenaUsed : d.arenaUsed | UTF16;
    }
    this.last[j] = s;
    this.lastRow[j] = i;
  }

  private tableId(file: string, sheet: string): number {
    const d = this.data;
    const ids = (this.tableIds ??= new Map());
    const key = `${file}\u0000${sheet}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = d.tables.push({ file, sheet }) - 1;
      if (id > 0xffff) throw new Error('LineTable: more than 65,536 tables');
      ids.set(key, id);
    }
    return id;
  }
}

/**
 * A log's rows, column by column, in chunks: a part read on a thread is appended as it is (no copy), and rows
 * pushed go to the last chunk. Rows are numbered across the chunks.
 */
export class LineTable<T extends { source: Source } = { source: Source }> {
  private readonly chunks: Chunk[] = [];
  /** Where each chunk's rows start, and the rows in all. */
  private starts: number[] = [];
  private total = 0;
  /** The chunk `at` found last: rows are mostly read in order. */
  private current = 0;
  private readonly keys: string[];

  /** `posted`: the chunks a reading thread posted (`post`). `pooled`: see Chunk (lower in tests, to reach the arena). */
  constructor(
    readonly log: LogKey,
    posted: readonly LineData[] = [],
    private readonly pooled = POOLED,
  ) {
    this.keys = Object.keys(columnsOf(log));
    for (const data of posted) this.chunks.push(new Chunk(log, data));
    this.count();
  }

  /** A table of `records` (rows the loader made). */
  static of<T extends { source: Source }>(log: LogKey, records: readonly T[], pooled = POOLED): LineTable<T> {
    const table = new LineTable<T>(log, [], pooled);
    for (const r of records) table.push(r);
    return table;
  }

  get length(): number {
    return this.total;
  }

  /** Bytes the rows take (the arrays as far as used, not the strings of the pools). */
  get byteLength(): number {
    return this.chunks.reduce((n, c) => n + c.byteLength, 0);
  }

  /** Appends a record of this log (as the loader makes it). */
  push(rec: T): void {
    if (!this.chunks.at(-1)?.push(rec)) {
      // A new chunk; its arena holds at least this row's text.
      const text = textBytes(rec as unknown as Record<string, unknown>, this.keys);
      const chunk = new Chunk(this.log, undefined, this.pooled, Math.max(ARENA_BYTES, text));
      this.starts.push(this.total);
      this.chunks.push(chunk);
      chunk.push(rec);
    }
    this.total++;
  }

  /** Appends the rows of `other` (a part read apart), in its order: its chunks are taken over, not copied. */
  append(other: LineTable<T>): void {
    other.seal();
    this.chunks.push(...other.chunks);
    this.count();
  }

  /** No more rows come: each chunk lets go of its lookups and moves a full pool's values to its text (Chunk.seal). */
  seal(): void {
    for (const c of this.chunks) c.seal();
  }

  /** Row `i` made again as the loader made it: a new object, its values equal to the record pushed. */
  at(i: number): T {
    const c = this.chunkOf(i);
    return this.chunks[c].at(i - this.starts[c]) as T;
  }

  /** A column's value of row `i`, without making the row. */
  value<K extends keyof T & string>(key: K): (i: number) => T[K] {
    const j = columnIndex(this.log, key);
    return (i) => {
      const c = this.chunkOf(i);
      return this.chunks[c].get(j, i - this.starts[c]) as T[K];
    };
  }

  /** Keeps the rows for which `keep(i)` holds, in order. */
  filter(keep: (i: number) => boolean): void {
    this.chunks.forEach((c, k) => {
      const start = this.starts[k];
      c.filter((i) => keep(start + i));
    });
    this.count();
  }

  /** The table as a reading thread posts it: each chunk's arrays cut to length, and the buffers to transfer. */
  post(): { data: LineData[]; transfer: ArrayBuffer[] } {
    const posted = this.chunks.map((c) => c.post());
    return { data: posted.map((p) => p.data), transfer: posted.flatMap((p) => p.transfer) };
  }

  private count(): void {
    this.starts = [];
    this.total = 0;
    for (const c of this.chunks) {
      this.starts.push(this.total);
      this.total += c.length;
    }
    this.current = 0;
  }

  private chunkOf(i: number): number {
    const { starts, current } = this;
    if (i >= starts[current] && (current + 1 === starts.length || i < starts[current + 1])) return current;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return (this.current = lo);
  }
}

/** The arena bytes a record's text can take at most (UTF-8 takes at most 3 bytes a UTF-16 unit, UTF-16 2). */
function textBytes(rec: Record<string, unknown>, keys: readonly string[]): number {
  let n = 0;
  for (const k of keys) {
    const v = rec[k];
    if (typeof v === 'string') n += 3 * v.length;
  }
  return n;
}

const columnIndex = (log: LogKey, key: string) => {
  const j = Object.keys(columnsOf(log)).indexOf(key);
  if (j < 0) throw new Error(`${key} is not a column of ${log}`);
  return j;
};

/** The tables of `lines` loosely typed, for code that works on any log. */
const anyLog = (lines: Lines) => lines as Partial<Record<LogKey, LineTable>>;

/** The table of `log` in `lines`, made when first needed. */
export const tableOf = (lines: Lines, log: LogKey): LineTable => (anyLog(lines)[log] ??= new LineTable(log));

/** Appends each table of `from` (a part read apart) to that of its log in `into`. */
export function appendLines(into: Lines, from: Lines): void {
  for (const [log, table] of Object.entries(anyLog(from)) as [LogKey, LineTable][]) tableOf(into, log).append(table);
}

/** Each table of `lines`, with its log. */
export const linesEntries = (lines: Lines) => Object.entries(anyLog(lines)) as [LogKey, LineTable][];

/** The tables a reading thread posted (`post`), made LineTables again. */
export const revivedLines = (posted: Partial<Record<LogKey, LineData[]>>): Lines =>
  Object.fromEntries(Object.entries(posted).map(([log, data]) => [log, new LineTable(log as LogKey, data)]));
