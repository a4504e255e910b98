/**
 * The bad-input corpus (issue 6): hostile and messy inputs, each with exactly what ecops must answer —
 * exit status (docs/outputs.md#general), and the issues as [code, file, sheet, row, column] (from `validate --json`), or the
 * one-line error on stderr naming the file. Binary inputs are generated here into a temp folder at test
 * time (nothing binary is committed); corpus.test.ts runs every case through the built CLI.
 *
 * Run `npx tsx test/corpus/build.ts OUTDIR` to write every case's input folder for a look by hand.
 */
import assert from 'node:assert/strict';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, open, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import iconv from 'iconv-lite';
import { DEFAULT_REGULATION_PATH } from '../../src/regulation/index.js';
import { openXlsx } from '../../src/read/xlsx.js';
import type { EcopsRun } from '../helpers/cli.js';
import { writeXlsx } from '../helpers/sheets.js';
import { buildZip } from '../helpers/zip.js';
import { compoundFile, serial, sheetXml, STYLE, xlsx, xlsxOf, type XCell } from './xlsx-builder.js';

/** [code, file, sheet, row, column]; null where the issue has none. */
export type IssueTuple = [string, string, string | null, number | null, string | null];

export interface Dirs {
  /** The case's own folder (holds data/ and out/, and anything else the case needs). */
  root: string;
  data: string;
  out: string;
}

export interface CorpusCase {
  id: string;
  title: string;
  /** Writes the inputs (data/ exists and is empty). */
  write(d: Dirs): Promise<void>;
  /** The command; default `validate --data DATA --json`. */
  args?(d: Dirs): string[];
  expect: {
    status: 0 | 1 | 2;
    /** Every issue of the JSON on stdout, info ones included, in order. */
    issues?: IssueTuple[];
    /** Substrings of the issues' messages, by position in `issues`. */
    messages?: Record<number, string[]>;
    /** The issues' values, by position. */
    values?: Record<number, string>;
    /** validate's tables: [file, sheet, log, rows]. */
    tables?: [string, string, string, number][];
    /** stderr is one line (after the error label) holding each of these. */
    stderr?: string[];
    /** …or this many lines, one per problem (the first holding `stderr`). */
    stderrLines?: number;
  };
  /**
   * Runs as a real process, not in a worker thread of the test process: a case built to exhaust memory (zip bombs,
   * a 100 MB field, a million rows) can then only take its own process down if a guard fails.
   */
  spawn?: boolean;
  /** A reason to skip on this machine, if any (printed). */
  skip?(d: Dirs): Promise<string | undefined>;
  /** Anything else to check after the run (output files, inputs untouched). */
  check?(d: Dirs, run: EcopsRun): Promise<void>;
  /** Undo what write() did that rm -rf cannot (e.g. an immutable folder). */
  cleanup?(d: Dirs): Promise<void>;
}

// ─── small writers ──────────────────────────────────────────────────────────────────────────────────────

const csvText = (rows: (string | number | null)[][], eol = '\r\n') =>
  rows.map((r) => r.map((c) => (c === null ? '' : /[",\r\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',')).join(eol) + eol;

async function put(dir: string, name: string, content: string | Buffer): Promise<void> {
  await mkdir(join(dir, name, '..'), { recursive: true });
  await writeFile(join(dir, name), content);
}

const STAFF: (string | null)[][] = [
  ['姓名', '岗位', '直属上级'],
  ['张三', '客服', '王五'],
  ['李四', '客服', '王五'],
  ['王五', '客服主管', null],
];
const staffCsv = (dir: string) => put(dir, '人员.csv', csvText(STAFF));

const CONSULT_HEAD = ['咨询时间', '客服', '渠道', '首次响应秒数'];
const PRESENCE_HEAD = ['客服', '离开时间', '返回时间'];
const INBOUND_HEAD = ['入库时间', '货号', '数量', '单价'];

/** A real workbook written by exceljs (a staff list), for cutting and renaming. */
async function realWorkbook(path: string): Promise<Buffer> {
  await writeXlsx(path, { 名单: STAFF.map((r) => r.map((c) => c ?? '')) });
  return readFile(path);
}

/** The default regulation with one text replaced (the first occurrence). */
async function regulationWith(from: string, to: string): Promise<string> {
  const text = await readFile(DEFAULT_REGULATION_PATH, 'utf8');
  if (!text.includes(from)) throw new Error(`corpus: "${from}" not in the default regulation`);
  return text.replace(from, to);
}

/** Writes `size` bytes of one character into a field, streaming (never the whole field in memory). */
async function hugeFieldCsv(path: string, size: number): Promise<void> {
  const out = createWriteStream(path);
  out.write('客服,离开时间,返回时间\r\n张三,"');
  const block = Buffer.alloc(1024 * 1024, 'x');
  for (let written = 0; written < size; written += block.length) {
    if (!out.write(block)) await once(out, 'drain');
  }
  out.end('",2024-05-06 12:00\r\n');
  await once(out, 'finish');
}

/**
 * A sheet of 1,048,576 rows (Excel's last row): a header, two data rows, then blank-ish rows (no cells, a styled
 * empty cell, a whitespace string) down to a last data row on row 1,048,576 whose date is wrong.
 */
function millionRowSheet(): Buffer {
  const LAST = 1_048_576;
  const chunks: Buffer[] = [
    Buffer.from(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        '<dimension ref="A1:D1048576"/><sheetData>' +
        sheetRows([CONSULT_HEAD, ['2024-05-06 09:00', '张三', '旺旺', 10], ['2024-05-06 09:05', '李四', '留言', null]]),
    ),
  ];
  // Built in 64 kB pieces: one string of 66 MB takes seconds to join and encode.
  let rows = '';
  for (let r = 4; r < LAST; r++) {
    switch (r % 3) {
      case 0:
        rows += `<row r="${r}" spans="1:4"/>`;
        break;
      case 1:
        rows += `<row r="${r}" spans="1:4"><c r="C${r}" s="2"/></row>`;
        break;
      default:
        rows += `<row r="${r}" spans="1:4"><c r="B${r}" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row>`;
    }
    if (rows.length > 65_536) {
      chunks.push(Buffer.from(rows));
      rows = '';
    }
  }
  chunks.push(Buffer.from(rows + sheetRows([{ r: LAST, cells: ['2024-05-32 09:00', '张三', '留言'] }]) + '</sheetData></worksheet>'));
  return Buffer.concat(chunks);
}

/** The rows of sheetXml() alone (between <sheetData> tags). */
function sheetRows(rows: Parameters<typeof sheetXml>[0]): string {
  const xml = sheetXml(rows);
  return xml.slice(xml.indexOf('<sheetData>') + 11, xml.indexOf('</sheetData>'));
}

const uid = typeof process.getuid === 'function' ? process.getuid() : -1;

// ─── the cases ──────────────────────────────────────────────────────────────────────────────────────────

export const CASES: CorpusCase[] = [
  // ── files that are not what they say ──────────────────────────────────────────────────────────────
  {
    id: 'empty-csv',
    title: 'a zero-byte .csv is an empty table: ignored (info), not an error',
    write: async (d) => put(d.data, '空.csv', ''),
    expect: { status: 0, issues: [['ignored-table', '空.csv', '空', null, null]], tables: [] },
  },
  {
    id: 'empty-xlsx',
    title: 'a zero-byte .xlsx: "empty file", save as .xlsx',
    write: async (d) => put(d.data, '空.xlsx', ''),
    expect: { status: 2, issues: [['file-error', '空.xlsx', null, null, null]], messages: { 0: ['空.xlsx', '文件是空的（0 字节）', '另存为 .xlsx'] } },
  },
  {
    id: 'xls-renamed-xlsx',
    title: 'a legacy .xls (compound file) renamed .xlsx',
    write: async (d) => put(d.data, '旧版.xlsx', compoundFile(['Workbook', 'SummaryInformation'])),
    expect: { status: 2, issues: [['file-error', '旧版.xlsx', null, null, null]], messages: { 0: ['旧版 .xls', '另存为 .xlsx'] } },
  },
  {
    id: 'encrypted',
    title: 'a password-protected workbook (compound file with EncryptionInfo / EncryptedPackage)',
    write: async (d) => put(d.data, '加密.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage', 'DataSpaces'])),
    expect: { status: 2, issues: [['file-error', '加密.xlsx', null, null, null]], messages: { 0: ['已加密', '取消密码', '.xlsx'] } },
  },
  {
    id: 'zip-not-workbook',
    title: 'a zip of text files named .xlsx',
    write: async (d) => put(d.data, '打包.xlsx', buildZip({ 'readme.txt': '这不是工作簿', 'data/a.csv': 'a,b\n1,2\n' })),
    expect: { status: 2, issues: [['file-error', '打包.xlsx', null, null, null]], messages: { 0: ['不是 Excel 工作簿', '.xlsx'] } },
  },
  {
    id: 'docx-renamed',
    title: 'a Word document renamed .xlsx',
    write: async (d) =>
      put(d.data, '通知.xlsx', buildZip({
        '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        '_rels/.rels':
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
      })),
    expect: { status: 2, issues: [['file-error', '通知.xlsx', null, null, null]], messages: { 0: ['不是 Excel 工作簿'] } },
  },
  {
    id: 'truncated-xlsx',
    title: 'a workbook cut off part-way (download interrupted)',
    write: async (d) => {
      const whole = await realWorkbook(join(d.root, 'whole.xlsx'));
      await put(d.data, '截断.xlsx', whole.subarray(0, Math.floor(whole.length * 0.6)));
    },
    expect: { status: 2, issues: [['file-error', '截断.xlsx', null, null, null]], messages: { 0: ['截断.xlsx', '损坏', '另存为 .xlsx'] } },
  },
  {
    id: 'truncated-sheet',
    title: 'a sound zip whose sheet XML stops mid-row: the file is refused whole, no half of its rows kept',
    write: async (d) => {
      const xml = sheetXml([PRESENCE_HEAD, ['张三', '2024-05-06 12:00', '2024-05-06 12:30'], ['李四', '2024-05-06 13:00', '2024-05-06 13:30']]);
      await put(d.data, '离岗.xlsx', xlsx([{ name: '离岗', xml: xml.slice(0, xml.indexOf('李四')) }]));
    },
    expect: { status: 2, issues: [['file-error', '离岗.xlsx', null, null, null]], messages: { 0: ['工作表「离岗」', '不完整'] }, tables: [] },
  },
  {
    id: 'zip-bomb-declared',
    title: 'a zip bomb: a small file whose sheet declares 3 GiB is refused by the size guard before inflating',
    write: async (d) => {
      const xml = sheetXml([CONSULT_HEAD]).replace('<sheetData>', `<sheetData>${' '.repeat(20 * 1024 * 1024)}`);
      await put(d.data, '炸弹.xlsx', xlsx([{ name: 'S', xml }], { declaredSize: { 'xl/worksheets/sheet1.xml': 3 * 1024 ** 3 } }));
    },
    expect: { status: 2, issues: [['file-error', '炸弹.xlsx', null, null, null]], messages: { 0: ['工作表「S」', '超过', '压缩炸弹'] } },
    spawn: true,
  },
  {
    id: 'zip-bomb-lying',
    title: 'a zip bomb whose header lies (declares 1 kB, inflates to 50 MB): stopped at the declared size',
    write: async (d) => {
      const xml = sheetXml([CONSULT_HEAD]).replace('<sheetData>', `<sheetData>${' '.repeat(50 * 1024 * 1024)}`);
      await put(d.data, '炸弹.xlsx', xlsx([{ name: 'S', xml }], { declaredSize: { 'xl/worksheets/sheet1.xml': 1000 } }));
    },
    expect: { status: 2, issues: [['file-error', '炸弹.xlsx', null, null, null]], messages: { 0: ['工作表「S」', '损坏'] } },
    spawn: true,
  },
  {
    id: 'million-rows',
    title: '1,048,576 rows, nearly all blank: blank rows skipped and not counted, the last row read and numbered',
    write: async (d) => put(d.data, '百万行.xlsx', xlsx([{ name: '咨询', xml: millionRowSheet() }])),
    expect: {
      status: 1,
      issues: [['type-error', '百万行.xlsx', '咨询', 1_048_576, '咨询时间']],
      values: { 0: '2024-05-32 09:00' },
      tables: [['百万行.xlsx', '咨询', 'consultations', 3]],
    },
    spawn: true,
  },
  {
    id: 'xfd-columns',
    title: '16,384 columns: unknown headers ignored, a required column at XFD read and named',
    write: async (d) => {
      const head: XCell[] = Array.from({ length: 16_384 }, (_, i) => `备用${i + 1}`);
      head[0] = '咨询时间';
      head[1] = '客服';
      head[16_383] = '渠道';
      const row = (date: string, channel: string): XCell[] => {
        const cells: XCell[] = new Array(16_384).fill(null);
        cells[0] = date;
        cells[1] = '张三';
        cells[5000] = '杂项';
        cells[16_383] = channel;
        return cells;
      };
      await put(d.data, '宽表.xlsx', xlsxOf('宽', [head, row('2024-05-06 09:00', '留言'), row('2024-05-06 10:00', '微信')]));
    },
    expect: {
      status: 1,
      issues: [['constraint-error', '宽表.xlsx', '宽', 3, '渠道']],
      values: { 0: '微信' },
      tables: [['宽表.xlsx', '宽', 'consultations', 2]],
    },
    spawn: true,
  },
  {
    id: 'cell-beyond-xfd',
    title: 'a cell reference past column XFD (AAAAAAAAAA2 would ask for a row of 10^14 cells): refused, no crash',
    write: async (d) =>
      put(d.data, '越界.xlsx', xlsxOf('S', [CONSULT_HEAD, [{ raw: '<c r="AAAAAAAAAA2" t="inlineStr"><is><t>x</t></is></c>' }]])),
    expect: { status: 2, issues: [['file-error', '越界.xlsx', null, null, null]], messages: { 0: ['工作表「S」', 'AAAAAAAAAA2', 'XFD'] } },
  },
  {
    id: 'huge-cell',
    title: 'one cell of 1 MB (Excel holds at most 32,767 characters): refused, not echoed into every message',
    write: async (d) =>
      put(d.data, '大格.xlsx', xlsxOf('S', [CONSULT_HEAD, ['x'.repeat(1024 * 1024), '张三', '留言']])),
    expect: { status: 2, issues: [['file-error', '大格.xlsx', null, null, null]], messages: { 0: ['A2', '32767'] } },
  },
  {
    id: 'date-out-of-range',
    title: 'date-formatted numbers Excel shows as ##### (negative, past 9999) and serials typed as text: errors, not year 27 million',
    write: async (d) =>
      put(d.data, '咨询.xlsx', xlsxOf('S', [
        ['咨询时间', '客服', '渠道'],
        [{ serial: 1e10 }, '张三', '留言'],
        [{ serial: -5 }, '张三', '留言'],
        ['99999999', '张三', '留言'],
        ['45418.5', '张三', '留言'],
        [{ serial: serial('2024-05-06 12:00') }, '李四', '留言'],
      ])),
    expect: {
      status: 1,
      issues: [2, 3, 4].map((row): IssueTuple => ['type-error', '咨询.xlsx', 'S', row, '咨询时间']),
      values: { 0: '10000000000', 1: '-5', 2: '99999999' },
      tables: [['咨询.xlsx', 'S', 'consultations', 5]],
    },
  },
  {
    id: 'number-too-large',
    title: 'numbers no log can mean (400 digits of 9, 1e300, 2^60): constraint errors, not Infinity in the books',
    write: async (d) =>
      put(d.data, '入库.xlsx', xlsxOf('入库', [
        INBOUND_HEAD,
        ['2024-05-06', 'A', '9'.repeat(400), 1],
        ['2024-05-06', 'B', 1e300, 1e308],
        ['2024-05-06', 'C', 2 ** 60, 1],
        ['2024-05-06', 'D', '100,000,000,000', '99999999999.99'],
      ])),
    expect: {
      status: 1,
      issues: [
        ['constraint-error', '入库.xlsx', '入库', 2, '数量'],
        ['constraint-error', '入库.xlsx', '入库', 3, '数量'],
        ['constraint-error', '入库.xlsx', '入库', 3, '单价'],
        ['constraint-error', '入库.xlsx', '入库', 4, '数量'],
      ],
      messages: { 0: ['数值过大'] },
    },
  },
  {
    id: 'binary-as-csv',
    title: 'binary data (a program, a picture) named .csv: not text, say so instead of ignoring it',
    write: async (d) => put(d.data, '图片.csv', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(64), Buffer.from('IHDR')])),
    expect: { status: 2, issues: [['file-error', '图片.csv', null, null, null]], messages: { 0: ['不是文本（CSV）文件'] } },
  },
  {
    id: 'xml-entities',
    title: 'a sheet with a billion-laughs DTD and one with an external entity (XXE): refused, nothing expanded or fetched',
    write: async (d) => {
      const ws = (doctype: string, ref: string) =>
        `<?xml version="1.0"?><!DOCTYPE x [${doctype}]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
        `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>咨询时间${ref}</t></is></c></row></sheetData></worksheet>`;
      const laughs = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('');
      await put(d.data, 'lol.xlsx', xlsx([{ name: 'S', xml: ws(laughs, '&l9;') }]));
      await put(d.data, 'xxe.xlsx', xlsx([{ name: 'S', xml: ws('<!ENTITY e SYSTEM "file:///etc/passwd">', '&e;') }]));
    },
    expect: {
      status: 2,
      issues: [['file-error', 'lol.xlsx', null, null, null], ['file-error', 'xxe.xlsx', null, null, null]],
      messages: { 0: ['工作表「S」'], 1: ['工作表「S」'] },
    },
  },
  {
    id: 'csv-is-zip',
    title: 'a workbook named .csv: rename it to .xlsx',
    write: async (d) => put(d.data, '表.csv', await realWorkbook(join(d.root, 'real.xlsx'))),
    expect: { status: 2, issues: [['file-error', '表.csv', null, null, null]], messages: { 0: ['不是 CSV 文件', '.xlsx'] } },
  },
  {
    id: 'html-as-xls',
    title: 'a web page a shop back-end exported as .xls',
    write: async (d) => put(d.data, '导出.xls', '<html><body><table><tr><td>订单号</td></tr></table></body></html>'),
    expect: { status: 2, issues: [['file-error', '导出.xls', null, null, null]], messages: { 0: ['不是真正的 .xls', '另存为 .xlsx'] } },
  },
  {
    id: 'unreadable-beside-good',
    title: 'one unreadable file does not hide the others: exit 2, and the good file is still checked',
    write: async (d) => {
      await put(d.data, '加密.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']));
      await put(d.data, '离岗.csv', csvText([PRESENCE_HEAD, ['张三', '2024-05-06 12:00', '2024-05-06 11:00']]));
    },
    expect: {
      status: 2,
      issues: [['file-error', '加密.xlsx', null, null, null], ['order-error', '离岗.csv', '离岗', 2, '返回时间']],
      tables: [['离岗.csv', '离岗', 'presence', 1]],
    },
  },

  {
    id: 'score-with-unreadable',
    title: 'score with one unreadable file: the report is written and lists it, but the exit status is 2',
    write: async (d) => {
      await staffCsv(d.data);
      await put(d.data, '加密.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']));
    },
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out],
    expect: { status: 2, stderr: ['1 个文件无法读取', '加密.xlsx'] },
    check: async (d) => {
      const wb = await openXlsx(join(d.out, 'score-2024-05.xlsx'), 'score-2024-05.xlsx');
      const rows = [];
      for await (const r of wb.rows('校验问题')) rows.push(r.cells);
      await wb.close();
      // The list under the title block: from its header (级别 …); only the staff list was read, so every other log is
      // missing, each said once.
      const list = rows.slice(rows.findIndex((c) => c[0] === '级别')).filter((c) => c[2] !== 'missing-log');
      assert.deepEqual(list.slice(0, 2).map((c) => [c[2], c[3]]), [['代码', '文件'], ['file-error', '加密.xlsx']]);
      assert.equal(rows.filter((c) => c[2] === 'missing-log').length, 8);
    },
  },
  {
    id: 'strict-with-unreadable',
    title: 'close --strict with an unreadable file: nothing written, exit 2 (a file that cannot be read)',
    write: async (d) => put(d.data, '加密.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage'])),
    args: (d) => ['close', '--month', '2024-05', '--data', d.data, '--out', d.out, '--strict'],
    expect: { status: 2, stderr: ['--strict', '未生成报表'] },
    check: async (d) => {
      const { readdir } = await import('node:fs/promises');
      assert.deepEqual(await readdir(d.out).catch(() => []), []);
    },
  },

  // ── CSV text ──────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'csv-unclosed-quote',
    title: 'a stray quote that is never closed: the row it starts on is named',
    write: async (d) =>
      put(d.data, '离岗.csv', '客服,离开时间,返回时间\r\n张三,2024-05-06 12:00,2024-05-06 12:30\r\n李四,"2024-05-06 13:00,2024-05-06 13:30\r\n张三,2024-05-07 12:00,2024-05-07 12:30\r\n'),
    expect: { status: 2, issues: [['file-error', '离岗.csv', null, null, null]], messages: { 0: ['第 3 行', '引号没有闭合'] } },
  },
  {
    id: 'csv-100mb-field',
    title: 'a 100 MB field is refused by the 16 MiB record-size guard, at its row',
    write: async (d) => hugeFieldCsv(join(d.data, '巨大.csv'), 100 * 1024 * 1024),
    expect: { status: 2, issues: [['file-error', '巨大.csv', null, null, null]], messages: { 0: ['第 2 行', '超过 16 MiB'] } },
    spawn: true,
  },
  {
    id: 'csv-ragged',
    title: 'ragged rows: short rows miss required values, long rows keep their known columns',
    write: async (d) =>
      put(d.data, '离岗.csv', '客服,离开时间,返回时间\r\n张三,2024-05-06 12:00,2024-05-06 12:30\r\n李四\r\n张三,2024-05-07 12:00,2024-05-07 12:30,多余,更多\r\n李四,2024-05-07 13:00\r\n'),
    expect: {
      status: 1,
      issues: [
        ['required-value', '离岗.csv', '离岗', 3, '离开时间'],
        ['required-value', '离岗.csv', '离岗', 3, '返回时间'],
        ['required-value', '离岗.csv', '离岗', 5, '返回时间'],
      ],
      tables: [['离岗.csv', '离岗', 'presence', 4]],
    },
  },
  {
    id: 'csv-mixed-eol',
    title: 'CRLF, LF and CR line endings in one file: rows numbered as Excel shows them',
    write: async (d) =>
      put(d.data, '离岗.csv',
        '客服,离开时间,返回时间\r\n张三,2024-05-06 12:00,2024-05-06 12:30\n李四,2024-05-06 13:00,2024-05-06 13:30\r' +
        '张三,2024-05-07 12:00,2024-05-07 12:30\r\n李四,2024-05-07 13:00,2024-05-07 12:00\n张三,2024-05-08 12:00,2024-05-08 12:30\r'),
    expect: { status: 1, issues: [['order-error', '离岗.csv', '离岗', 5, '返回时间']], tables: [['离岗.csv', '离岗', 'presence', 5]] },
  },
  {
    id: 'gbk-half-char',
    title: 'a GBK CSV cut in the middle of its last character: the broken name is shown, not dropped',
    write: async (d) => {
      await staffCsv(d.data);
      const bytes = iconv.encode('咨询时间,渠道,客服\r\n2024-05-06 09:00,留言,张三\r\n2024-05-06 10:00,留言,李四', 'gbk');
      await put(d.data, '咨询.csv', bytes.subarray(0, bytes.length - 1));
    },
    // The broken character is decoding damage: an encoding warning on its row as well.
    expect: { status: 1, issues: [['encoding', '咨询.csv', '咨询', 3, null], ['unknown-staff', '咨询.csv', '咨询', 3, '客服']], values: { 1: '李\ufffd' } },
  },
  {
    id: 'bom-over-gbk',
    title: 'a UTF-8 BOM over GBK text (an editor added the BOM): read as GBK, not dropped as an unknown table',
    write: async (d) =>
      put(d.data, '离岗.csv', Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        iconv.encode(csvText([PRESENCE_HEAD, ['张三', '2024-05-06 12:00', '2024-05-06 12:30'], ['李四', '2024-05-06 13:00', '2024-05-06 12:00']]), 'gbk'),
      ])),
    expect: { status: 1, issues: [['order-error', '离岗.csv', '离岗', 3, '返回时间']], tables: [['离岗.csv', '离岗', 'presence', 2]] },
  },
  {
    id: 'utf16-tab',
    title: 'UTF-16 with BOM and tabs, as Excel\'s "Unicode text" writes it',
    write: async (d) =>
      put(d.data, '离岗.csv', Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from('客服\t离开时间\t返回时间\r\n张三\t2024-05-06 12:00\t2024-05-06 12:30\r\n李四\t2024-05-06 13:00\t2024-05-06 12:00\r\n', 'utf16le'),
      ])),
    expect: { status: 1, issues: [['order-error', '离岗.csv', '离岗', 3, '返回时间']], tables: [['离岗.csv', '离岗', 'presence', 2]] },
  },

  // ── table shapes ──────────────────────────────────────────────────────────────────────────────────
  {
    id: 'header-only',
    title: 'a header and no rows: a log with 0 rows, no problem',
    write: async (d) => put(d.data, '咨询.xlsx', xlsxOf('咨询', [CONSULT_HEAD])),
    expect: { status: 0, issues: [], tables: [['咨询.xlsx', '咨询', 'consultations', 0]] },
  },
  {
    id: 'header-row-9',
    title: 'title and notes above a header on row 9: rows keep their own numbers',
    write: async (d) =>
      put(d.data, '咨询.xlsx', xlsxOf('五月', [
        ['2024年5月咨询记录'],
        ['制表人：王五'],
        { r: 9, cells: CONSULT_HEAD },
        ['2024-05-06 09:00', '张三', '旺旺', 10],
        ['2024-05-06 25:00', '李四', '旺旺', 10],
        ['2024-05-06 11:00', '李四', '留言'],
      ], { merges: ['A1:D1'] })),
    expect: { status: 1, issues: [['type-error', '咨询.xlsx', '五月', 11, '咨询时间']], tables: [['咨询.xlsx', '五月', 'consultations', 3]] },
  },
  {
    id: 'header-after-blank-lines',
    title: 'a CSV header on line 11 after a title and blank lines: blank rows do not count toward the 10 searched',
    write: async (d) => put(d.data, '离岗.csv', `2024年5月离岗记录\r\n${'\r\n'.repeat(9)}${csvText([PRESENCE_HEAD, ['张三', '2024-05-06 12:00', '2024-05-06 11:00']])}`),
    expect: { status: 1, issues: [['order-error', '离岗.csv', '离岗', 12, '返回时间']], tables: [['离岗.csv', '离岗', 'presence', 1]] },
  },
  {
    id: 'header-below-10-rows',
    title: 'a header under ten rows of notes is not looked for: the sheet is ignored (info), never guessed',
    write: async (d) =>
      put(d.data, '咨询.xlsx', xlsxOf('五月', [
        ['2024年5月咨询记录'],
        ...Array.from({ length: 9 }, (_, i) => [`说明 ${i + 1}`]),
        CONSULT_HEAD,
        ['2024-05-06 09:00', '张三', '旺旺', 10],
      ])),
    expect: { status: 0, issues: [['ignored-table', '咨询.xlsx', '五月', null, null]], tables: [] },
  },
  {
    id: 'duplicate-headers',
    title: 'two headers for one column (客服 and its alias 接待客服): an error on the second, the first is read',
    write: async (d) =>
      put(d.data, '咨询.xlsx', xlsxOf('咨询', [
        ['咨询时间', '客服', '渠道', '接待客服', '首次响应秒数'],
        ['2024-05-06 09:00', '张三', '旺旺', '李四', 10],
      ])),
    expect: { status: 1, issues: [['duplicate-column', '咨询.xlsx', '咨询', 1, '接待客服']], tables: [['咨询.xlsx', '咨询', 'consultations', 1]] },
  },
  {
    id: 'missing-column',
    title: 'a log missing a required column: named, table not read',
    write: async (d) => put(d.data, '咨询.xlsx', xlsxOf('咨询', [['咨询时间', '客服', '首次响应秒数'], ['2024-05-06 09:00', '张三', 10]])),
    expect: { status: 1, issues: [['missing-column', '咨询.xlsx', '咨询', 1, '渠道']], tables: [] },
  },
  {
    id: 'merged-header',
    title: 'merged title and a header cell merged over two columns: the value sits in the first, the second is ignored',
    write: async (d) =>
      put(d.data, '咨询.xlsx', xlsxOf('咨询', [
        ['2024年5月咨询记录'],
        ['咨询时间', '客服', '渠道', null, '首次响应秒数'],
        ['2024-05-06 09:00', '张三', '旺旺', '千牛', 10],
        ['2024-05-06 10:00', '李四', '微信', null, 10],
      ], { merges: ['A1:E1', 'C2:D2'] })),
    expect: { status: 1, issues: [['constraint-error', '咨询.xlsx', '咨询', 4, '渠道']], tables: [['咨询.xlsx', '咨询', 'consultations', 2]] },
  },
  {
    id: 'merged-data',
    title: 'a name merged down three rows: only the top cell holds it (as Excel stores it); the others are blank',
    write: async (d) =>
      put(d.data, '咨询.xlsx', xlsxOf('咨询', [
        CONSULT_HEAD,
        ['2024-05-06 09:00', '张三', '旺旺', 10],
        ['2024-05-06 10:00', null, '旺旺', 12],
        ['2024-05-06 11:00', null, '留言', null],
      ], { merges: ['B2:B4'] })),
    expect: {
      status: 1,
      issues: [['required-value', '咨询.xlsx', '咨询', 3, '客服'], ['required-value', '咨询.xlsx', '咨询', 4, '客服']],
      tables: [['咨询.xlsx', '咨询', 'consultations', 3]],
    },
  },
  {
    id: 'total-row',
    title: 'a 合计 row (with a SUM formula) is skipped with an info and not counted',
    write: async (d) =>
      put(d.data, '入库.xlsx', xlsxOf('入库', [
        INBOUND_HEAD,
        ['2024-05-06 09:00', 'A001', 10, 2.5],
        ['2024-05-06 10:00', 'A002', 20, 3],
        ['合计', null, { f: 'SUM(C2:C3)', v: 30 }, null],
      ])),
    expect: { status: 0, issues: [['total-row', '入库.xlsx', '入库', 4, null]], tables: [['入库.xlsx', '入库', 'inbound', 2]] },
  },
  {
    id: 'formulas',
    title: 'formulas: cached values used; no cached value, #N/A and #REF! are errors on their cells',
    write: async (d) =>
      put(d.data, '咨询.xlsx', xlsxOf('咨询', [
        [...CONSULT_HEAD, '响铃次数'],
        ['2024-05-06 09:00', { f: '"张"&"三"', v: '张三', t: 'str' }, '旺旺', { f: '10+20', v: 30 }, null],
        ['2024-05-06 09:10', '李四', '电话', null, { f: 'E1+1' }],
        ['2024-05-06 09:20', '李四', '旺旺', { f: 'VLOOKUP(B4,X!A:B,2,0)', v: '#N/A', t: 'e' }, null],
        ['2024-05-06 09:30', { f: 'Sheet9!A1', v: '#REF!', t: 'e' }, '留言', null, null],
        [{ f: 'DATE(2024,5,6)+0.5', v: serial('2024-05-06 12:00') }, '张三', { f: 'IF(1,"留言","")', v: '留言', t: 'str' }, null, null],
      ])),
    expect: {
      status: 1,
      issues: [
        ['type-error', '咨询.xlsx', '咨询', 3, '响铃次数'],
        ['type-error', '咨询.xlsx', '咨询', 4, '首次响应秒数'],
        ['type-error', '咨询.xlsx', '咨询', 5, '客服'],
      ],
      messages: { 0: ['公式没有计算结果'], 1: ['#N/A'], 2: ['#REF!'] },
      tables: [['咨询.xlsx', '咨询', 'consultations', 5]],
    },
  },
  {
    id: 'date1904',
    title: 'a workbook in the 1904 date system: dates read as the same days Excel shows',
    write: async (d) =>
      put(d.data, '离岗.xlsx', xlsxOf('离岗', [
        PRESENCE_HEAD,
        ['张三', { serial: serial('2024-05-06 12:00', true) }, { serial: serial('2024-05-06 12:30', true) }],
        ['李四', { serial: serial('2024-05-06 12:00', true) }, { serial: serial('2024-05-06 11:00', true) }],
        ['张三', { serial: serial('2024-05-07', true), style: STYLE.cjkDate }, { serial: serial('2024-05-07 00:30', true) }],
      ], { date1904: true })),
    expect: { status: 1, issues: [['order-error', '离岗.xlsx', '离岗', 3, '返回时间']], values: { 0: '2024-05-06T11:00:00' } },
  },
  {
    id: 'dates-text-forms',
    title: 'dates as text in every form of docs/inputs.md#values (each pair one minute out of order, so each parse is proved)',
    write: async (d) => {
      await put(d.data, '人员.csv', csvText([
        ['姓名', '岗位', '入职日期', '离职日期'],
        ['张三', '客服', '2024-05-03', '2024/12/31'],
        ['李四', '客服', '2024年5月3日', '2024.12.31'],
        ['王五', '客服主管', '２０２４－０５－０３', null],
      ]));
      await put(d.data, '离岗.csv', csvText([
        PRESENCE_HEAD,
        ['张三', '2024-05-03 14:22:05', '2024-05-03T14:21:05'],
        ['李四', '2024/5/3 14:22', '2024年5月3日 14:21'],
        ['张三', '2024年5月3日 14:22', '2024-05-03 14:21'],
        ['李四', '2024-05-03T14:22:05', '2024/5/3 14:22'],
        // A date alone against a time compares days only: back on the day before.
        ['张三', '2024-05-04 00:00:01', '2024/5/3'],
        ['李四', '2024年5月4日 0:01', '2024年5月3日'],
        ['张三', '2024/5/3 14:22', '2024-05-03 14:23'],
        ['李四', '２０２４年５月３日　１４：２２', '2024-05-03 14:21:59'],
      ]));
    },
    expect: {
      status: 1,
      issues: [2, 3, 4, 5, 6, 7, 9].map((row): IssueTuple => ['order-error', '离岗.csv', '离岗', row, '返回时间']),
      tables: [['人员.csv', '人员', 'staff', 3], ['离岗.csv', '离岗', 'presence', 8]],
    },
  },
  {
    id: 'dates-wrong-forms',
    title: 'impossible or foreign dates: 2024-13-01, 2024-02-31, 31/02/2024, 2023-02-29, 25:00, no year, words',
    write: async (d) =>
      put(d.data, '离岗.csv', csvText([
        PRESENCE_HEAD,
        ['张三', '2024-13-01 10:00', '2024-05-06 12:30'],
        ['张三', '2024-02-31 10:00', '2024-05-06 12:30'],
        ['张三', '31/02/2024 10:00', '2024-05-06 12:30'],
        ['张三', '2023-02-29 10:00', '2024-05-06 12:30'],
        ['张三', '2024/5/32', '2024-05-06 12:30'],
        ['张三', '2024-05-03 25:00', '2024-05-06 12:30'],
        ['张三', '5月3日 10:00', '2024-05-06 12:30'],
        ['张三', '昨天', '2024-05-06 12:30'],
        ['张三', '2024-05-06 10:00', '2024-05-06 10:60'],
      ])),
    expect: {
      status: 1,
      issues: [
        ...[2, 3, 4, 5, 6, 7, 8, 9].map((row): IssueTuple => ['type-error', '离岗.csv', '离岗', row, '离开时间']),
        ['type-error', '离岗.csv', '离岗', 10, '返回时间'],
      ],
      values: { 0: '2024-13-01 10:00', 2: '31/02/2024 10:00' },
      messages: { 0: ['不是有效的日期时间'] },
    },
  },
  {
    id: 'numbers-as-text',
    title: 'numbers as text: full-width digits, thousands separators (half and full width), decimals; not "12件"',
    write: async (d) =>
      put(d.data, '入库.csv', csvText([
        INBOUND_HEAD,
        ['2024-05-06 09:00', 'A001', '１２', '２．５'],
        ['2024-05-06 09:00', 'A002', '1,200', '3'],
        ['2024-05-06 09:00', 'A003', '１，２００', '1,234.5'],
        ['2024-05-06 09:00', 'A004', ' 7 ', '０.５'],
        ['2024-05-06 09:00', 'A005', '12件', '3'],
        ['2024-05-06 09:00', 'A006', '1,20', '3'],
        ['2024-05-06 09:00', 'A007', '5', '¥3'],
      ])),
    expect: {
      status: 1,
      issues: [
        ['type-error', '入库.csv', '入库', 6, '数量'],
        ['type-error', '入库.csv', '入库', 7, '数量'],
        ['type-error', '入库.csv', '入库', 8, '单价'],
      ],
      values: { 0: '12件', 1: '1,20', 2: '¥3' },
      tables: [['入库.csv', '入库', 'inbound', 7]],
    },
  },
  {
    id: 'negative-fractional',
    title: 'negative, zero and fractional quantities; negative seconds; fractional rings',
    write: async (d) => {
      await put(d.data, '入库.csv', csvText([
        INBOUND_HEAD,
        ['2024-05-06 09:00', 'A001', '-1', '2'],
        ['2024-05-06 09:00', 'A002', '1.5', '2'],
        ['2024-05-06 09:00', 'A003', '0', '2'],
        ['2024-05-06 09:00', 'A004', '3', '-0.01'],
        ['2024-05-06 09:00', 'A005', '3', '0'],
      ]));
      await put(d.data, '咨询.xlsx', xlsxOf('咨询', [
        [...CONSULT_HEAD, '响铃次数'],
        ['2024-05-06 09:00', '张三', '旺旺', -3, null],
        ['2024-05-06 09:00', '张三', '旺旺', 3.5, null],
        ['2024-05-06 09:00', '张三', '电话', null, -2],
        ['2024-05-06 09:00', '张三', '电话', null, 2.5],
      ]));
    },
    expect: {
      status: 1,
      issues: [
        ['constraint-error', '入库.csv', '入库', 2, '数量'],
        ['type-error', '入库.csv', '入库', 3, '数量'],
        ['constraint-error', '入库.csv', '入库', 4, '数量'],
        ['constraint-error', '入库.csv', '入库', 5, '单价'],
        ['constraint-error', '咨询.xlsx', '咨询', 2, '首次响应秒数'],
        ['constraint-error', '咨询.xlsx', '咨询', 4, '响铃次数'],
        ['type-error', '咨询.xlsx', '咨询', 5, '响铃次数'],
      ],
    },
  },

  // ── people and rules ──────────────────────────────────────────────────────────────────────────────
  {
    id: 'fullwidth-space-names',
    title: 'names with leading/trailing full-width spaces match the staff list',
    write: async (d) => {
      await put(d.data, '人员.csv', csvText([['姓名', '岗位'], ['张三', '客服'], ['李四　', '客服'], ['王 五', '客服主管']]));
      await put(d.data, '咨询.csv', csvText([
        ['咨询时间', '客服', '渠道'],
        ['2024-05-06 09:00', '张三　', '留言'],
        ['2024-05-06 09:00', '　李四　　', '留言'],
        ['2024-05-06 09:01', ' 李四', '留言'],
        ['2024-05-06 09:00', '王　五', '留言'],
      ]));
    },
    expect: { status: 0, issues: [], tables: [['人员.csv', '人员', 'staff', 3], ['咨询.csv', '咨询', 'consultations', 4]] },
  },
  {
    id: 'unknown-staff',
    title: 'staff not in the list: an error where a deduction needs a person, a warning in warehouse logs',
    write: async (d) => {
      await staffCsv(d.data);
      await put(d.data, '咨询.csv', csvText([['咨询时间', '客服', '渠道'], ['2024-05-06 09:00', '张三', '留言'], ['2024-05-06 09:00', '赵六', '留言']]));
      await put(d.data, '发货.csv', csvText([
        ['订单号', '流程完成时间', '货号', '数量', '负责人'],
        ['T1', '2024-05-06 09:00', 'A001', 1, '赵六'],
      ]));
    },
    expect: {
      status: 1,
      issues: [['unknown-staff', '发货.csv', '发货', 2, '负责人'], ['unknown-staff', '咨询.csv', '咨询', 3, '客服']],
      values: { 0: '赵六', 1: '赵六' },
      messages: { 0: ['不在人员名单中'] },
    },
  },
  {
    id: 'exempt-without-reason',
    title: '豁免 = 是 without 豁免原因: a warning, the exemption does not apply, exit 0',
    write: async (d) =>
      put(d.data, '会议.csv', csvText([
        ['会议时间', '姓名', '签到时间', '豁免', '豁免原因'],
        ['2024-05-06 09:00', '张三', null, '是', null],
        ['2024-05-06 09:00', '李四', null, '是', '出差'],
        ['2024-05-06 09:00', '王五', null, '√', '　'],
      ])),
    expect: {
      status: 0,
      issues: [['exempt-without-reason', '会议.csv', '会议', 2, '豁免原因'], ['exempt-without-reason', '会议.csv', '会议', 4, '豁免原因']],
    },
  },
  {
    id: 'incident-rules',
    title: 'incidents: a point outside the rule\'s range, an unknown rule, a missing point, a fixed rule with other points, no evidence',
    write: async (d) =>
      put(d.data, '奖惩.csv', csvText([
        ['日期', '姓名', '条款', '扣分', '说明'],
        ['2024-05-06', '张三', 'ED-5', 9, '未按时完成'],
        ['2024-05-06', '张三', 'XX-1', 1, '未知条款'],
        ['2024-05-06', '张三', 'ED-5', null, '未填扣分'],
        ['2024-05-06', '张三', 'CS-REPLY-1', 2, '固定条款填了别的分'],
        ['2024-05-06', '张三', 'CS-REPLY-1', null, null],
        ['2024-05-06', '张三', 'ed-5', 3, '小写条款号'],
      ])),
    expect: {
      status: 1,
      issues: [
        ['constraint-error', '奖惩.csv', '奖惩', 2, '扣分'],
        ['unknown-rule', '奖惩.csv', '奖惩', 3, '条款'],
        ['required-value', '奖惩.csv', '奖惩', 4, '扣分'],
        ['constraint-error', '奖惩.csv', '奖惩', 5, '扣分'],
        ['required-value', '奖惩.csv', '奖惩', 6, '说明'],
      ],
      messages: { 0: ['2–4'], 3: ['固定扣'] },
    },
  },

  // ── regulation, calendar and usage ────────────────────────────────────────────────────────────────
  {
    id: 'rules-unknown-rule',
    title: 'a regulation file with an unknown rule code: exit 2 naming the file and line',
    write: async (d) =>
      put(d.root, 'rules.yaml', await regulationWith('  - code: CS-ONLINE-1\n', '  - code: CS-ONLINE-9\n    points: 1\n    enabled: true\n\n  - code: CS-ONLINE-1\n')),
    args: (d) => ['validate', '--data', d.data, '--rules', join(d.root, 'rules.yaml')],
    expect: { status: 2, stderr: ['rules.yaml', 'CS-ONLINE-9'] },
  },
  {
    id: 'rules-wrong-type',
    title: 'a regulation file with a wrong type (base_score as text)',
    write: async (d) => put(d.root, 'rules.yaml', await regulationWith('base_score: 100', 'base_score: 一百')),
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out, '--rules', join(d.root, 'rules.yaml')],
    expect: { status: 2, stderr: ['rules.yaml', '第 10 行', 'base_score'] },
  },
  {
    id: 'rules-range-inverted',
    title: 'a regulation file whose point range is upside down ([5, 3])',
    write: async (d) => put(d.root, 'rules.yaml', await regulationWith('points: [2, 4]', 'points: [5, 3]')),
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out, '--rules', join(d.root, 'rules.yaml')],
    expect: { status: 2, stderr: ['rules.yaml', '下限大于上限'] },
  },
  {
    id: 'rules-param-out-of-range',
    title: 'a regulation file with a parameter outside its range (max_seconds: -5)',
    write: async (d) => put(d.root, 'rules.yaml', await regulationWith('max_seconds: 45', 'max_seconds: -5')),
    args: (d) => ['rules', '--rules', join(d.root, 'rules.yaml')],
    expect: { status: 2, stderr: ['rules.yaml', '第 111 行', 'CS-REPLY-3', 'max_seconds', '-5'] },
  },
  {
    id: 'rules-pass-mark-above-base',
    title: 'a regulation file whose pass mark (150) is above the base score',
    write: async (d) => put(d.root, 'rules.yaml', await regulationWith('pass_mark: 60 ', 'pass_mark: 150')),
    args: (d) => ['reconcile', '--week', '2024-W21', '--data', d.data, '--out', d.out, '--rules', join(d.root, 'rules.yaml')],
    expect: { status: 2, stderr: ['rules.yaml', '第 11 行', '150'] },
  },
  {
    id: 'calendar-bad-dates',
    title: 'a calendar file with impossible dates',
    write: async (d) => put(d.root, 'calendar.yaml', 'holidays: [2024-05-06, 2024-02-30]\nworkdays: [2024-05-11]\n'),
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out, '--calendar', join(d.root, 'calendar.yaml')],
    expect: { status: 2, stderr: ['calendar.yaml', '第 1 行', '2024-02-30'] },
  },
  {
    id: 'calendar-not-dates',
    title: 'a calendar file whose entries are not dates: one line per problem, each naming file and line',
    write: async (d) => put(d.root, 'calendar.yaml', 'holidays:\n  - 下周一\nworkdays:\n  - 五月十一日\n'),
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out, '--calendar', join(d.root, 'calendar.yaml')],
    expect: { status: 2, stderr: ['calendar.yaml', '第 2 行', '下周一'], stderrLines: 2 },
  },
  {
    id: 'month-13',
    title: '--month 2024-13',
    write: async () => {},
    args: (d) => ['score', '--month', '2024-13', '--data', d.data, '--out', d.out],
    expect: { status: 2, stderr: ['2024-13', 'YYYY-MM'] },
  },
  {
    id: 'week-54',
    title: '--week 2024-W54 (2024 has 52 ISO weeks)',
    write: async () => {},
    args: (d) => ['reconcile', '--week', '2024-W54', '--data', d.data, '--out', d.out],
    expect: { status: 2, stderr: ['2024-W54', 'ISO'] },
  },
  {
    id: 'data-is-file',
    title: '--data names a file',
    write: async (d) => staffCsv(d.data),
    args: (d) => ['validate', '--data', join(d.data, '人员.csv')],
    expect: { status: 2, stderr: ['人员.csv', '不是文件夹'] },
  },

  // ── where the output goes ─────────────────────────────────────────────────────────────────────────
  {
    id: 'out-is-file',
    title: 'an output "folder" that is a file',
    write: async (d) => {
      await staffCsv(d.data);
      await writeFile(d.out, 'not a folder');
    },
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out],
    expect: { status: 2, stderr: ['--out', '是一个文件，不是文件夹'] },
  },
  {
    id: 'out-read-only',
    title: 'a read-only output folder (as root, where chmod does not stop writes: an immutable folder)',
    skip: async (d) => {
      if (uid !== 0) return undefined; // chmod below is enough
      try {
        await mkdir(join(d.root, 'probe'));
        execFileSync('chattr', ['+i', join(d.root, 'probe')], { stdio: 'pipe' });
        execFileSync('chattr', ['-i', join(d.root, 'probe')], { stdio: 'pipe' });
        return undefined;
      } catch {
        return 'running as root, and this file system cannot make a folder immutable (chattr +i), so no folder here is read-only to this process';
      }
    },
    write: async (d) => {
      await staffCsv(d.data);
      await mkdir(d.out);
      if (uid === 0) execFileSync('chattr', ['+i', d.out], { stdio: 'pipe' });
      else await chmod(d.out, 0o555);
    },
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out],
    expect: { status: 2, stderr: ['无法写入', 'score-2024-05.xlsx'] },
    check: async (d) => {
      const { readdir } = await import('node:fs/promises');
      assert.deepEqual(await readdir(d.out), []);
    },
    cleanup: async (d) => {
      if (uid === 0) execFileSync('chattr', ['-i', d.out], { stdio: 'pipe' });
      else await chmod(d.out, 0o755);
    },
  },
  {
    id: 'out-is-data',
    title: '--out is the data folder and an input has the report\'s name: refused, the input untouched',
    write: async (d) => {
      await staffCsv(d.data);
      await writeXlsx(join(d.data, 'score-2024-05.xlsx'), { 名单: [['姓名', '岗位'], ['赵六', '客服']] });
    },
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.data],
    expect: { status: 2, stderr: ['score-2024-05.xlsx', '输入文件'] },
    check: async (d) => {
      const wb = await openXlsx(join(d.data, 'score-2024-05.xlsx'), 'x');
      assert.deepEqual(wb.sheets, ['名单']);
      await wb.close();
    },
  },
  {
    id: 'out-link-to-input',
    title: 'the report\'s name in --out is a link to an input file: real paths compared, refused',
    write: async (d) => {
      await staffCsv(d.data);
      await writeXlsx(join(d.data, '名单.xlsx'), { 名单: [['姓名', '岗位'], ['赵六', '客服']] });
      await writeXlsx(join(d.data, '商品.xlsx'), { 商品档案: [['货号', '品名', '成本单价', '期初库存', '期初日期'], ['A001', 'T恤', 10, 5, '2024-05-01']] });
      await mkdir(d.out);
      await symlink(join(d.data, '名单.xlsx'), join(d.out, 'inventory-2024-05.xlsx'));
    },
    args: (d) => ['close', '--month', '2024-05', '--data', d.data, '--out', d.out],
    expect: { status: 2, stderr: ['inventory-2024-05.xlsx', '输入文件'] },
    check: async (d) => {
      const wb = await openXlsx(join(d.data, '名单.xlsx'), 'x');
      assert.deepEqual(wb.sheets, ['名单']);
      await wb.close();
    },
  },
  {
    id: 'report-name-is-folder',
    title: 'a folder already sits where the report goes: cannot write, exit 2, the folder left alone',
    write: async (d) => {
      await staffCsv(d.data);
      await mkdir(join(d.out, 'score-2024-05.xlsx', 'inside'), { recursive: true });
    },
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out],
    expect: { status: 2, stderr: ['无法写入', 'score-2024-05.xlsx'] },
    check: async (d) => {
      const { readdir } = await import('node:fs/promises');
      assert.deepEqual(await readdir(d.out), ['score-2024-05.xlsx']); // no temporary file left behind either
      assert.deepEqual(await readdir(join(d.out, 'score-2024-05.xlsx')), ['inside']);
    },
  },
  {
    id: 'annotate-link-to-input',
    title: '--annotate folder holding a link, under the copy\'s name, to an input file: refused by real path',
    write: async (d) => {
      await put(d.data, '咨询.xlsx', xlsxOf('表', [['咨询时间', '客服', '渠道'], ['2024-13-01 10:00', '张三', '留言']]));
      await mkdir(d.out);
      await symlink(join(d.data, '咨询.xlsx'), join(d.out, '咨询.xlsx'));
    },
    args: (d) => ['validate', '--data', d.data, '--annotate', d.out],
    expect: { status: 2, stderr: ['咨询.xlsx', '覆盖输入文件', '--annotate'] },
    check: async (d) => {
      const wb = await openXlsx(join(d.data, '咨询.xlsx'), 'x');
      assert.deepEqual(wb.sheets, ['表']);
      await wb.close();
    },
  },
  {
    id: 'rerun-reports-inside-data',
    title: '--recursive with --out inside --data: last month\'s report is not read back as a log, and is replaced',
    write: async (d) => {
      await staffCsv(d.data);
      // The previous run's report: its 汇总 sheet has 姓名 and 岗位, so it would read as a second staff list.
      await mkdir(join(d.data, 'reports'));
      await writeXlsx(join(d.data, 'reports', 'score-2024-05.xlsx'), { 汇总: [['姓名', '岗位', '得分'], ['张三', '客服', 99]] });
    },
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', join(d.data, 'reports'), '--recursive'],
    expect: { status: 0 },
    check: async (d) => {
      const wb = await openXlsx(join(d.data, 'reports', 'score-2024-05.xlsx'), 'score-2024-05.xlsx');
      const issues: unknown[] = [];
      for await (const r of wb.rows('校验问题')) issues.push(r.cells);
      await wb.close();
      assert.ok(wb.sheets.includes('扣分明细'), 'the report was replaced');
      assert.ok(!JSON.stringify(issues).includes('score-2024-05.xlsx'), 'no issue names the old report: nothing read from it');
    },
  },
  {
    id: 'annotate-rerun',
    title: 'validate --annotate into a folder inside --data, run twice: the earlier copy is replaced, never taken for an input',
    write: async (d) => {
      await put(d.data, '咨询.csv', csvText([['咨询时间', '客服', '渠道'], ['2024-13-01 10:00', '张三', '留言']]));
      await put(d.data, 'marked/咨询.xlsx', xlsxOf('旧', [['咨询时间', '客服', '渠道'], ['2024-13-01 10:00', '张三', '留言']]));
    },
    args: (d) => ['validate', '--data', d.data, '--annotate', join(d.data, 'marked'), '--json'],
    expect: { status: 1, issues: [['type-error', '咨询.csv', '咨询', 2, '咨询时间']] },
    check: async (d) => {
      const wb = await openXlsx(join(d.data, 'marked', '咨询.xlsx'), 'x');
      assert.deepEqual(wb.sheets, ['问题清单', '咨询']); // the list of problems, then the copy of the CSV
      await wb.close();
    },
  },
  {
    id: 'out-held-open',
    title: 'the old report held open by a reader: the reader keeps the old content, the new file is complete',
    write: async (d) => {
      await staffCsv(d.data);
      await mkdir(d.out);
      // An old report, open in "another program" while ecops writes the new one.
      await writeXlsx(join(d.out, 'score-2024-05.xlsx'), { 旧报表: [['old']] });
    },
    args: (d) => ['score', '--month', '2024-05', '--data', d.data, '--out', d.out],
    expect: { status: 0 },
    // The reader opens the old file before the run: see corpus.test.ts (holdOpen).
  },
  {
    id: 'annotate-name-clash',
    title: '--annotate: 咨询.csv, 咨询.xlsx and 5月/咨询.xlsx each get their own copy, none overwrites another',
    write: async (d) => {
      const bad = ['2024-13-01 10:00', '张三', '留言'];
      await put(d.data, '咨询.csv', csvText([['咨询时间', '客服', '渠道'], bad]));
      await put(d.data, '咨询.xlsx', xlsxOf('表一', [['咨询时间', '客服', '渠道'], bad]));
      await put(d.data, '5月/咨询.xlsx', xlsxOf('表二', [['咨询时间', '客服', '渠道'], bad]));
    },
    args: (d) => ['validate', '--data', d.data, '--recursive', '--json', '--annotate', d.out],
    expect: {
      status: 1,
      issues: [
        ['type-error', '5月/咨询.xlsx', '表二', 2, '咨询时间'],
        ['type-error', '咨询.csv', '咨询', 2, '咨询时间'],
        ['type-error', '咨询.xlsx', '表一', 2, '咨询时间'],
      ],
    },
    check: async (d) => {
      const sheetsOf = async (p: string) => {
        const wb = await openXlsx(join(d.out, p), p);
        const s = wb.sheets;
        await wb.close();
        return s;
      };
      // Each copy opens with its own 问题清单, then the sheets of the file it copies.
      assert.deepEqual(await sheetsOf('咨询.xlsx'), ['问题清单', '表一']);
      assert.deepEqual(await sheetsOf('咨询.csv.xlsx'), ['问题清单', '咨询']);
      assert.deepEqual(await sheetsOf('5月/咨询.xlsx'), ['问题清单', '表二']);
    },
  },
];

/** Opens the old report before the run and checks, after it, what docs/outputs.md#general's rename promises. */
export async function holdOpenCheck(d: Dirs, run: () => Promise<EcopsRun>): Promise<EcopsRun> {
  const path = join(d.out, 'score-2024-05.xlsx');
  const before = await readFile(path);
  const reader = await open(path, 'r');
  try {
    const r = await run();
    const old = Buffer.alloc(before.length + 1);
    const { bytesRead } = await reader.read(old, 0, old.length, 0);
    assert.ok(old.subarray(0, bytesRead).equals(before)); // the reader still sees the old file, whole
    const wb = await openXlsx(path, 'score-2024-05.xlsx'); // the new file is complete
    assert.ok(wb.sheets.includes('汇总'));
    assert.ok(wb.sheets.includes('校验问题'));
    await wb.close();
    return r;
  } finally {
    await reader.close();
  }
}

export const caseById = (id: string) => CASES.find((c) => c.id === id);

/** `npx tsx test/corpus/build.ts OUTDIR`: writes every case's inputs for inspection. */
if (process.argv[1]?.endsWith('build.ts') && process.argv[2]) {
  for (const c of CASES) {
    const root = join(process.argv[2], c.id);
    await rm(root, { recursive: true, force: true });
    const d = { root, data: join(root, 'data'), out: join(root, 'out') };
    await mkdir(d.data, { recursive: true });
    if (await c.skip?.(d)) continue;
    await c.write(d);
    await c.cleanup?.(d); // nothing left read-only or immutable behind
    console.log(`${c.id}: ${c.title}`);
  }
}
