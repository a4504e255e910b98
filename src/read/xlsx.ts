/**
 * Streaming XLSX reader (docs/inputs.md#files, #values) on yauzl + saxes.
 *
 * Why not exceljs's reader: it decodes every inflated chunk on its own (multi-byte UTF-8 characters that straddle
 * a chunk boundary come out as U+FFFD), it reads zips front to back and mis-reads data descriptors (big workbooks
 * from exceljs's own streaming writer come back empty), and it misses the East-Asian built-in date formats.
 * yauzl reads the central directory instead, and one StringDecoder per part keeps characters whole.
 */
import { open as fsOpen } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createInflateRaw, inflateRawSync } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { FileError } from '../core/issues.js';
import { excelSerialToWall, isExcelDateSerial, wall } from '../core/time.js';
import { WHOLE_BYTES } from './sniff.js';
import type { Cell, RawRow } from './types.js';

export interface XlsxWorkbook {
  /** Worksheet names in workbook order (chartsheets/dialog sheets skipped). */
  sheets: string[];
  date1904: boolean;
  /** Streams one sheet's rows in order; may be called for each sheet in turn (not concurrently required). */
  rows(sheet: string): AsyncIterable<RawRow>;
  close(): Promise<void>;
}

export interface XlsxOptions {
  /** refuse any zip entry whose inflated size exceeds this; default 2 GiB */
  maxEntryBytes?: number;
  /** The whole file, already read and found to be a zip (sniffFile): not opened again. */
  bytes?: Buffer;
}

const DEFAULT_MAX_ENTRY_BYTES = 2 * 1024 ** 3;

/** Opens a workbook: reads the zip directory and the workbook part; sheets are read lazily by rows(). */
export async function openXlsx(path: string, file: string, options: XlsxOptions = {}): Promise<XlsxWorkbook> {
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  const { kind, whole } = options.bytes ? { kind: 'zip' as const, whole: options.bytes } : await sniff(path, file);
  let zip: ZipFile;
  try {
    zip = whole
      ? await yauzl.fromBufferPromise(whole, { lazyEntries: true })
      : await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (e) {
    throw kind === 'zip' ? damaged(file, e) : notWorkbook(file);
  }
  try {
    const entries = await listEntries(zip);
    const pkg = new Package(zip, entries, file, maxEntryBytes);
    const book = await pkg.readWorkbook();
    return new Workbook(pkg, book);
  } catch (e) {
    zip.close();
    throw e instanceof FileError ? e : damaged(file, e);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Messages

function fail(file: string, zh: string, en: string): FileError {
  return new FileError(file, { zh: `${file}：${zh}`, en: `${file}: ${en}` });
}

function notWorkbook(file: string): FileError {
  return fail(file, '不是 Excel 工作簿，请另存为 .xlsx', 'not a workbook: save as .xlsx');
}

function detail(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function damaged(file: string, e: unknown): FileError {
  const d = detail(e);
  return fail(
    file,
    `文件已损坏，无法读取（${d}），请用 Excel 打开后重新另存为 .xlsx`,
    `the file is damaged and cannot be read (${d}); open it in Excel and save it again as .xlsx`,
  );
}

/** What a part is called in messages: a sheet by its name, anything else by its path in the zip. */
interface PartLabel {
  zh: string;
  en: string;
}

function partLabel(part: string, sheet?: string): PartLabel {
  return sheet === undefined ? { zh: `部件 ${part}`, en: `part ${part}` } : { zh: `工作表「${sheet}」`, en: `sheet "${sheet}"` };
}

function damagedPart(file: string, label: PartLabel, e: unknown): FileError {
  const d = detail(e);
  return fail(
    file,
    `${label.zh}已损坏或不完整（${d}），请用 Excel 打开后重新另存为 .xlsx`,
    `${label.en} is damaged or truncated (${d}); open the file in Excel and save it again as .xlsx`,
  );
}

function tooLarge(file: string, label: PartLabel, max: number): FileError {
  const mb = `${Math.round((max / 1024 ** 2) * 10) / 10} MB`;
  return fail(
    file,
    `${label.zh}解压后超过 ${mb}，拒绝读取（文件损坏或是压缩炸弹）`,
    `${label.en} inflates to more than ${mb}; refusing to read it (damaged file or zip bomb)`,
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Zip access

/**
 * Looks at the first bytes so a legacy/encrypted workbook or a renamed file gets a message that says what to do;
 * a small file's bytes come back whole.
 */
async function sniff(path: string, file: string): Promise<{ kind: 'zip' | 'other'; whole?: Buffer }> {
  let head: Buffer = Buffer.alloc(8);
  let n = 0;
  let whole: Buffer | undefined;
  try {
    const fh = await fsOpen(path, 'r');
    try {
      const size = (await fh.stat()).size;
      if (size <= WHOLE_BYTES) {
        whole = await fh.readFile();
        head = whole.subarray(0, 8);
        n = head.length;
      } else n = (await fh.read(head, 0, 8, 0)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch (e) {
    const d = (e as NodeJS.ErrnoException).code ?? detail(e);
    throw fail(file, `无法打开文件（${d}）`, `cannot open the file (${d})`);
  }
  // OLE compound file: what Excel writes for password-protected workbooks and for legacy .xls.
  if (n === 8 && head.equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw fail(
      file,
      '是加密的工作簿或旧版 .xls 文件，请取消密码后另存为 .xlsx',
      'encrypted workbook or legacy .xls file: remove the password and save as .xlsx',
    );
  }
  const kind = n >= 2 && head[0] === 0x50 && head[1] === 0x4b ? 'zip' : 'other';
  return { kind, whole: kind === 'zip' ? whole : undefined };
}

/** OPC part names are case-insensitive; some writers use backslashes. */
function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      if (!entry.fileName.endsWith('/')) entries.set(partKey(entry.fileName), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    // Stays attached: a late 'error' must never be an unhandled event that kills the process.
    zip.on('error', reject);
    zip.readEntry();
  });
}

/** Resolves a relationship target against the folder of its source part (`xl/`); `/xl/…` is absolute. */
function resolveTarget(baseDir: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // not URI-encoded after all; use as written
  }
  const parts = t.startsWith('/') ? [] : baseDir.split('/').filter(Boolean);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function dirOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

/** `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
function relsOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

// Element names are compared with their namespace: Excel 2013 and later write `<x15:workbookPr/>` inside
// `extLst`, and taking it for the main `workbookPr` resets the 1904 date system. Strict OOXML (ISO 29500 strict)
// names the same elements under purl.oclc.org namespaces.
const MAIN_NS: ReadonlySet<string> = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
]);
const REL_NS: ReadonlySet<string> = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);
const PACKAGE_REL_NS: ReadonlySet<string> = new Set(['http://schemas.openxmlformats.org/package/2006/relationships']);

/**
 * Picks out the elements of one namespace without a parser's own namespace resolution (saxes's costs about half
 * again the parse time of a big sheet). Writers declare the part's namespace on its root element and keep its
 * prefix throughout, so an element is ours when it carries the root's prefix (none, in the usual part); the
 * one check per tag is whether it rebinds that prefix to another namespace, which makes it and everything
 * inside it foreign. Extension elements such as `x15:workbookPr` carry their own prefix and are never ours.
 */
class Names {
  private prefix = '';
  private rebind = 'xmlns';
  private ours = false;
  private depth = 0;
  /** Nesting depth inside a foreign element; 0 outside one. */
  private foreign = 0;
  private root: Record<string, string> = {};
  /** Whether tags may declare namespaces: see seeing(). */
  private watch = true;
  private near = true;
  private tail = '';

  constructor(private readonly ns: ReadonlySet<string>) {}

  /**
   * Told each chunk of the part before the parser gets it. A declaration spells `xmlns`; while neither this
   * chunk nor the one before has it (a tag may straddle the two), no tag can rebind our prefix and the lookup
   * is skipped: the millions of tags of a big sheet then cost nothing more than their name.
   */
  seeing(chunk: string): void {
    const near = chunk.includes('xmlns') || (this.tail + chunk.slice(0, 4)).includes('xmlns');
    this.watch = near || this.near;
    this.near = near;
    this.tail = chunk.slice(-4);
  }

  /** Enters an element; returns its local name when it is of our namespace (see local()). */
  open(name: string, attrs: Record<string, string>): string | undefined {
    if (this.depth > 0 && this.foreign === 0) {
      // The hot path: a rebinding of our prefix is looked for only where a declaration may be.
      if (this.watch) {
        const uri = attrs[this.rebind];
        if (uri !== undefined && !this.ns.has(uri)) {
          this.foreign = 1;
          return undefined;
        }
      }
      this.depth++;
      return this.local(name);
    }
    if (this.foreign > 0) {
      this.foreign++;
      return undefined;
    }
    // The root: its prefix, and the namespace declared for it.
    const i = name.indexOf(':');
    this.prefix = name.slice(0, i + 1);
    this.rebind = i < 0 ? 'xmlns' : `xmlns:${name.slice(0, i)}`;
    const uri = attrs[this.rebind];
    this.ours = uri !== undefined && this.ns.has(uri);
    this.root = attrs;
    this.depth++;
    return this.local(name);
  }

  /** Leaves an element; returns what open() returned for it. */
  close(name: string): string | undefined {
    if (this.foreign > 0) {
      this.foreign--;
      return undefined;
    }
    this.depth--;
    return this.local(name);
  }

  /**
   * The local name of one of ours. In the usual unprefixed part a prefixed (foreign) name comes back as
   * written: it never equals a local name, and not looking for its colon saves a test on every tag.
   */
  private local(name: string): string | undefined {
    if (!this.ours) return undefined;
    if (this.prefix === '') return name;
    return name.startsWith(this.prefix) ? name.slice(this.prefix.length) : undefined;
  }

  /** A prefixed attribute's value by its namespace and local name (`r:id`, whatever prefix the writer chose). */
  attr(attrs: Record<string, string>, ns: ReadonlySet<string>, local: string): string | undefined {
    for (const key in attrs) {
      const i = key.indexOf(':');
      if (i < 0 || key.slice(i + 1) !== local || key.startsWith('xmlns:')) continue;
      const decl = `xmlns:${key.slice(0, i)}`;
      // Declared on the element or the root, as writers do; declared nowhere we looked, taken as meant.
      const uri = attrs[decl] ?? this.root[decl];
      if (uri === undefined || ns.has(uri)) return attrs[key];
    }
    return undefined;
  }
}

/** Called with an element's local name, only for elements of the namespaces the part is read with. */
type OpenTag = (name: string, attrs: Record<string, string>, names: Names) => void;
type CloseTag = (name: string) => void;
type Text = (text: string) => void;

type PlainOptions = { xmlns: false; position: false };

function plainParser(): SaxesParser<PlainOptions> {
  // No namespace processing and no position tracking: both cost time on every tag.
  return new SaxesParser<PlainOptions>({ xmlns: false, position: false });
}

function newParser(ns: ReadonlySet<string>, onOpen: OpenTag, onClose: CloseTag, onText?: Text): SaxesParser<PlainOptions> {
  const parser = plainParser();
  const names = new Names(ns);
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = names.open(tag.name, tag.attributes);
    if (name !== undefined) onOpen(name, tag.attributes, names);
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    const name = names.close(tag.name);
    if (name !== undefined) onClose(name);
  });
  if (onText) {
    parser.on('text', onText);
    parser.on('cdata', onText);
  }
  return parser;
}

interface Relationship {
  type: string;
  target: string;
}

interface BookInfo {
  sheets: string[];
  /** Sheet name → part path (undefined when its relationship is missing). */
  parts: Map<string, string | undefined>;
  date1904: boolean;
  /** Parts named by the workbook's relationships (undefined when absent). */
  sharedStrings?: string;
  styles?: string;
}

/**
 * Inflates in 256 kB steps on the thread pool, which then runs ahead of the parser (at 16 kB, Node's default,
 * the parser waited for every step).
 */
function inflating(deflated: Buffer, declaredSize: number): Readable {
  // A small part is inflated at once: a zlib stream's set-up and its round trips to the thread pool cost more than
  // the inflating (a small month's workbooks hold a few hundred such parts). Anything unexpected (a damaged part,
  // one larger than declared) is left to the stream, which reports it as it always has.
  if (declaredSize <= SMALL_PART) {
    try {
      return Readable.from([inflateRawSync(deflated, { maxOutputLength: INFLATE_CHUNK })]);
    } catch {
      // below
    }
  }
  const inflate = createInflateRaw({ chunkSize: INFLATE_CHUNK });
  inflate.end(deflated);
  return inflate;
}

const INFLATE_CHUNK = 256 * 1024;
const SMALL_PART = 64 * 1024;

const DECODE_BYTES = 32 * 1024;

class Package {
  constructor(
    private readonly zip: ZipFile,
    private readonly entries: Map<string, Entry>,
    readonly file: string,
    private readonly maxEntryBytes: number,
  ) {}

  has(part: string): boolean {
    return this.entries.has(partKey(part));
  }

  /**
   * A part's text, decoded across chunk boundaries. Inflated bytes are counted as they arrive, because a
   * declared size can lie; leaving the loop destroys the stream, so nothing more is inflated.
   */
  async *text(part: string, label: PartLabel): AsyncGenerator<string> {
    const entry = this.entries.get(partKey(part));
    if (!entry) throw damagedPart(this.file, label, new Error('missing from the zip'));
    const max = this.maxEntryBytes;
    if (entry.uncompressedSize > max) throw tooLarge(this.file, label, max);
    let stream: Readable;
    try {
      stream = entry.compressionMethod === 8 ? inflating(await this.deflated(entry), entry.uncompressedSize) : await this.zip.openReadStreamPromise(entry);
    } catch (e) {
      throw damagedPart(this.file, label, e);
    }
    let decoder: StringDecoder | undefined;
    let bytes = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        if (bytes > max) throw tooLarge(this.file, label, max);
        // As yauzl checks the parts it inflates itself: a part never inflates to more than its zip entry says.
        if (bytes > entry.uncompressedSize) throw damagedPart(this.file, label, new Error('inflates to more than its declared size'));
        // OPC allows UTF-16 parts (with a BOM); everything in practice is UTF-8.
        decoder ??= new StringDecoder(chunk[0] === 0xff && chunk[1] === 0xfe ? 'utf16le' : 'utf8');
        // Decoded in pieces small enough for the young generation: a string over 128 kB goes straight to
        // V8's old space and is garbage there until a full collection, which let the heap grow by hundreds of MB.
        for (let at = 0; at < chunk.length; at += DECODE_BYTES) {
          const s = decoder.write(chunk.subarray(at, at + DECODE_BYTES));
          if (s.length > 0) yield s;
        }
      }
    } catch (e) {
      throw e instanceof FileError ? e : damagedPart(this.file, label, e);
    } finally {
      stream.destroy();
    }
    if (bytes < entry.uncompressedSize) throw damagedPart(this.file, label, new Error('inflates to less than its declared size'));
    const rest = decoder?.end() ?? '';
    if (rest.length > 0) yield rest;
  }

  /**
   * An entry's deflated bytes, read whole (a part compresses to a few MB): yauzl's file reader must never be
   * destroyed with a read still queued (it then reads a closed file and throws outside any stream), and a
   * table left half-read does exactly that; an in-memory inflate can be abandoned at any point.
   */
  private async deflated(entry: Entry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of (await this.zip.openReadStreamPromise(entry, { decompress: false })) as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  /** Parses a whole (small) part; the callbacks see the elements of the namespaces `ns`. */
  async parse(part: string, ns: ReadonlySet<string>, onOpen: OpenTag, onClose: CloseTag = () => {}, onText?: Text): Promise<void> {
    const label = partLabel(part);
    const parser = newParser(ns, onOpen, onClose, onText);
    try {
      for await (const s of this.text(part, label)) parser.write(s);
      parser.close();
    } catch (e) {
      throw e instanceof FileError ? e : damagedPart(this.file, label, e);
    }
  }

  async relationships(source: string): Promise<Map<string, Relationship>> {
    const rels = new Map<string, Relationship>();
    const relsPart = relsOf(source);
    if (!this.has(relsPart)) return rels;
    const base = dirOf(source);
    await this.parse(relsPart, PACKAGE_REL_NS, (name, a) => {
      if (name !== 'Relationship' || a.Id === undefined || a.Target === undefined) return;
      if (a.TargetMode === 'External') return;
      rels.set(a.Id, { type: a.Type ?? '', target: resolveTarget(base, a.Target) });
    });
    return rels;
  }

  async readWorkbook(): Promise<BookInfo> {
    if (!this.has('[Content_Types].xml')) throw notWorkbook(this.file);
    // The main part is whatever the package's officeDocument relationship names; xl/workbook.xml by convention.
    let main = 'xl/workbook.xml';
    for (const rel of (await this.relationships('')).values()) {
      if (rel.type.endsWith('/officeDocument')) main = rel.target;
    }
    // .xlsb keeps a binary workbook; a renamed .docx has no workbook at all.
    if (!this.has(main) || !main.toLowerCase().endsWith('.xml')) throw notWorkbook(this.file);

    let root: string | undefined;
    let date1904 = false;
    const declared: { name: string; rid: string | undefined }[] = [];
    await this.parse(main, MAIN_NS, (name, a, names) => {
      root ??= name;
      if (name === 'workbookPr') {
        date1904 = a.date1904 === '1' || a.date1904 === 'true';
      } else if (name === 'sheet' && a.name !== undefined) {
        declared.push({ name: a.name, rid: names.attr(a, REL_NS, 'id') });
      }
    });
    if (root !== 'workbook') throw notWorkbook(this.file);

    const rels = await this.relationships(main);
    const sheets: string[] = [];
    const parts = new Map<string, string | undefined>();
    for (const { name, rid } of declared) {
      const rel = rid === undefined ? undefined : rels.get(rid);
      // Chartsheets, dialog sheets and macro sheets hold no table.
      if (rel && !rel.type.endsWith('/worksheet')) continue;
      sheets.push(name);
      parts.set(name, rel?.target);
    }
    let sharedStrings: string | undefined;
    let styles: string | undefined;
    for (const rel of rels.values()) {
      if (rel.type.endsWith('/sharedStrings')) sharedStrings = rel.target;
      else if (rel.type.endsWith('/styles')) styles = rel.target;
    }
    // Some writers omit the relationships of these two; the conventional paths still work.
    sharedStrings ??= this.has('xl/sharedStrings.xml') ? 'xl/sharedStrings.xml' : undefined;
    styles ??= this.has('xl/styles.xml') ? 'xl/styles.xml' : undefined;
    return { sheets, parts, date1904, sharedStrings, styles };
  }

  /** Shared strings, in a plain array; rich-text runs concatenated, phonetic runs skipped. */
  async sharedStrings(part: string | undefined): Promise<string[] | undefined> {
    if (part === undefined || !this.has(part)) return undefined;
    const sst: string[] = [];
    let cur = '';
    let inT = false;
    let phonetic = 0;
    await this.parse(
      part,
      MAIN_NS,
      (name) => {
        if (name === 't') inT = phonetic === 0;
        else if (name === 'si') cur = '';
        else if (name === 'rPh') phonetic++;
      },
      (name) => {
        if (name === 't') inT = false;
        else if (name === 'si') sst.push(detached(unescapeXString(cur)));
        else if (name === 'rPh') phonetic--;
      },
      (text) => {
        if (inT) {
          cur += text;
          if (cur.length > MAX_CELL_CHARS) throw new Error(`shared string ${sst.length} is longer than ${MAX_CELL_CHARS} characters, more than a cell can hold`);
        }
      },
    );
    return sst;
  }

  /** For each cell style index (`s`), whether its number format shows a date or time. */
  async dateStyles(part: string | undefined): Promise<Uint8Array> {
    if (part === undefined || !this.has(part)) return new Uint8Array(0);
    const custom = new Map<number, string>();
    const xfFormats: number[] = [];
    let inNumFmts = false;
    let inCellXfs = false;
    await this.parse(
      part,
      MAIN_NS,
      (name, a) => {
        if (name === 'numFmts') inNumFmts = true;
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'numFmt' && inNumFmts) custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (name === 'xf' && inCellXfs) xfFormats.push(Number(a.numFmtId ?? 0));
      },
      (name) => {
        if (name === 'numFmts') inNumFmts = false;
        else if (name === 'cellXfs') inCellXfs = false;
      },
    );
    const result = new Uint8Array(xfFormats.length);
    xfFormats.forEach((id, i) => {
      const code = custom.get(id);
      result[i] = (code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id)) ? 1 : 0;
    });
    return result;
  }

  close(): void {
    this.zip.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Number formats

/**
 * Built-in date/time formats: 14–22 everywhere, 45–47 (mm:ss, [h]:mm:ss, mmss.0), and the East-Asian built-ins
 * 27–36 and 50–58 (`yyyy"年"m"月"d"日"` and friends) that Chinese Excel and WPS write without a numFmt element.
 */
const BUILTIN_DATE_FORMATS = new Set<number>();
for (const [from, to] of [
  [14, 22],
  [27, 36],
  [45, 47],
  [50, 58],
]) {
  for (let id = from; id <= to; id++) BUILTIN_DATE_FORMATS.add(id);
}

const ELAPSED = /^(?:h+|m+|s+)$/i;

/**
 * Whether a custom format code shows a date or time: a y, m, d, h or s outside quoted text, backslash escapes,
 * `_x` / `*x` spacing and `[…]` brackets, except the elapsed-time brackets [h], [mm], [ss].
 */
export function isDateFormatCode(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const j = code.indexOf('"', i + 1);
      if (j < 0) return false;
      i = j;
    } else if (c === 0x5c /* \ */ || c === 0x5f /* _ */ || c === 0x2a /* * */) {
      i++;
    } else if (c === 0x5b /* [ */) {
      const j = code.indexOf(']', i + 1);
      if (j < 0) return false;
      if (ELAPSED.test(code.slice(i + 1, j))) return true;
      i = j;
    } else {
      const lower = c | 0x20;
      if (lower === 0x79 || lower === 0x6d || lower === 0x64 || lower === 0x68 || lower === 0x73) return true; // y m d h s
    }
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Cell values

/** OOXML escapes control characters in strings as `_xHHHH_` (Excel writes `_x000D_` for CR). */
/**
 * A copy of `s` that holds on to nothing else. The parser's text is a slice of the inflated chunk, and V8
 * keeps a slice of 13 or more characters as a view into that whole chunk (two bytes a character as soon as
 * the chunk has one CJK character): a shared string kept in a record would keep its chunk alive with it.
 */
function detached(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

function unescapeXString(s: string): string {
  return s.indexOf('_x') < 0
    ? s
    : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
const ISO_TIME = /^T?(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/;

/** A `t="d"` cell's ISO 8601 text, as wall time (a zone suffix is ignored: all times are wall-clock). */
function isoDate(text: string): Cell {
  const m = ISO_DATE.exec(text);
  if (m) {
    const t = wall(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0);
    return { kind: 'date', t };
  }
  // A time with no date is a time of day on Excel's day 0, as a time-formatted number would be.
  const tm = ISO_TIME.exec(text);
  if (tm) return { kind: 'date', t: wall(1899, 12, 30, +tm[1], +tm[2], tm[3] ? +tm[3] : 0) };
  return text;
}

/** XFD, the last column of a worksheet (0-based). */
const MAX_COLUMN = 16_383;

/**
 * What a cell can hold in Excel (and a formula is shorter still). A longer text is not from a spreadsheet
 * program; refusing it keeps one hostile cell from filling memory and every message that quotes it.
 */
const MAX_CELL_CHARS = 32_767;

/** 0 → A, 16383 → XFD. */
function columnName(index: number): string {
  let s = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** `BC12` → 54 (0-based column); -1 when there are no letters. */
function columnIndex(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) break;
    col = col * 26 + (c - 0x60);
  }
  return col - 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Workbook

interface SharedParts {
  sst: string[] | undefined;
  dateStyles: Uint8Array;
}

class Workbook implements XlsxWorkbook {
  readonly sheets: string[];
  readonly date1904: boolean;
  private shared?: Promise<SharedParts>;
  private closed = false;

  constructor(
    private readonly pkg: Package,
    private readonly book: BookInfo,
  ) {
    this.sheets = book.sheets;
    this.date1904 = book.date1904;
  }

  rows(sheet: string): AsyncIterable<RawRow> {
    return this.sheetRows(sheet);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.pkg.close();
  }

  /** Shared strings and styles are read once, on the first sheet read, so listing sheets stays cheap. */
  private loadShared(): Promise<SharedParts> {
    this.shared ??= (async () => ({
      sst: await this.pkg.sharedStrings(this.book.sharedStrings),
      dateStyles: await this.pkg.dateStyles(this.book.styles),
    }))();
    return this.shared;
  }

  private async *sheetRows(sheet: string): AsyncGenerator<RawRow> {
    if (this.closed) throw new Error('openXlsx: rows() called after close()');
    const { file } = this.pkg;
    const label = partLabel('', sheet);
    if (!this.book.parts.has(sheet)) {
      throw fail(file, `没有名为「${sheet}」的工作表`, `no sheet named "${sheet}"`);
    }
    const part = this.book.parts.get(sheet);
    if (part === undefined || !this.pkg.has(part)) {
      throw damagedPart(file, label, new Error('its worksheet part is missing'));
    }
    const { sst, dateStyles } = await this.loadShared();
    const date1904 = this.date1904;

    // Parser state. Rows completed by one write() are collected in `batch` and yielded before the next
    // chunk is read, so the inflate stream is paused while the consumer works (backpressure).
    let batch: RawRow[] = [];
    let inSheetData = false;
    let ended = false;
    let rowNum = 0;
    let cells: Cell[] = [];
    let col = 0;
    let nextCol = 0;
    let type: string | undefined;
    let style = 0;
    let v = '';
    let f = '';
    let inline = '';
    let hasV = false;
    let hasF = false;
    let hasIs = false;
    let inIs = false;
    let phonetic = 0;
    /** Which text is being captured: 0 none, 1 <v>, 2 <f>, 3 <is><t>. */
    let capture = 0;

    const cellValue = (): Cell => {
      if (type === 'inlineStr') return hasIs ? unescapeXString(inline) : hasV ? unescapeXString(v) : null;
      if (!hasV || (v === '' && type !== 'str')) {
        if (!hasF) return null;
        return f === '' ? { kind: 'error', error: 'formula' } : { kind: 'error', error: 'formula', formula: f };
      }
      switch (type) {
        case 's': {
          const s = sst?.[+v];
          if (s === undefined) {
            throw damagedPart(file, label, new Error(`cell ${rowNum}:${col + 1} names shared string ${v}, which does not exist`));
          }
          return s;
        }
        case 'str':
          return unescapeXString(v);
        case 'b':
          return v === '1' || v === 'true';
        case 'e':
          return { kind: 'error', error: v };
        case 'd':
          return isoDate(v);
        default: {
          const n = +v;
          if (n !== n) return v; // not a number after all: keep the text rather than lose it
          // A date-formatted number outside Excel's dates (it shows #####) stays a number, never a bogus date.
          return dateStyles[style] === 1 && isExcelDateSerial(n, date1904) ? { kind: 'date', t: excelSerialToWall(n, date1904) } : n;
        }
      }
    };

    const names = new Names(MAIN_NS);

    const onOpen = (tag: SaxesTagPlain): void => {
      const name = names.open(tag.name, tag.attributes);
      if (!inSheetData) {
        if (name === 'sheetData') inSheetData = true;
        return;
      }
      const a = tag.attributes;
      switch (name) {
        case 'c': {
          const r = a.r;
          const idx = r === undefined ? -1 : columnIndex(r);
          col = idx < 0 ? nextCol : idx;
          // Past XFD no spreadsheet has cells; a reference like AAAAAAAAAA1 would ask for a row of 10^14 cells.
          if (col > MAX_COLUMN) throw new Error(`cell ${r ?? `#${col + 1}`} of row ${rowNum} lies beyond the last column, XFD`);
          type = a.t;
          const s = a.s;
          style = s === undefined ? 0 : +s;
          v = f = inline = '';
          hasV = hasF = hasIs = false;
          break;
        }
        case 'v':
          capture = 1;
          hasV = true;
          break;
        case 'f':
          capture = 2;
          hasF = true;
          break;
        case 'row': {
          const r = a.r === undefined ? NaN : +a.r;
          rowNum = r > 0 ? r : rowNum + 1;
          cells = [];
          nextCol = 0;
          break;
        }
        case 'is':
          inIs = hasIs = true;
          break;
        case 't':
          if (inIs && phonetic === 0) capture = 3;
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    };

    const onClose = (tag: SaxesTagPlain): void => {
      const name = names.close(tag.name);
      if (!inSheetData) {
        if (name === 'worksheet') ended = true;
        return;
      }
      switch (name) {
        case 'v':
        case 'f':
        case 't':
          capture = 0;
          break;
        case 'c': {
          const value = cellValue();
          if (value !== null) {
            // Fill gaps with null rather than leave holes: holey arrays are slower and hold undefined.
            while (cells.length < col) cells.push(null);
            cells[col] = value;
          }
          nextCol = col + 1;
          break;
        }
        case 'row':
          batch.push({ row: rowNum, cells });
          break;
        case 'is':
          inIs = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'sheetData':
          inSheetData = false;
          break;
      }
    };

    const onText: Text = (text) => {
      if (capture === 0) return;
      let length: number;
      if (capture === 1) length = (v += text).length;
      else if (capture === 2) length = (f += text).length;
      else length = (inline += text).length;
      if (length > MAX_CELL_CHARS) {
        throw new Error(`cell ${columnName(col)}${rowNum} holds more than ${MAX_CELL_CHARS} characters, more than a cell can hold`);
      }
    };

    const parser = plainParser();
    parser.on('opentag', onOpen);
    parser.on('closetag', onClose);
    parser.on('text', onText);
    parser.on('cdata', onText);
    try {
      for await (const s of this.pkg.text(part, label)) {
        names.seeing(s);
        parser.write(s);
        if (batch.length > 0) {
          const ready = batch;
          batch = [];
          for (const row of ready) yield row;
        }
      }
      parser.close();
    } catch (e) {
      throw e instanceof FileError ? e : damagedPart(file, label, e);
    }
    for (const row of batch) yield row;
    // Never a silently short sheet: the XML must reach its end.
    if (!ended) throw damagedPart(file, label, new Error('the sheet ends before </worksheet>'));
  }
}
