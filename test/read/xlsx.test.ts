import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError } from '../../src/core/issues.js';
import { wall } from '../../src/core/time.js';
import { isDateFormatCode, openXlsx, type XlsxOptions } from '../../src/read/xlsx.js';
import type { Cell, RawRow } from '../../src/read/types.js';
import { buildZip, readZipEntries } from '../helpers/zip.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecops-xlsx-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/></Types>';

interface HandSheet {
  name: string;
  /** The part's XML; omitted = the part is missing from the zip. */
  xml?: string;
  /** Relationship target; default `worksheets/sheetN.xml`. */
  target?: string;
  type?: 'worksheet' | 'chartsheet';
}

interface HandBook {
  sheets: HandSheet[];
  sharedStrings?: string;
  styles?: string;
  date1904?: boolean;
  /** Relationship namespace (strict OOXML uses purl.oclc.org). */
  relNs?: string;
  mainNs?: string;
  /** XML after `<sheets>` in the workbook part, such as the `extLst` Excel 2013 and later write. */
  workbookExtra?: string;
}

function rels(list: { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">` +
    list.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('') +
    '</Relationships>'
  );
}

/** The parts of a minimal workbook, written by hand so ids, prefixes and truncation are exactly as wanted. */
function handParts(book: HandBook): Record<string, string> {
  const relNs = book.relNs ?? REL;
  const mainNs = book.mainNs ?? MAIN;
  const parts: Record<string, string> = {
    '[Content_Types].xml': CONTENT_TYPES,
    '_rels/.rels': rels([{ id: 'rId1', type: `${relNs}/officeDocument`, target: 'xl/workbook.xml' }]),
  };
  const wbRels: { id: string; type: string; target: string }[] = [];
  let sheets = '';
  book.sheets.forEach((s, i) => {
    const id = `rId${i + 1}`;
    const type = s.type ?? 'worksheet';
    const target = s.target ?? `${type}s/sheet${i + 1}.xml`;
    wbRels.push({ id, type: `${relNs}/${type}`, target });
    sheets += `<sheet name="${s.name}" sheetId="${i + 1}" r:id="${id}"/>`;
    if (s.xml !== undefined) parts[posix.normalize(target.startsWith('/') ? target.slice(1) : `xl/${target}`)] = s.xml;
  });
  if (book.sharedStrings !== undefined) {
    wbRels.push({ id: 'rIdS', type: `${relNs}/sharedStrings`, target: 'sharedStrings.xml' });
    parts['xl/sharedStrings.xml'] = book.sharedStrings;
  }
  if (book.styles !== undefined) {
    wbRels.push({ id: 'rIdT', type: `${relNs}/styles`, target: 'styles.xml' });
    parts['xl/styles.xml'] = book.styles;
  }
  parts['xl/_rels/workbook.xml.rels'] = rels(wbRels);
  parts['xl/workbook.xml'] =
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${mainNs}" xmlns:r="${relNs}">` +
    (book.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>') +
    `<sheets>${sheets}</sheets>${book.workbookExtra ?? ''}</workbook>`;
  return parts;
}

function sheetXml(rows: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${rows}</sheetData></worksheet>`;
}

let counter = 0;
async function writeTemp(content: Buffer | string, ext = '.xlsx'): Promise<string> {
  const path = join(dir, `t${++counter}${ext}`);
  await writeFile(path, content);
  return path;
}

async function handWorkbook(book: HandBook): Promise<string> {
  return writeTemp(buildZip(handParts(book)));
}

async function readSheet(path: string, sheet?: string, options?: XlsxOptions): Promise<RawRow[]> {
  const wb = await openXlsx(path, 'test.xlsx', options);
  try {
    const rows: RawRow[] = [];
    for await (const row of wb.rows(sheet ?? wb.sheets[0])) rows.push(row);
    return rows;
  } finally {
    await wb.close();
  }
}

/** Runs fn and returns the FileError it must throw. */
async function fileError(fn: () => Promise<unknown>): Promise<FileError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FileError);
    return e as FileError;
  }
  throw new Error('expected a FileError, got none');
}

/** Deterministic PRNG (mulberry32), so a failure can be reproduced. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CJK = Array.from(
  '的一是在不了有和人这中大为上们个国我以要时来用生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经' +
    '客服旺旺千牛电话留言回访退货换货退款入库盘点报损好评中评差评豁免原因顾客买家订单发货快递单号数量货号仓库主管負責響鈴諮詢盤點貨號',
);
const EMOJI = ['😀', '🎉', '🚀', '📦', '✅', '🧧', '👍🏻', '🇨🇳', '𠀀', '𪚥'];
const ASCII = Array.from('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -:/.,()#@');

/** Mixed CJK (3-byte), emoji and rare CJK (4-byte, surrogate pairs) and ASCII. */
function mixedText(rand: () => number, min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  let s = '';
  for (let i = 0; i < n; i++) {
    const p = rand();
    const pool = p < 0.7 ? CJK : p < 0.8 ? EMOJI : ASCII;
    s += pool[Math.floor(rand() * pool.length)];
  }
  return s;
}

/** Whether the first local header of a zip uses a data descriptor (general purpose flag bit 3). */
async function usesDataDescriptors(path: string): Promise<boolean> {
  const buf = await readFile(path);
  return (buf.readUInt16LE(6) & 0x08) !== 0;
}

const date = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): Cell => ({ kind: 'date', t: wall(y, mo, d, h, mi, s) });

// ---------------------------------------------------------------------------------------------------------------

describe('openXlsx: big workbooks from exceljs streaming writer', () => {
  // 25,000 rows of three random texts each: well past 65,536 shared strings, so indexes beyond 16 bits are read.
  it('reads a 25,000-row log full of Chinese text with every character intact (shared strings)', async () => {
    const path = join(dir, 'big-sst.xlsx');
    const rand = prng(20240503);
    const staff = ['张三', '李四', '王五', '赵六', '欧阳娜娜'];
    const expected: [number, string, string, string, string][] = [];
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    const ws = writer.addWorksheet('咨询记录');
    ws.addRow(['序号', '客服', '评价内容', '批注', '客户']).commit();
    for (let i = 0; i < 25_000; i++) {
      const row: [number, string, string, string, string] = [
        i + 1,
        staff[i % staff.length],
        mixedText(rand, 20, 60),
        mixedText(rand, 5, 30),
        mixedText(rand, 3, 12),
      ];
      expected.push(row);
      ws.addRow(row).commit();
    }
    ws.commit();
    await writer.commit();
    expect(await usesDataDescriptors(path)).toBe(true);
    const sst = (await readZipEntries(path))['xl/sharedStrings.xml'].toString('utf8');
    expect(Number(/uniqueCount="(\d+)"/.exec(sst)?.[1])).toBeGreaterThan(65_536);

    const t0 = performance.now();
    const wb = await openXlsx(path, 'big-sst.xlsx');
    expect(wb.sheets).toEqual(['咨询记录']);
    let count = 0;
    const bad: string[] = [];
    for await (const { row, cells } of wb.rows('咨询记录')) {
      count++;
      if (row === 1) {
        expect(cells).toEqual(['序号', '客服', '评价内容', '批注', '客户']);
        continue;
      }
      const want = expected[row - 2];
      for (let c = 0; c < want.length; c++) {
        if (cells[c] !== want[c] && bad.length < 5) bad.push(`row ${row} col ${c + 1}: ${String(cells[c])} ≠ ${want[c]}`);
      }
    }
    await wb.close();
    const ms = performance.now() - t0;
    console.log(`[xlsx] read 25,001 rows × 5 columns (shared strings) in ${Math.round(ms)} ms`);
    expect(bad).toEqual([]);
    expect(count).toBe(25_001);
  }, 180_000);

  it('reads every row of a streamed workbook with inline strings (useSharedStrings: false)', async () => {
    const path = join(dir, 'big-inline.xlsx');
    const rand = prng(7);
    const expected: string[] = [];
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const ws = writer.addWorksheet('发货记录');
    for (let i = 0; i < 30_000; i++) {
      const text = mixedText(rand, 10, 40);
      expected.push(text);
      ws.addRow([`SO${i}`, text, i * 1.5]).commit();
    }
    ws.commit();
    await writer.commit();
    expect(await usesDataDescriptors(path)).toBe(true);

    const rows = await readSheet(path, '发货记录');
    expect(rows.length).toBe(30_000);
    const bad = rows.filter((r, i) => r.row !== i + 1 || r.cells[0] !== `SO${i}` || r.cells[1] !== expected[i] || r.cells[2] !== i * 1.5);
    expect(bad.slice(0, 3)).toEqual([]);
  }, 120_000);

  it('can stop early, read sheets in turn, and read a sheet twice', async () => {
    const path = join(dir, 'turns.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
    for (const name of ['一月', '二月']) {
      const ws = writer.addWorksheet(name);
      for (let i = 0; i < 5000; i++) ws.addRow([name, i]).commit();
      ws.commit();
    }
    await writer.commit();

    const wb = await openXlsx(path, 'turns.xlsx');
    expect(wb.sheets).toEqual(['一月', '二月']);
    let seen = 0;
    for await (const row of wb.rows('一月')) {
      if (++seen === 10) break; // abandons the stream mid-sheet
      expect(row.cells[0]).toBe('一月');
    }
    for (const name of wb.sheets) {
      let n = 0;
      for await (const row of wb.rows(name)) {
        expect(row.cells).toEqual([name, n]);
        n++;
      }
      expect(n).toBe(5000);
    }
    let again = 0;
    for await (const _ of wb.rows('一月')) again++;
    expect(again).toBe(5000);
    await wb.close();
    await wb.close(); // idempotent
  }, 60_000);
});

describe('openXlsx: truncated or corrupt files are errors, never empty tables', () => {
  const rowsXml = Array.from({ length: 500 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c><c r="B${i + 1}" t="inlineStr"><is><t>第${i}行</t></is></c></row>`).join('');
  const full = sheetXml(rowsXml);

  it('a truncated sheet XML is a FileError naming file and sheet', async () => {
    const path = await handWorkbook({ sheets: [{ name: '盘点记录', xml: full.slice(0, Math.floor(full.length * 0.6)) }] });
    const seen: RawRow[] = [];
    const err = await fileError(async () => {
      const wb = await openXlsx(path, '5月/盘点.xlsx');
      try {
        for await (const row of wb.rows('盘点记录')) seen.push(row);
      } finally {
        await wb.close();
      }
    });
    expect(seen.length).toBeLessThan(500);
    expect(err.file).toBe('5月/盘点.xlsx');
    expect(err.text.en).toContain('5月/盘点.xlsx');
    expect(err.text.en).toContain('sheet "盘点记录"');
    expect(err.text.zh).toContain('工作表「盘点记录」');
  });

  it('a sheet cut right after </sheetData>, or with mismatched tags, is a FileError', async () => {
    const cut = full.slice(0, full.indexOf('</worksheet>'));
    await fileError(async () => readSheet(await handWorkbook({ sheets: [{ name: 'S', xml: cut }] })));
    const broken = full.replace('</row><row r="300">', '</rows><row r="300">');
    await fileError(async () => readSheet(await handWorkbook({ sheets: [{ name: 'S', xml: broken }] })));
    await fileError(async () => readSheet(await handWorkbook({ sheets: [{ name: 'S', xml: '' }] })));
  });

  it('a workbook written by exceljs and re-zipped with its sheet truncated is a FileError', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('入库单');
    for (let i = 0; i < 2000; i++) ws.addRow([`SKU-${i}`, i, '入库员甲']);
    const path = join(dir, 'patched-src.xlsx');
    await wb.xlsx.writeFile(path);
    expect((await readSheet(path)).length).toBe(2000);

    const entries = await readZipEntries(path);
    const sheet = entries['xl/worksheets/sheet1.xml'];
    entries['xl/worksheets/sheet1.xml'] = sheet.subarray(0, Math.floor(sheet.length / 2));
    const truncated = await writeTemp(buildZip(entries));
    const err = await fileError(() => readSheet(truncated));
    expect(err.text.en).toMatch(/sheet "入库单" is damaged or truncated/);
  });

  it('a truncated zip file and corrupt deflate data are FileErrors', async () => {
    const rand = prng(3);
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${mixedText(rand, 10, 30)}</t></is></c></row>`).join('');
    const zip = buildZip(handParts({ sheets: [{ name: 'S', xml: sheetXml(rows) }] }));
    const cut = await writeTemp(zip.subarray(0, Math.floor(zip.length * 0.7)));
    const cutErr = await fileError(() => readSheet(cut));
    expect(cutErr.text.en).toMatch(/damaged/);

    const corrupt = Buffer.from(zip);
    corrupt.fill(0xa5, Math.floor(zip.length / 3), Math.floor(zip.length / 3) + 64);
    await fileError(async () => readSheet(await writeTemp(corrupt)));
  });

  it('a sheet whose part is missing, or that names a shared string that does not exist, is a FileError', async () => {
    const missing = await handWorkbook({ sheets: [{ name: '缺失' }] });
    const wb = await openXlsx(missing, 'm.xlsx');
    expect(wb.sheets).toEqual(['缺失']);
    await wb.close();
    await fileError(() => readSheet(missing));

    const badIndex = await handWorkbook({
      sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>5</v></c></row>') }],
      sharedStrings: `<sst xmlns="${MAIN}"><si><t>only</t></si></sst>`,
    });
    await fileError(() => readSheet(badIndex));
  });
});

describe('openXlsx: not a workbook', () => {
  it('a CSV renamed to .xlsx, a zip without workbook parts, and an empty file say "save as .xlsx"', async () => {
    const cases = [
      await writeTemp('客服,渠道\n张三,旺旺\n'),
      await writeTemp(''),
      await writeTemp(buildZip({ '[Content_Types].xml': CONTENT_TYPES })),
      await writeTemp(buildZip({ 'xl/workbook.xml': `<workbook xmlns="${MAIN}"/>` })),
      await writeTemp(buildZip({ 'word/document.xml': '<document/>', 'hello.txt': 'hi' })),
      // a .docx renamed to .xlsx: a valid package whose main part is not a workbook
      await writeTemp(
        buildZip({
          '[Content_Types].xml': CONTENT_TYPES,
          '_rels/.rels': rels([{ id: 'rId1', type: `${REL}/officeDocument`, target: 'word/document.xml' }]),
          'word/document.xml': '<w:document xmlns:w="urn:w"><w:body/></w:document>',
        }),
      ),
    ];
    for (const path of cases) {
      const err = await fileError(() => openXlsx(path, 'x.xlsx'));
      expect(err.text.en).toBe('x.xlsx: not a workbook: save as .xlsx');
      expect(err.text.zh).toBe('x.xlsx：不是 Excel 工作簿，请另存为 .xlsx');
    }
  });

  it('an OLE file (encrypted workbook or legacy .xls) and a missing file get their own messages', async () => {
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const err = await fileError(async () => openXlsx(await writeTemp(ole), 'old.xlsx'));
    expect(err.text.en).toMatch(/encrypted workbook or legacy \.xls.*save as \.xlsx/);
    expect(err.text.zh).toContain('另存为 .xlsx');
    const gone = await fileError(() => openXlsx(join(dir, 'nope.xlsx'), 'nope.xlsx'));
    expect(gone.text.en).toMatch(/cannot open the file \(ENOENT\)/);
  });
});

describe('openXlsx: value forms', () => {
  it('reads values written by exceljs: dates, numbers, booleans, rich text, hyperlinks, formulas, CJK sheet names', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('咨询记录');
    wb.addWorksheet('离岗 记录').addRow(['第二张']);
    wb.addWorksheet('Sheet三').addRow(['第三张']);
    ws.addRow(['咨询时间', '日期', '金额', '件数', '是否接听', '豁免', '批注', '官网']);
    const r2 = ws.addRow([
      new Date(Date.UTC(2024, 4, 3, 14, 22, 5)), // exceljs default numFmt 14
      new Date(Date.UTC(2024, 4, 3)),
      12.5,
      1234,
      true,
      false,
      { richText: [{ text: '红色', font: { color: { argb: 'FFFF0000' } } }, { text: '普通' }] },
      { text: '官网', hyperlink: 'https://example.com' },
    ]);
    r2.getCell(2).numFmt = 'yyyy"年"m"月"d"日"';
    r2.getCell(3).numFmt = '0.00';
    r2.getCell(4).numFmt = '#,##0 "元"';
    ws.addRow([
      2,
      { formula: 'A3*2', result: 4 },
      { formula: 'A3*3' },
      { formula: 'NA()', result: { error: '#N/A' } },
      { formula: '"甲"&"乙"', result: '甲乙' },
      { formula: 'A3>1', result: true },
      '  前后空格  ',
    ]);
    const path = join(dir, 'values.xlsx');
    await wb.xlsx.writeFile(path);

    const book = await openXlsx(path, 'values.xlsx');
    expect(book.sheets).toEqual(['咨询记录', '离岗 记录', 'Sheet三']);
    expect(book.date1904).toBe(false);
    const rows: RawRow[] = [];
    for await (const row of book.rows('咨询记录')) rows.push(row);
    const second: RawRow[] = [];
    for await (const row of book.rows('离岗 记录')) second.push(row);
    await book.close();

    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(rows[1].cells).toEqual([date(2024, 5, 3, 14, 22, 5), date(2024, 5, 3), 12.5, 1234, true, false, '红色普通', '官网']);
    expect(rows[2].cells).toEqual([
      2,
      4,
      { kind: 'error', error: 'formula', formula: 'A3*3' },
      { kind: 'error', error: '#N/A' },
      '甲乙',
      true,
      '  前后空格  ',
    ]);
    expect(second).toEqual([{ row: 1, cells: ['第二张'] }]);
  });

  it('reads the 1904 date system (exceljs, and by hand)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    wb.addWorksheet('S').addRow([new Date(Date.UTC(2024, 4, 3, 8, 30)), 3]);
    const path = join(dir, '1904.xlsx');
    await wb.xlsx.writeFile(path);
    const book = await openXlsx(path, '1904.xlsx');
    expect(book.date1904).toBe(true);
    await book.close();
    expect((await readSheet(path))[0].cells).toEqual([date(2024, 5, 3, 8, 30), 3]);

    const styles = `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const hand = await handWorkbook({
      date1904: true,
      styles,
      sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>43953.5</v></c></row>') }],
    });
    expect((await readSheet(hand))[0].cells).toEqual([date(1904, 1, 1), date(2024, 5, 3, 12)]);
  });

  it('keeps the 1904 date system when Excel 2013+ adds <x15:workbookPr> in extLst (a Mac workbook), strict OOXML too', async () => {
    // What every Excel since 2013 writes after <sheets>: an extension element that is also called workbookPr.
    const x15 =
      '<extLst><ext uri="{140A7094-0E35-4892-8432-C4D2E57EDEB5}" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main">' +
      '<x15:workbookPr chartTrackingRefBase="1"/></ext></extLst>';
    const styles = `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22"/></cellXfs></styleSheet>`;
    // 2024-05-03 12:00 is serial 45415.5 in the 1900 system, 43953.5 in the 1904 system.
    const sheet = sheetXml('<row r="1"><c r="A1" s="1"><v>43953.5</v></c></row>');
    for (const mainNs of [MAIN, 'http://purl.oclc.org/ooxml/spreadsheetml/main']) {
      const path = await handWorkbook({ date1904: true, mainNs, workbookExtra: x15, styles, sheets: [{ name: 'S', xml: sheet }] });
      const book = await openXlsx(path, 'mac.xlsx');
      expect(book.date1904).toBe(true);
      await book.close();
      expect((await readSheet(path))[0].cells).toEqual([date(2024, 5, 3, 12)]);
    }
    // And the other way round: an extension's date1904 does not switch a 1900 workbook.
    const foreign = x15.replace('chartTrackingRefBase="1"', 'date1904="1"');
    const path = await handWorkbook({ workbookExtra: foreign, styles, sheets: [{ name: 'S', xml: sheet }] });
    expect((await readSheet(path))[0].cells).toEqual([date(2020, 5, 2, 12)]);
  });

  it('reads only SpreadsheetML elements inside a sheet: an element of another namespace named v, c or row is skipped', async () => {
    const sheet = sheetXml(
      '<row r="1"><c r="A1"><v>1</v><extLst><ext uri="{X}"><v xmlns="urn:other">99</v></ext></extLst></c>' +
        '<c r="B1" xmlns="urn:other"><v>98</v></c><o:c xmlns:o="urn:o" r="C1"><o:v>97</o:v></o:c><c r="D1"><v>2</v></c></row>' +
        '<row r="2" xmlns="urn:other"><c r="A2"><v>96</v></c></row>',
    );
    expect(await readSheet(await handWorkbook({ sheets: [{ name: 'S', xml: sheet }] }))).toEqual([{ row: 1, cells: [1, null, null, 2] }]);
    // Far down a big sheet too, where the reader looks for declarations only in the text around them.
    let rows = '';
    for (let r = 1; r <= 5000; r++) rows += `<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`;
    const big = sheetXml(`${rows}<row r="5001" xmlns="urn:other"><c r="A5001"><v>96</v></c></row><row r="5002"><c r="A5002"><v>5002</v></c></row>`);
    const read = await readSheet(await handWorkbook({ sheets: [{ name: 'S', xml: big }] }));
    expect(read.map((r) => r.row).slice(-2)).toEqual([5000, 5002]);
    expect(read.at(-1)!.cells).toEqual([5002]);
  });

  it('tells date formats from number formats: built-in 14, 22, East-Asian 31/57/58, custom codes', async () => {
    const formats: [numFmtId: number, code: string | undefined, isDate: boolean][] = [
      [14, undefined, true],
      [22, undefined, true],
      [31, undefined, true], // yyyy"年"m"月"d"日" in Chinese Excel and WPS
      [57, undefined, true],
      [58, undefined, true],
      [20, undefined, true], // h:mm
      [164, 'yyyy"年"m"月"d"日"', true],
      [165, '0.00"d"', false],
      [166, '[h]:mm:ss', true],
      [167, '[Red]#,##0.00', false],
      [2, undefined, false],
      [168, '#,##0\\h', false],
      [169, '[$-804]yyyy/m/d', true],
      [170, '[DBNum1][$-804]m"月"d"日"', true],
      [0, undefined, false],
      [171, 'General', false],
      [172, '#,##0.00_);[Red]\\(#,##0.00\\)', false],
      [173, '0.0 "小时"', false],
      [174, 'yyyy-mm-dd;@', true],
      [175, 'hh:mm:ss AM/PM', true],
    ];
    const custom = formats.filter(([, code]) => code !== undefined);
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    const styles =
      `<styleSheet xmlns="${MAIN}"><numFmts count="${custom.length}">` +
      custom.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code!)}"/>`).join('') +
      '</numFmts>' +
      // cellStyleXfs also holds <xf> elements; only cellXfs count for the s attribute
      '<cellStyleXfs count="2"><xf numFmtId="14"/><xf numFmtId="22"/></cellStyleXfs>' +
      `<cellXfs count="${formats.length + 1}"><xf numFmtId="0"/>` +
      formats.map(([id]) => `<xf numFmtId="${id}" applyNumberFormat="1"/>`).join('') +
      '</cellXfs><dxfs count="1"><dxf><numFmt numFmtId="176" formatCode="yyyy"/></dxf></dxfs></styleSheet>';
    const cells = formats.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i + 1}"><v>45415.5</v></c>`).join('');
    const path = await handWorkbook({ styles, sheets: [{ name: 'S', xml: sheetXml(`<row r="1">${cells}</row>`) }] });
    const [row] = await readSheet(path);
    expect(row.cells).toEqual(formats.map(([, , isDate]) => (isDate ? date(2024, 5, 3, 12) : 45415.5)));
  });

  it('reads hand-written cell forms: shared and inline rich text, phonetic runs, t="d", errors, formulas, gaps', async () => {
    const sst =
      `<sst xmlns="${MAIN}" count="4" uniqueCount="4">` +
      '<si><t>东京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><r><rPr><b/></rPr><t>加粗</t></r><r><t xml:space="preserve"> 普通 </t></r></si>' +
      '<si><t xml:space="preserve">  两端空格  </t></si>' +
      '<si><t>行一_x000D_\n行二 &amp; &lt;三&gt;</t></si>' +
      '</sst>';
    const rows =
      '<row r="2" spans="1:9">' +
      '<c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>3</v></c>' +
      '<c r="E2" t="inlineStr"><is><r><t>红</t></r><r><t xml:space="preserve"> 色 </t></r><rPh sb="0" eb="1"><t>ホン</t></rPh></is></c>' +
      '<c r="F2" t="d"><v>2024-05-03T14:22:05</v></c>' +
      '<c r="G2" t="d"><v>2024-05-03</v></c>' +
      '<c r="H2" t="b"><v>0</v></c>' +
      '<c r="I2" t="e"><v>#DIV/0!</v></c>' +
      '</row>' +
      '<row r="3">' +
      '<c r="A3"><f>SUM(B3:C3)</f></c>' + // formula, no cached result
      '<c r="B3"><f t="shared" ref="B3:B4" si="0"/></c>' + // shared formula child, no result
      '<c r="C3" t="str"><f>""</f><v></v></c>' + // formula returning ""
      '<c r="D3"><v/></c>' +
      '<c r="E3" s="0"/>' +
      '<c r="G3"><v>-1.5E-3</v></c>' +
      '</row>' +
      '<row r="5"><c r="C5"><v>7</v></c><c r="E5" t="inlineStr"><is><t><![CDATA[<cdata>]]></t></is></c></row>' +
      '<row><c><v>1</v></c><c><v>2</v></c><c r="E6"><v>5</v></c><c><v>6</v></c></row>' + // no r: sequential
      '<row r="8" customHeight="1"/>' +
      '<row r="9"><c r="A9" s="0"/><c r="B9"><v></v></c></row>';
    const path = await handWorkbook({ sharedStrings: sst, sheets: [{ name: '明细', xml: sheetXml(rows) }] });
    expect(await readSheet(path)).toEqual([
      {
        row: 2,
        cells: [
          '东京',
          '加粗 普通 ',
          '  两端空格  ',
          '行一\r\n行二 & <三>',
          '红 色 ',
          date(2024, 5, 3, 14, 22, 5),
          date(2024, 5, 3),
          false,
          { kind: 'error', error: '#DIV/0!' },
        ],
      },
      {
        row: 3,
        cells: [{ kind: 'error', error: 'formula', formula: 'SUM(B3:C3)' }, { kind: 'error', error: 'formula' }, '', null, null, null, -0.0015],
      },
      { row: 5, cells: [null, null, 7, null, '<cdata>'] },
      { row: 6, cells: [1, 2, null, null, 5, 6] },
      { row: 8, cells: [] },
      { row: 9, cells: [] },
    ]);
  });

  it('reads namespace-prefixed parts, strict OOXML, absolute targets, and skips chartsheets', async () => {
    const X = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
    const prefixed =
      `<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
      '<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c>' +
      '<x:c r="C1" t="s"><x:v>0</x:v></x:c><x:c r="D1" s="1"><x:v>45415</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const strict = `<worksheet xmlns="${X}"><sheetData><row r="4"><c r="B4"><v>9</v></c></row></sheetData></worksheet>`;
    const path = await handWorkbook({
      relNs: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
      mainNs: X,
      sharedStrings: `<s:sst xmlns:s="${MAIN}"><s:si><s:t>共享</s:t></s:si></s:sst>`,
      styles: `<s:styleSheet xmlns:s="${MAIN}"><s:cellXfs><s:xf numFmtId="0"/><s:xf numFmtId="57"/></s:cellXfs></s:styleSheet>`,
      sheets: [
        { name: '前缀', xml: prefixed, target: '/xl/worksheets/sheet1.xml' },
        { name: '图表', type: 'chartsheet', xml: '<chartsheet/>' },
        { name: 'Strict 严格', xml: strict, target: './worksheets/../worksheets/s2.xml' },
      ],
    });
    const wb = await openXlsx(path, 'ns.xlsx');
    expect(wb.sheets).toEqual(['前缀', 'Strict 严格']);
    await wb.close();
    expect(await readSheet(path, '前缀')).toEqual([{ row: 1, cells: ['甲', 3, '共享', date(2024, 5, 3)] }]);
    expect(await readSheet(path, 'Strict 严格')).toEqual([{ row: 4, cells: [null, 9] }]);
  });

  it('custom format codes: date tokens outside quotes, escapes and brackets', () => {
    expect(isDateFormatCode('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormatCode('[h]:mm')).toBe(true);
    expect(isDateFormatCode('[mm]:ss')).toBe(true);
    expect(isDateFormatCode('"Day "0')).toBe(false);
    expect(isDateFormatCode('0\\d')).toBe(false);
    expect(isDateFormatCode('[Color10]0.00')).toBe(false);
    expect(isDateFormatCode('[>=100]0;0.0')).toBe(false);
    expect(isDateFormatCode('0_m')).toBe(false);
    expect(isDateFormatCode('*s0')).toBe(false);
    expect(isDateFormatCode('@')).toBe(false);
  });
});

describe('openXlsx: hostile sheets', () => {
  it('refuses a cell past column XFD (AAAAAAAAAA1 would ask for a row of 10^14 cells) instead of crashing', async () => {
    const path = await handWorkbook({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="AAAAAAAAAA1"><v>1</v></c></row>') }] });
    const err = await fileError(() => readSheet(path));
    expect(err.text.en).toContain('cell AAAAAAAAAA1 of row 1 lies beyond the last column, XFD');
    const ok = await handWorkbook({ sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="XFD1"><v>1</v></c></row>') }] });
    expect((await readSheet(ok))[0].cells[16_383]).toBe(1);
  });

  it('refuses a cell longer than Excel allows (32,767 characters), inline or shared', async () => {
    const long = 'x'.repeat(40_000);
    const inline = await handWorkbook({ sheets: [{ name: 'S', xml: sheetXml(`<row r="2"><c r="B2" t="inlineStr"><is><t>${long}</t></is></c></row>`) }] });
    expect((await fileError(() => readSheet(inline))).text.en).toContain('cell B2 holds more than 32767 characters');
    const shared = await handWorkbook({
      sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>') }],
      sharedStrings: `<sst xmlns="${MAIN}"><si><t>${long}</t></si></sst>`,
    });
    expect((await fileError(() => readSheet(shared))).text.en).toContain('shared string 0 is longer than 32767 characters');
    const max = await handWorkbook({ sheets: [{ name: 'S', xml: sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>${'y'.repeat(32_767)}</t></is></c></row>`) }] });
    expect(((await readSheet(max))[0].cells[0] as string).length).toBe(32_767);
  });

  it('keeps a date-formatted number outside Excel\'s dates (shown as #####) a number', async () => {
    const styles = `<styleSheet xmlns="${MAIN}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const path = await handWorkbook({
      sheets: [{ name: 'S', xml: sheetXml('<row r="1"><c r="A1" s="1"><v>-1</v></c><c r="B1" s="1"><v>1e10</v></c><c r="C1" s="1"><v>45418</v></c></row>') }],
      styles,
    });
    expect((await readSheet(path))[0].cells).toEqual([-1, 1e10, { kind: 'date', t: wall(2024, 5, 6) }]);
  });
});

describe('openXlsx: size guard', () => {
  // 20 MB of whitespace deflates to ~20 kB: a small zip bomb.
  const bomb = `<worksheet xmlns="${MAIN}"><sheetData>${' '.repeat(20 * 1024 * 1024)}<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;

  it('refuses an entry whose declared size exceeds maxEntryBytes without inflating it', async () => {
    const path = await writeTemp(buildZip(handParts({ sheets: [{ name: 'S', xml: bomb }] })));
    const t0 = performance.now();
    const err = await fileError(() => readSheet(path, 'S', { maxEntryBytes: 1024 * 1024 }));
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(err.text.en).toMatch(/sheet "S" inflates to more than 1 MB.*zip bomb/);
    expect(err.text.zh).toContain('压缩炸弹');
    // Under the default limit the same workbook reads.
    expect(await readSheet(path)).toEqual([{ row: 1, cells: [1] }]);
  });

  it('refuses an entry that inflates beyond its (lying) declared size', async () => {
    const parts = handParts({ sheets: [{ name: 'S', xml: bomb }] });
    const path = await writeTemp(buildZip(parts, { declaredSize: { 'xl/worksheets/sheet1.xml': 1000 } }));
    const t0 = performance.now();
    await fileError(() => readSheet(path, 'S', { maxEntryBytes: 1024 * 1024 }));
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});
