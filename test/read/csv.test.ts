import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileError, UsageError } from '../../src/core/issues.js';
import { detectDelimiter, readCsv } from '../../src/read/csv.js';
import type { Cell, RawRow } from '../../src/read/types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ecops-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

async function rows(path: string, options?: Parameters<typeof readCsv>[2]): Promise<RawRow[]> {
  const out: RawRow[] = [];
  for await (const r of readCsv(path, 'data.csv', options).rows) out.push(r);
  return out;
}

async function cells(path: string, options?: Parameters<typeof readCsv>[2]): Promise<Cell[][]> {
  return (await rows(path, options)).map((r) => r.cells);
}

async function fileError(promise: Promise<unknown>): Promise<FileError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FileError);
  return err as FileError;
}

const TEXT = '客服,咨询时间,备注\n张三,2024-05-03 14:22,首次\n李四,2024/5/3 9:05,\n';
const EXPECTED = [
  ['客服', '咨询时间', '备注'],
  ['张三', '2024-05-03 14:22', '首次'],
  ['李四', '2024/5/3 9:05', null],
];

describe('readCsv: encodings', () => {
  it('reads UTF-8 without BOM', async () => {
    expect(await cells(await write('u8.csv', TEXT))).toEqual(EXPECTED);
  });

  it('reads UTF-8 with BOM and strips it', async () => {
    const path = await write('u8bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(await cells(path)).toEqual(EXPECTED);
  });

  it('reads UTF-16 LE and BE with BOM', async () => {
    const le = await write('u16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]));
    expect(await cells(le)).toEqual(EXPECTED);
    const be = await write('u16be.csv', iconv.encode('\ufeff' + TEXT, 'utf16be'));
    expect(await cells(be)).toEqual(EXPECTED);
  });

  it('detects real GBK bytes (Chinese headers and values)', async () => {
    const path = await write('gbk.csv', iconv.encode(TEXT, 'gbk'));
    expect(await cells(path)).toEqual(EXPECTED);
  });

  it('decodes GB18030-only characters (4-byte sequences)', async () => {
    const text = '货号,名称\nA1,𠀀㐀€龦\n';
    const path = await write('gb18030.csv', iconv.encode(text, 'gb18030'));
    expect(await cells(path)).toEqual([
      ['货号', '名称'],
      ['A1', '𠀀㐀€龦'],
    ]);
  });

  it('finds GBK after more than 64 KiB of ASCII', async () => {
    const ascii = 'sku,name\n' + 'A1,x\n'.repeat(20_000);
    const path = await write('late-gbk.csv', Buffer.concat([Buffer.from(ascii), iconv.encode('B2,苹果\n', 'gbk')]));
    const all = await cells(path);
    expect(all).toHaveLength(20_002);
    expect(all.at(-1)).toEqual(['B2', '苹果']);
  });

  it('decodes multi-byte characters split across stream chunks', async () => {
    // 64 KiB chunks; the odd prefix and the 4-byte 𠀀 put characters across chunk boundaries in each encoding.
    const value = '中文𠀀数据'.repeat(30_000);
    for (const enc of ['gb18030', 'utf8', 'utf16le'] as const) {
      const bom = enc === 'utf16le' ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0);
      const path = await write(`split-${enc}.csv`, Buffer.concat([bom, iconv.encode(`a,b\nxy,${value}\n`, enc)]));
      expect((await cells(path))[1][1]).toBe(value);
    }
  });

  it('lets --encoding override detection', async () => {
    // Detection would say UTF-8 for the second file: latin1 proves the override is used.
    const gbk = await write('forced-gbk.csv', iconv.encode(TEXT, 'gbk'));
    expect(await cells(gbk, { encoding: 'GBK' })).toEqual(EXPECTED);
    const u8 = await write('forced-latin1.csv', 'a,é\n');
    expect(await cells(u8, { encoding: 'latin1' })).toEqual([['a', 'Ã©']]);
    expect(await cells(u8, { encoding: 'UTF-8' })).toEqual([['a', 'é']]);
  });

  it('rejects an unknown --encoding as bad usage (exit 2)', () => {
    let err: unknown;
    try {
      readCsv('/nowhere.csv', 'x.csv', { encoding: 'klingon' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect(err).not.toBeInstanceOf(FileError);
    expect((err as UsageError).exitCode).toBe(2);
    expect((err as UsageError).text.en).toContain('klingon');
    expect((err as UsageError).text.zh).toContain('klingon');
  });

  it('reads a UTF-8 BOM over GBK bytes as GBK (the BOM was added by an editor), and still honours --encoding', async () => {
    const path = await write('bom-gbk.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), iconv.encode('名称,数量\n苹果,3\n', 'gbk')]));
    expect(await cells(path)).toEqual([['名称', '数量'], ['苹果', '3']]);
    const [[forced]] = await cells(path, { encoding: 'utf-8' });
    expect(forced).toContain('\ufffd');
  });

  it('refuses binary data named .csv (NUL bytes), unless an encoding is forced', async () => {
    const path = await write('picture.csv', Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'), Buffer.alloc(16)]));
    const err = await fileError(cells(path));
    expect(err.text.en).toContain('not a text (CSV) file');
    const utf16 = await write('no-bom-utf16.csv', Buffer.from('a,b\n1,2\n', 'utf16le'));
    expect(await cells(utf16, { encoding: 'utf16le' })).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('decodes a GBK file whose last character is cut in half, ending in U+FFFD', async () => {
    const bytes = iconv.encode('名称,数量\n苹果,3\n备注,中文', 'gbk');
    const path = await write('cut.csv', bytes.subarray(0, bytes.length - 1));
    expect(await cells(path)).toEqual([
      ['名称', '数量'],
      ['苹果', '3'],
      ['备注', '中\ufffd'],
    ]);
  });
});

describe('readCsv: delimiters', () => {
  it('detects tab and semicolon', async () => {
    const tab = await write('tab.tsv.csv', '名称\t数量\n苹果, 红\t1,200\n梨\t3\n');
    expect(await cells(tab)).toEqual([
      ['名称', '数量'],
      ['苹果, 红', '1,200'],
      ['梨', '3'],
    ]);
    const semi = await write('semi.csv', 'a;b;c\n1;2,5;3\n4;5;6\n');
    expect(await cells(semi)).toEqual([
      ['a', 'b', 'c'],
      ['1', '2,5', '3'],
      ['4', '5', '6'],
    ]);
  });

  it('ignores delimiters inside quotes and title rows', () => {
    expect(detectDelimiter('2024年5月咨询记录\n"a;b;c",d\n"x;y;z",w\n')).toBe(',');
    expect(detectDelimiter('"a,b,c"\td\te\n"x,\ny"\tw\tv\n')).toBe('\t');
    expect(detectDelimiter('')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });
});

describe('readCsv: records', () => {
  it('keeps quoted delimiters and newlines; rows are record numbers', async () => {
    const path = await write('quoted.csv', 'a,b\n"x, y","line1\nline2\r\nline3"\nlast,"say ""hi"""\n');
    expect(await rows(path)).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['x, y', 'line1\nline2\r\nline3'] },
      { row: 3, cells: ['last', 'say "hi"'] },
    ]);
  });

  it('keeps blank lines as rows with no cells, and ragged rows as they are', async () => {
    const path = await write('ragged.csv', 'a,b,c\n\n1\n1,2,3,4\n,,\n');
    expect(await rows(path)).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: [] },
      { row: 3, cells: ['1'] },
      { row: 4, cells: ['1', '2', '3', '4'] },
      { row: 5, cells: [null, null, null] },
    ]);
  });

  it('handles mixed line endings and no final newline', async () => {
    const path = await write('mixed.csv', 'a,b\r\n1,2\n3,4\r5,6\r\n\r\n7,8');
    expect(await cells(path)).toEqual([['a', 'b'], ['1', '2'], ['3', '4'], ['5', '6'], [], ['7', '8']]);
  });

  it('keeps raw strings: no trimming, no type inference, quote inside a field is text', async () => {
    const path = await write('raw.csv', ' 12 ,TRUE,2024-05-03,a"b\n');
    expect(await cells(path)).toEqual([[' 12 ', 'TRUE', '2024-05-03', 'a"b']]);
  });

  it('reads an empty file as no rows, names the sheet after the file', async () => {
    const path = await write('empty.csv', '');
    expect(await rows(path)).toEqual([]);
    expect(readCsv(path, 'sub/进货.2024.csv').sheet).toBe('进货.2024');
  });

  it('can be iterated again, and stops early without leaking', async () => {
    const path = await write('again.csv', 'a\nb\nc\n');
    const table = readCsv(path, 'again.csv');
    for await (const r of table.rows) {
      expect(r.row).toBe(1);
      break;
    }
    const all: RawRow[] = [];
    for await (const r of table.rows) all.push(r);
    expect(all.map((r) => r.row)).toEqual([1, 2, 3]);
  });
});

describe('readCsv: errors', () => {
  it('reports an unclosed quote with its row and line, in both languages', async () => {
    const path = await write('unclosed.csv', 'a,b\n1,"2\n3,4\n5,6\n');
    const err = await fileError(rows(path));
    expect(err.file).toBe('data.csv');
    expect(err.exitCode).toBe(2);
    expect(err.text.en).toContain('data.csv');
    expect(err.text.en).toMatch(/row 2\b.*line 4/);
    expect(err.text.zh).toContain('第 2 行');
    expect(err.text.zh).toContain('引号');
  });

  it('stops a record over the size guard, naming the row', async () => {
    const path = await write('big.csv', 'a,b\n1,2\n3,"' + 'x'.repeat(5000) + '"\n');
    const err = await fileError(rows(path, { maxRecordBytes: 1024 }));
    expect(err.text.en).toContain('row 3');
    expect(err.text.en).toContain('1024 B');
    expect(err.text.zh).toContain('第 3 行');
  });

  it('has a 16 MiB guard by default', async () => {
    const path = await write('huge.csv', 'a\n"' + 'x'.repeat(16 * 1024 * 1024 + 10));
    const err = await fileError(rows(path));
    expect(err.text.en).toContain('row 2 is larger than 16 MiB');
  });

  it('turns a missing file into a FileError', async () => {
    const err = await fileError(rows(join(dir, 'missing.csv')));
    expect(err.text.en).toContain('cannot read');
  });
});
