import { isAscii } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { posix } from 'node:path';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { FileError, UsageError } from '../core/issues.js';
import type { Cell, RawRow, RawTable } from './types.js';

/** Bytes looked at to guess the encoding and the delimiter. */
const SAMPLE_BYTES = 64 * 1024;
/** A record this large is not data: most likely a stray quote swallowing the rest of the file. */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

export interface CsvOptions {
  /** Any iconv-lite encoding name; overrides detection (`--encoding`). */
  encoding?: string;
  /** Guard against runaway records, in UTF-8 bytes; default MAX_RECORD_BYTES. */
  maxRecordBytes?: number;
  /** Read only these bytes of the file (splitCsv): its rows keep their numbers in the whole file. */
  range?: CsvRange;
}

/** Bytes [start, end) of a CSV file, cut at record boundaries: `records` records, the first of them row `firstRow`. */
export interface CsvRange {
  start: number;
  end: number;
  firstRow: number;
  records: number;
}

/**
 * One CSV file as a table, read lazily and streamed (each iteration of `rows` reads the file again).
 * Cells are the raw strings, an empty field is null, a blank line is a row with no cells; rows are
 * numbered by record (as Excel shows them), not by physical line.
 *
 * Encoding: a UTF-16 BOM wins (LE/BE); else UTF-8 when the first non-ASCII bytes are valid UTF-8, else
 * GB18030 (a superset of the GBK that Chinese Excel/WPS write). A UTF-8 BOM over bytes that are not UTF-8
 * (an editor or a script added it to GBK text) does not win: the text is GB18030. `--encoding` overrides
 * all of this (a BOM is skipped whatever the encoding).
 */
export function readCsv(path: string, file: string, options: CsvOptions = {}): RawTable {
  const forced = options.encoding;
  if (forced !== undefined) checkEncoding(forced);
  const maxBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  return {
    file,
    sheet: posix.parse(file).name,
    rows: { [Symbol.asyncIterator]: () => readRows(path, file, forced, maxBytes, options.range) },
  };
}

/** `--encoding` must name an iconv-lite encoding; the CLI may call this up front, before any CSV is met. */
export function checkEncoding(name: string): void {
  if (!iconv.encodingExists(name)) {
    throw new UsageError({
      zh: `不支持的编码 “${name}”：可用 utf-8、gb18030、gbk、utf-16le 等`,
      en: `unknown encoding "${name}": use utf-8, gb18030, gbk, utf-16le, …`,
    });
  }
}

async function* readRows(
  path: string,
  file: string,
  forced: string | undefined,
  maxBytes: number,
  range?: CsvRange,
): AsyncGenerator<RawRow> {
  const { encoding, skip, sample } = await inspect(path, file, forced);
  const parser = parse({
    delimiter: detectDelimiter(sample),
    // Files pasted together mix line endings; csv-parse would otherwise keep to the first one it sees.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    // Like Excel: a quote inside an unquoted field is just a character.
    relax_quotes: true,
    skip_empty_lines: false,
    bom: false,
    max_record_size: maxBytes,
  });
  const source = range
    ? createReadStream(path, { start: Math.max(skip, range.start), end: range.end - 1, highWaterMark: SAMPLE_BYTES })
    : createReadStream(path, { start: skip, highWaterMark: SAMPLE_BYTES });
  // csv-parse works on UTF-8 bytes and decodes whole fields, so UTF-8 needs no decoder in between;
  // anything else goes through iconv-lite's streaming decoder (multi-byte characters split across chunks stay whole).
  const done = () => {}; // errors reach us through the parser
  if (encoding === 'utf8') pipeline(source, parser, done);
  else pipeline(source, iconv.decodeStream(encoding), parser, done);

  const first = range ? range.firstRow - 1 : 0;
  let row = first;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      const cells = record as Cell[];
      for (let i = 0; i < cells.length; i++) if (cells[i] === '') cells[i] = null;
      yield { row, cells: cells.length === 1 && cells[0] === null ? [] : cells };
    }
  } catch (err) {
    throw toFileError(err, file, maxBytes, first);
  }
  // splitCsv counted the records as csv-parse reads them; if it ever counts otherwise, the loader reads the file in one pass.
  if (range && row - first !== range.records) throw new FileError(file, { zh: `${file}：分段读取的行数不符`, en: `${file}: a range read another number of rows than planned` });
}

/**
 * Encodings (as normalize() spells them) in which the bytes of `"`, `,`, tab, `;`, CR and LF only ever stand for
 * themselves, never inside a multi-byte character: a file in one of them can be cut at a byte. Not UTF-16.
 */
const SPLITTABLE = new Set(['utf8', 'gb18030', 'gbk', 'gb2312', 'cp936']);
/**
 * Cuts a CSV file into about `parts` byte ranges at record boundaries, each at least `minBytes` long, so that the
 * ranges can be parsed apart (on worker threads) and give the rows one pass gives, with the same numbers. One scan
 * of the bytes follows the quoting as csv-parse does with the options readRows passes: a quote opens quoting only
 * at the start of a field (after a delimiter or a line end); inside, `""` is a quote and any other quote ends
 * quoting; outside quotes CRLF, LF and a lone CR end a record. So a quoted field holding line ends is never cut.
 * Undefined when the file is to be read in one pass: an encoding that cannot be cut at a byte (UTF-16), a quote
 * still open at the end (one pass reports it with its row), or a file too small to cut. A range that fails to
 * read as planned (readRows checks its count of records) makes the loader read the file in one pass too.
 */
export async function splitCsv(path: string, file: string, options: { encoding?: string; parts: number; minBytes: number }): Promise<CsvRange[] | undefined> {
  const { encoding, skip, sample } = await inspect(path, file, options.encoding);
  if (!SPLITTABLE.has(encoding.toLowerCase().replace(/[^0-9a-z]/g, ''))) return undefined;
  const DELIM = detectDelimiter(sample).charCodeAt(0);
  const fh = await open(path);
  try {
    const size = (await fh.stat()).size;
    if (size - skip < 2 * options.minBytes) return undefined;
    const step = Math.max(options.minBytes, Math.ceil((size - skip) / options.parts));
    const cuts = [{ at: skip, records: 0 }];
    let target = skip + step;
    let records = 0;
    const endRecord = (next: number) => {
      records++;
      if (next >= target && size - next >= options.minBytes / 2) {
        cuts.push({ at: next, records });
        target = next + step;
      }
    };
    let quoting = false;
    let prev = LF; // the byte before: a field starts after a delimiter or a line end (or at the start)
    const chunk = Buffer.allocUnsafe(1024 * 1024);
    for (let pos = skip; pos < size; ) {
      const n = (await fh.read(chunk, 0, chunk.length, pos)).bytesRead;
      if (n === 0) break;
      const buf = chunk.subarray(0, n); // indexOf must not look past the bytes read
      const last = pos + n >= size;
      // The last byte of a chunk is left to the next one, so that the byte after any byte looked at is at hand.
      const limit = last ? n : n - 1;
      let i = 0;
      while (i < limit) {
        if (quoting) {
          const j = buf.indexOf(QUOTE, i);
          if (j < 0 || j >= limit) {
            i = limit;
          } else if (j + 1 < n && buf[j + 1] === QUOTE) {
            i = j + 2; // "" inside quotes
          } else {
            quoting = false;
            i = j + 1;
          }
          continue;
        }
        // Outside quotes up to the next quote: only line ends matter, found by indexOf; a lone CR (rare) byte by byte.
        const q = buf.indexOf(QUOTE, i);
        const quote = q >= 0 && q < limit;
        const end = quote ? q : limit;
        let lone = false;
        for (let c = buf.indexOf(CR, i); c >= 0 && c < end; c = buf.indexOf(CR, c + 1)) {
          if (!(c + 1 < n && buf[c + 1] === LF)) {
            lone = true;
            break;
          }
        }
        if (lone) {
          for (let j = i; j < end; j++) {
            if (buf[j] === LF || (buf[j] === CR && !(j + 1 < n && buf[j + 1] === LF))) endRecord(pos + j + 1);
          }
        } else {
          for (let j = buf.indexOf(LF, i); j >= 0 && j < end; j = buf.indexOf(LF, j + 1)) endRecord(pos + j + 1);
        }
        if (quote) {
          const before = q > 0 ? buf[q - 1] : prev;
          if (before === DELIM || before === LF || before === CR) quoting = true;
          i = q + 1;
        } else i = end;
      }
      // i is past the limit when a doubled quote straddled it.
      prev = buf[i - 1];
      pos += i;
    }
    if (quoting || cuts.length < 2) return undefined;
    if (prev !== LF && prev !== CR) records++; // the last record has no line end
    return cuts.map((c, k) => {
      const next = cuts[k + 1] ?? { at: size, records };
      return { start: c.at, end: next.at, firstRow: c.records + 1, records: next.records - c.records };
    });
  } finally {
    await fh.close();
  }
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Encoding, BOM length and a decoded sample for delimiter detection. */
async function inspect(path: string, file: string, forced: string | undefined) {
  let fh: FileHandle | undefined;
  try {
    fh = await open(path);
    const head = await readAt(fh, 0);
    const bom = bomOf(head);
    // Text never holds NUL bytes (only UTF-16 does, and it comes with a BOM or a forced --encoding).
    if (!forced && !bom?.encoding.startsWith('utf16') && head.includes(0)) throw notText(file);
    // A UTF-8 BOM is trusted only over UTF-8: editors and scripts prepend one to GBK text too.
    const encoding = normalize(forced ?? (bom && bom.encoding !== 'utf8' ? bom.encoding : await sniffEncoding(fh, head)));
    const skip = bom?.length ?? 0;
    const sample = iconv.decode(head.subarray(skip), encoding, { stripBOM: false });
    return { encoding, skip, sample };
  } catch (err) {
    throw toFileError(err, file);
  } finally {
    await fh?.close();
  }
}

function notText(file: string): FileError {
  return new FileError(file, {
    zh: `${file}：不是文本（CSV）文件，像是图片、PDF 或其他二进制文件：请在原程序中导出为 .csv 或 .xlsx`,
    en: `${file}: not a text (CSV) file; it looks like a picture, a PDF or other binary data: export it as .csv or .xlsx from the program that made it`,
  });
}

function bomOf(b: Buffer): { encoding: string; length: number } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf8', length: 3 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf16le', length: 2 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf16be', length: 2 };
  return undefined;
}

/** iconv-lite's spelling of UTF-8, so the fast path recognises `UTF-8`, `utf8`, `Utf_8`, … */
function normalize(encoding: string): string {
  return encoding.toLowerCase().replace(/[^0-9a-z]/g, '') === 'utf8' ? 'utf8' : encoding;
}

/**
 * ASCII reads the same in UTF-8 and GB18030, so judge by the first non-ASCII bytes, however deep they are
 * (an English header over thousands of ASCII rows before the first Chinese name).
 */
async function sniffEncoding(fh: FileHandle, head: Buffer): Promise<string> {
  let block = head;
  let at = 0;
  while (isAscii(block)) {
    if (block.length < SAMPLE_BYTES) return 'utf8';
    at += block.length;
    block = await readAt(fh, at);
  }
  if (at > 0) block = await readAt(fh, at + block.findIndex((b) => b >= 0x80));
  return isUtf8Prefix(block) ? 'utf8' : 'gb18030';
}

/** Valid UTF-8, allowing an incomplete character where the sample was cut. */
function isUtf8Prefix(b: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

async function readAt(fh: FileHandle, position: number): Promise<Buffer> {
  const buf = Buffer.alloc(SAMPLE_BYTES);
  const { bytesRead } = await fh.read(buf, 0, SAMPLE_BYTES, position);
  return buf.subarray(0, bytesRead);
}

const CANDIDATES = [',', '\t', ';'];
const SAMPLE_RECORDS = 20;

/**
 * Comma, tab or semicolon: the one whose count (outside quotes) is the same on most of the first records,
 * then the one with more fields; comma when nothing tells. Records with none of them (title or blank
 * rows) say nothing and are left out. A record cut by the end of the sample is used only if it is the only one.
 */
export function detectDelimiter(sample: string): string {
  const records: number[][] = [];
  let counts = [0, 0, 0];
  let quoted = false;
  let prev = '\n';
  const flush = () => {
    if (counts.some((c) => c > 0)) records.push(counts);
    counts = [0, 0, 0];
  };
  for (let i = 0; i < sample.length && records.length < SAMPLE_RECORDS; i++) {
    const ch = sample[i];
    if (quoted) {
      if (ch === '"') quoted = false; // a doubled quote reopens at once: see below
    } else if (ch === '"') {
      // Only a quote at the start of a field opens quoting (csv-parse with relax_quotes does the same).
      if (prev === '"' || prev === '\n' || prev === '\r' || CANDIDATES.includes(prev)) quoted = true;
    } else if (ch === '\n' || ch === '\r') {
      flush();
    } else {
      const k = CANDIDATES.indexOf(ch);
      if (k >= 0) counts[k]++;
    }
    prev = ch;
  }
  if (records.length === 0) flush();

  let best = 0;
  let bestScore = [0, 0];
  for (let k = 0; k < CANDIDATES.length; k++) {
    const tally = new Map<number, number>();
    for (const r of records) if (r[k] > 0) tally.set(r[k], (tally.get(r[k]) ?? 0) + 1);
    let score = [0, 0]; // [records agreeing, delimiters per record]
    for (const [count, n] of tally) if (n > score[0] || (n === score[0] && count > score[1])) score = [n, count];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = k;
      bestScore = score;
    }
  }
  return CANDIDATES[best];
}

function toFileError(err: unknown, file: string, maxBytes = MAX_RECORD_BYTES, rowsBefore = 0): Error {
  if (err instanceof FileError) return err;
  if (err instanceof CsvError) {
    const row = rowsBefore + Number(err.records) + 1;
    const line = Number(err.lines);
    switch (err.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new FileError(file, {
          zh: `${file}：第 ${row} 行的引号没有闭合，直到文件末尾（第 ${line} 物理行）仍在引号内；请检查该行多余的 "`,
          en: `${file}: row ${row} opens a quote that is never closed (still open at the end of the file, line ${line}); look for a stray " in that row`,
        });
      case 'CSV_MAX_RECORD_SIZE':
        return new FileError(file, {
          zh: `${file}：第 ${row} 行超过 ${size(maxBytes)}（读到第 ${line} 物理行）：多半是该行有未闭合的引号，或者这不是 CSV 文件`,
          en: `${file}: row ${row} is larger than ${size(maxBytes)} (read up to line ${line}): probably an unclosed quote in that row, or not a CSV file`,
        });
      default:
        return new FileError(file, {
          zh: `${file}：无法解析 CSV（第 ${row} 行，第 ${line} 物理行）：${err.message}`,
          en: `${file}: cannot parse the CSV at row ${row} (line ${line}): ${err.message}`,
        });
    }
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new FileError(file, { zh: `${file}：无法读取文件：${reason}`, en: `${file}: cannot read the file: ${reason}` });
}

function size(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024} MiB` : `${bytes} B`;
}
